/**
 * `takedown refresh-bootstrap [--from URL|FILE] [--out FILE]`: downloads IANA's RDAP bootstrap
 * (https://data.iana.org/rdap/dns.json by default), validates it, and replaces the vendored copy
 * (lib/lookup/iana-rdap-bootstrap.json) byte for byte, so its SHA-256 matches IANA's file.
 * Nothing is written unless the new file validates. Exit status: 0 written, 1 failed, 64 usage.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { TakedownError } from '../../domain/errors';
import { ianaBootstrapUrl, vendoredBootstrapPath } from '../../lib/lookup';
import { parseBootstrap, readBootstrapSource } from '../../lib/lookup/bootstrap';
import type { CliIo } from './io';

const usage = 'usage: takedown refresh-bootstrap [--from URL|FILE] [--out FILE]\n';

export async function runRefreshBootstrap(args: string[], io: CliIo = process): Promise<number> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--help' || flag === '-h') {
      io.stdout.write(usage);
      return 0;
    }
    const value = args[i + 1];
    if ((flag !== '--from' && flag !== '--out') || value === undefined) {
      io.stderr.write(usage);
      return 64;
    }
    options[flag.slice(2)] = value;
    i++;
  }
  const from = options.from ?? ianaBootstrapUrl;
  const out = options.out ?? vendoredBootstrapPath;
  try {
    const text = await readBootstrapSource(from);
    const bootstrap = parseBootstrap(text, from);
    // Write beside the target, then rename: a crash never leaves a half-written bootstrap behind.
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(`${out}.tmp`, text);
    await fs.rename(`${out}.tmp`, out);
    io.stdout.write(`RDAP bootstrap from ${from}: publication ${bootstrap.publication}, ${bootstrap.services.size} suffixes; written to ${out}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof TakedownError)) throw error;
    io.stderr.write(`takedown refresh-bootstrap: ${error.message}\n`);
    return 1;
  }
}

export default runRefreshBootstrap;
