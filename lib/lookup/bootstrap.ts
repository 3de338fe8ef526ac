import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { TakedownError } from '../../domain/errors';

/**
 * The IANA RDAP bootstrap for domains (RFC 9224, https://data.iana.org/rdap/dns.json):
 * `services` are `[[suffixes…], [base URLs…]]` pairs. The vendored copy is a curated subset of IANA's
 * file (common gTLDs plus a few ccTLDs that publish RDAP); `takedown refresh-bootstrap` replaces it
 * with the full file.
 */
export const ianaBootstrapUrl = 'https://data.iana.org/rdap/dns.json';
export const vendoredBootstrapPath = path.join(__dirname, 'iana-rdap-bootstrap.json');

const bootstrapFileSchema = z.looseObject({
  version: z.string(),
  publication: z.string(),
  description: z.string().optional(),
  services: z.array(z.tuple([z.array(z.string().min(1)).min(1), z.array(z.url({ protocol: /^https?$/ })).min(1)])).min(1),
});

export interface Bootstrap {
  /** Where it was loaded from (file path or URL). */
  source: string;
  version: string;
  publication: string;
  /** Lower-case suffix without dots at either end → base URLs (each ending in `/`), as listed. */
  services: ReadonlyMap<string, readonly string[]>;
}

/** What the bootstrap says about one domain: the matched suffix and a usable base, or why none is usable. */
export type RdapServerMatch = { suffix: string; base: string; refused?: undefined } | { suffix: string; base?: undefined; refused: string };

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Plain http is only for our own loopback fixtures: registration data in the clear could be altered in transit. */
export function isAllowedUrl(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname));
}

/** Validates a dns.json text. Throws CONFIG_INVALID with zod's explanation. */
export function parseBootstrap(text: string, source: string): Bootstrap {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TakedownError('CONFIG_INVALID', `RDAP bootstrap ${source} is not JSON: ${(error as Error).message}`);
  }
  const parsed = bootstrapFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new TakedownError('CONFIG_INVALID', `RDAP bootstrap ${source} is not in the IANA dns.json format:\n${z.prettifyError(parsed.error)}`);
  }
  const services = new Map<string, string[]>();
  for (const [suffixes, urls] of parsed.data.services) {
    // RFC 9224 says base URLs end in "/"; some copies in the wild forget it.
    const bases = urls.map((url) => (url.endsWith('/') ? url : `${url}/`));
    for (const suffix of suffixes) {
      const key = suffix.toLowerCase().replace(/^\.+|\.+$/g, '');
      if (!services.has(key)) services.set(key, bases);
    }
  }
  return { source, version: parsed.data.version, publication: parsed.data.publication, services };
}

/** Reads a bootstrap source: a file path or an http(s) URL (plain http only on loopback). */
export async function readBootstrapSource(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) {
    return fs.readFile(source, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new TakedownError('CONFIG_INVALID', `cannot read the RDAP bootstrap file ${source}: ${error.code ?? error.message}`);
    });
  }
  if (!isAllowedUrl(source)) throw new TakedownError('CONFIG_INVALID', `refusing plain-http RDAP bootstrap ${source}: use https (http is allowed only on loopback)`);
  let response: Response;
  try {
    response = await fetch(source, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new TakedownError('CONFIG_INVALID', `cannot download the RDAP bootstrap from ${source}: ${why} (offline? pass a file with --from, or set TAKEDOWN_RDAP_BOOTSTRAP)`);
  }
  if (!response.ok) throw new TakedownError('CONFIG_INVALID', `cannot download the RDAP bootstrap from ${source}: HTTP ${response.status}`);
  return response.text();
}

/** Loads and validates a bootstrap: a file path, an http(s) URL, or undefined for the vendored copy. */
export async function loadBootstrap(source: string | undefined): Promise<Bootstrap> {
  const where = source && source.trim() !== '' ? source.trim() : vendoredBootstrapPath;
  return parseBootstrap(await readBootstrapSource(where), where);
}

/** Candidate suffixes of a name, longest first: `a.example.co.uk` → `a.example.co.uk`, `example.co.uk`, `co.uk`, `uk`. */
export function suffixesOf(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/**
 * Label-wise longest match (RFC 9224 §4): the longest listed suffix wins. Among its base URLs https is
 * preferred; plain http is used only for loopback hosts. Undefined when no suffix is listed.
 */
export function matchRdapServer(bootstrap: Bootstrap, domain: string): RdapServerMatch | undefined {
  for (const suffix of suffixesOf(domain)) {
    const bases = bootstrap.services.get(suffix);
    if (!bases) continue;
    const base = bases.find((url) => url.startsWith('https://')) ?? bases.find(isAllowedUrl);
    if (base) return { suffix, base };
    return { suffix, refused: `the bootstrap lists only plain-http RDAP servers for .${suffix} (${bases.join(', ')}); http is allowed only for loopback hosts` };
  }
  return undefined;
}
