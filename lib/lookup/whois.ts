import { domainToUnicode } from 'node:url';
import { query } from 'whoiser';
import type { RawResponse, RegistrationRecord } from '../../domain/registration';
import type { BlobStore } from '../store/blob-store';
import { preferAbuseContact } from './abuse-contact';
import { maxLookupBodyBytes } from './http';
import { suffixesOf } from './bootstrap';
import { defaultRetryAfterMs, describeNetworkError, isLookupFailure, isTimeoutError, lookupFailure } from './errors';
import { blockHost, throttled } from './rate-limit';
import { registryName } from './registries';
import { parseWhois, type WhoisFacts } from './whois-parse';
import { splitHostPort } from './whois-servers';

export interface WhoisDeps {
  whoisServers: Record<string, string>;
  blobs: BlobStore;
  timeoutMs: number;
  minIntervalMs: number;
}

/** Label-wise longest match in the WHOIS table, like the RDAP bootstrap. */
export function matchWhoisServer(servers: Record<string, string>, domain: string): { suffix: string; address: string } | undefined {
  for (const suffix of suffixesOf(domain)) {
    const address = servers[suffix];
    if (address) return { suffix, address };
  }
  return undefined;
}

// Registries that throttle WHOIS usually say so in text rather than refusing the connection.
const throttleText = /limit exceeded|exceeded .{0,40}(rate|limit|quota)|too many (requests|queries|connections)|queried interval is too short/i;

/**
 * One polite WHOIS query through whoiser's `query` (the only whoiser call that honours a port and
 * reports errors instead of burying them in its result). The answer is stored as-is; WHOIS has no
 * status code, so the raw record's status is 0.
 */
async function ask(deps: WhoisDeps, address: string, domain: string): Promise<{ text: string; raw: RawResponse }> {
  const { host, port } = splitHostPort(address);
  const key = hostKey(address);
  return throttled(key, deps.minIntervalMs, async () => {
    const fetchedAt = new Date().toISOString();
    const url = `whois://${key}/${domain}`;
    let text: string;
    try {
      text = await query({ host, port, query: domain, timeout: deps.timeoutMs });
    } catch (error) {
      if (isTimeoutError(error)) throw lookupFailure('LOOKUP_TIMEOUT', `WHOIS ${key} did not answer within ${deps.timeoutMs} ms`, { details: { url } });
      throw lookupFailure('LOOKUP_TIMEOUT', `WHOIS ${key} could not be reached: ${describeNetworkError(error)}`, { details: { url } });
    }
    if (Buffer.byteLength(text, 'utf8') > maxLookupBodyBytes) {
      throw lookupFailure('BAD_RESPONSE', `WHOIS ${key} answered more than ${maxLookupBodyBytes / 1024} KiB for ${domain}; a domain record is a few kilobytes, so the answer is not read`, { nonRetryable: true, details: { url } });
    }
    const raw: RawResponse = { url, fetchedAt, status: 0, sha256: await deps.blobs.put(text) };
    if (throttleText.test(text)) {
      blockHost(key, defaultRetryAfterMs, `none (WHOIS), assumed ${defaultRetryAfterMs / 1000} s`);
      throw lookupFailure('RATE_LIMITED', `WHOIS ${key} refused: ${text.trim().slice(0, 120)}`, { nextRetryDelayMs: defaultRetryAfterMs, details: { ...raw } });
    }
    if (text.trim() === '') throw lookupFailure('BAD_RESPONSE', `WHOIS ${key} sent an empty answer for ${domain}`, { details: { ...raw } });
    return { text, raw };
  });
}

/** Where the registrar's own WHOIS record is, when a thin registry refers to it. */
export interface WhoisReferral {
  address: string;
  /** host:port of the registrar's WHOIS server (what politeness is counted by). */
  host: string;
}

/**
 * The registry's WHOIS answer, plus the registrar's when the registry refers to it (followed once:
 * a thin registry names the registrar's server, which has the abuse contact). A failing registrar
 * server does not fail the lookup, except when it asks us to slow down.
 */
export async function whoisDomain(deps: WhoisDeps, domain: string, server: { suffix: string; address: string }): Promise<RegistrationRecord> {
  const { record, registrar } = await whoisRegistry(deps, domain, server);
  return registrar ? whoisWithRegistrar(deps, record, registrar) : record;
}

/** Step one: the registry's WHOIS answer alone, and the registrar's server when the registry refers to another. */
export async function whoisRegistry(deps: WhoisDeps, domain: string, server: { suffix: string; address: string }): Promise<{ record: RegistrationRecord; registrar?: WhoisReferral }> {
  const unicode = domainToUnicode(domain) || domain;
  const registry = await ask(deps, server.address, domain);
  const facts = parseWhois(registry.text);
  if (facts.notFound) throw lookupFailure('NOT_REGISTERED', `${domain}: WHOIS ${server.address} has no match`, { details: { ...registry.raw } });
  if (facts.domainName?.includes('.') && ![domain, unicode].includes(facts.domainName.replace(/\.$/, ''))) {
    throw lookupFailure('BAD_RESPONSE', `WHOIS ${server.address} answered for ${facts.domainName}, not ${domain}`, { details: { ...registry.raw } });
  }
  const record: RegistrationRecord = {
    domain,
    unicode,
    registry: { name: registryName(server.suffix, splitHostPort(server.address).host), whoisHost: server.address },
    registrar: { name: facts.registrar.name ?? '', ianaId: facts.registrar.ianaId, ...preferAbuseContact(facts.registrar, {}), abusePhone: facts.registrar.abusePhone },
    nameservers: facts.nameservers,
    statuses: facts.statuses,
    events: { ...facts.events },
    dnssec: facts.dnssec,
    source: 'whois',
    raw: [registry.raw],
  };
  const referral = facts.referral && facts.referral.toLowerCase() !== server.address.toLowerCase() ? facts.referral : undefined;
  return { record, registrar: referral ? { address: referral, host: hostKey(referral) } : undefined };
}

/**
 * Step two: the registrar's WHOIS answer laid over the registry's: the registrar knows its own abuse desk
 * best; the registry's facts win everywhere else. A registrar server that fails leaves the record as it
 * is, except when it asks us to slow down (RATE_LIMITED).
 */
export async function whoisWithRegistrar(deps: WhoisDeps, record: RegistrationRecord, referral: WhoisReferral): Promise<RegistrationRecord> {
  const raw = [...record.raw];
  let registrar: WhoisFacts | undefined;
  try {
    const answer = await ask(deps, referral.address, record.domain);
    raw.push(answer.raw);
    const parsed = parseWhois(answer.text);
    registrar = parsed.notFound ? undefined : parsed;
  } catch (error) {
    if (isLookupFailure(error, 'RATE_LIMITED')) throw error;
  }
  if (!registrar) return { ...record, raw };
  return {
    ...record,
    registrar: {
      name: record.registrar.name || registrar.registrar.name || '',
      ianaId: record.registrar.ianaId ?? registrar.registrar.ianaId,
      ...preferAbuseContact(registrar.registrar, record.registrar),
      abusePhone: registrar.registrar.abusePhone ?? record.registrar.abusePhone,
    },
    nameservers: record.nameservers.length > 0 ? record.nameservers : registrar.nameservers,
    statuses: record.statuses.length > 0 ? record.statuses : registrar.statuses,
    events: {
      registered: record.events.registered ?? registrar.events.registered,
      expires: record.events.expires ?? registrar.events.expires,
      lastChanged: record.events.lastChanged ?? registrar.events.lastChanged,
    },
    dnssec: record.dnssec ?? registrar.dnssec,
    raw,
  };
}

/** "host[:port]" → "host:port", the key a WHOIS server's politeness is counted by. */
export function hostKey(address: string): string {
  const { host, port } = splitHostPort(address);
  return `${host}:${port}`;
}
