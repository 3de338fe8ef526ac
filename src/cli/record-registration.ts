/**
 * `takedown record-registration <domain> ...`: the manual-lookup task. When no registry answered, the agent
 * enters the registration record found by hand (registry, registrar and its abuse contact, name servers,
 * statuses, expiry, where it was found), from options or from a JSON file (`--from`, the API's `record`).
 */
import fs from 'node:fs';
import { apiClient, CliError } from './api-client';
import { last, parseArgs } from './args';
import { exitCodes, type CliIo } from './io';
import { runCommand } from './output';

const usage = `usage: takedown record-registration <domain> --registry NAME --registrar NAME --abuse-email EMAIL
                       --nameserver HOST [--nameserver HOST]... --found-at WHERE
                       [--iana-id N] [--abuse-phone PHONE] [--status STATUS]... [--expires YYYY-MM-DD]
       takedown record-registration <domain> --from record.json
`;

const known = ['registry', 'registrar', 'abuse-email', 'nameserver', 'found-at', 'iana-id', 'abuse-phone', 'status', 'expires', 'from', 'help'];

/** The record as the API takes it; options left out stay out, so the API names each missing field. */
export function recordFromOptions(options: Record<string, string[]>): Record<string, unknown> {
  return JSON.parse(JSON.stringify({
    registry: { name: last(options, 'registry') },
    registrar: { name: last(options, 'registrar'), ianaId: last(options, 'iana-id'), abuseEmail: last(options, 'abuse-email'), abusePhone: last(options, 'abuse-phone') },
    nameservers: options.nameserver ?? [],
    statuses: options.status ?? [],
    expires: last(options, 'expires'),
    foundAt: last(options, 'found-at'),
  })) as Record<string, unknown>;
}

export async function runRecordRegistration(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, ['help']);
  const unknown = Object.keys(options).filter((o) => !known.includes(o));
  if (positional.length !== 1 || unknown.length || options.help) { (options.help ? io.stdout : io.stderr).write(usage); return options.help ? exitCodes.ok : exitCodes.usage; }
  const domain = positional[0]!;
  return runCommand(io, async () => {
    const file = last(options, 'from');
    let record: unknown;
    if (file) {
      try {
        record = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
    } else record = recordFromOptions(options);
    await apiClient().request('POST', `/api/targets/${encodeURIComponent(domain)}/registration`, { record });
    io.stdout.write(`${domain}: registration recorded by hand; the target goes on with it\n`);
    return exitCodes.ok;
  });
}
