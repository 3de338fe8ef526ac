/**
 * `takedown lookup <domain> [--json]`: who holds a domain, straight from the registry (RDAP, or WHOIS
 * for ccTLDs without RDAP), for an agent preparing a case. Reads TAKEDOWN_RDAP_BOOTSTRAP and
 * TAKEDOWN_WHOIS_SERVERS like the worker; raw answers go to ${TAKEDOWN_DATA_DIR:-.data}/blobs.
 * Exit status: 0 found, 1 the lookup failed (code and reason on stderr), 2 not a domain, 64 usage.
 */
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { TakedownError } from '../../domain/errors';
import type { RegistrationRecord } from '../../domain/registration';
import { normalizeTarget } from '../../domain/targets';
import { createLookup, loadBootstrap, parseWhoisServers } from '../../lib/lookup';
import { createFileBlobStore } from '../../lib/store/blob-store';
import type { CliIo } from './io';

const usage = 'usage: takedown lookup <domain> [--json]\n';
const codes = { ok: 0, failed: 1, invalidInput: 2, usage: 64 } as const;

export async function runLookup(args: string[], io: CliIo = process): Promise<number> {
  const say = (stream: NodeJS.WritableStream, text: string, code: number) => (stream.write(text), code);
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest.includes('--help') || rest.includes('-h')) return say(io.stdout, usage, codes.ok);
  if (rest.length !== 1 || rest[0]!.startsWith('-')) return say(io.stderr, usage, codes.usage);

  // Agents paste links and mixed case; look up the registrable domain the registry knows.
  const normalized = normalizeTarget(rest[0]!);
  if (!normalized.ok) return say(io.stderr, `takedown lookup: ${normalized.error.code}: ${normalized.error.message}\n`, codes.invalidInput);
  if (normalized.target.kind !== 'domain') {
    return say(io.stderr, `takedown lookup: ${rest[0]} is a ${normalized.target.kind} target, not a registrable domain\n`, codes.invalidInput);
  }

  try {
    const interval = Number(process.env.TAKEDOWN_LOOKUP_INTERVAL_MS ?? 1000);
    const lookup = createLookup({
      bootstrap: await loadBootstrap(process.env.TAKEDOWN_RDAP_BOOTSTRAP),
      whoisServers: parseWhoisServers(process.env.TAKEDOWN_WHOIS_SERVERS),
      blobs: createFileBlobStore(path.join(process.env.TAKEDOWN_DATA_DIR || '.data', 'blobs')),
      minIntervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 1000,
    });
    const record = await lookup.lookupRegistration(normalized.target.domain);
    return say(io.stdout, json ? `${JSON.stringify(record, null, 2)}\n` : describe(record), codes.ok);
  } catch (error) {
    if (error instanceof ApplicationFailure) return say(io.stderr, `takedown lookup: ${error.type}: ${error.message}\n`, codes.failed);
    if (error instanceof TakedownError) return say(io.stderr, `takedown lookup: ${error.code}: ${error.message}\n`, codes.failed);
    throw error;
  }
}

/** The record as a person reads it: who to serve, who to notify, what the registry shows now. */
export function describe(r: RegistrationRecord): string {
  const rows: Array<[string, string | undefined]> = [
    ['domain', r.unicode === r.domain ? r.domain : `${r.domain} (${r.unicode})`],
    ['registry', r.registry.name],
    ['registrar', r.registrar.name || '(not published)'],
    ['IANA ID', r.registrar.ianaId],
    ['abuse email', r.registrar.abuseEmail],
    ['abuse phone', r.registrar.abusePhone],
    ['nameservers', r.nameservers.join(', ')],
    ['statuses', r.statuses.join(', ')],
    ['registered', r.events.registered],
    ['expires', r.events.expires],
    ['DNSSEC', r.dnssec === undefined ? undefined : r.dnssec ? 'signed' : 'unsigned'],
    ['source', r.source === 'rdap' ? `RDAP ${r.registry.rdapBase ?? ''}`.trim() : `WHOIS ${r.registry.whoisHost ?? ''}`.trim()],
    ...r.raw.map((raw): [string, string] => ['raw', `${raw.url} ${raw.status} sha256:${raw.sha256}`]),
  ];
  return rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${`${k}:`.padEnd(13)}${v}\n`).join('');
}

export default runLookup;
