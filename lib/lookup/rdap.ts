import { domainToUnicode } from 'node:url';
import type { RawResponse, RegistrationRecord } from '../../domain/registration';
import { preferAbuseContact } from './abuse-contact';
import { type Bootstrap, isAllowedUrl, matchRdapServer } from './bootstrap';
import { isLookupFailure, lookupFailure } from './errors';
import { getRdap, unexpectedStatus, type HttpDeps } from './http';
import { domainFacts, parseRdapDomain, registrarFacts, registrarLink, type RdapDomain } from './rdap-parse';
import { registryName } from './registries';

/** Where the registrar's own record is, when the registry points to one we may follow. */
export interface RdapRegistrarLink {
  url: string;
  /** host[:port] of the registrar's RDAP server (what politeness is counted by). */
  host: string;
}

/**
 * The registry's RDAP record for a domain, merged with the registrar's record reached through the
 * registry's `related` link. The registry is authoritative for status, nameservers and dates (that is
 * where a seizure is executed and verified); the registrar's record is the better source for its abuse
 * contact, so its values win there.
 */
export async function rdapDomain(deps: HttpDeps & { bootstrap: Bootstrap }, domain: string): Promise<RegistrationRecord> {
  const { record, registrar } = await rdapRegistry(deps, domain);
  return registrar ? rdapWithRegistrar(deps, record, registrar) : record;
}

/**
 * Step one: the registry's record alone (its registrar facts, with the abuse contact ICANN's profile
 * nests there), and the registrar's link when there is one worth following (plain-http links to
 * non-loopback hosts are not).
 */
export async function rdapRegistry(deps: HttpDeps & { bootstrap: Bootstrap }, domain: string): Promise<{ record: RegistrationRecord; registrar?: RdapRegistrarLink }> {
  const match = matchRdapServer(deps.bootstrap, domain);
  if (!match) throw lookupFailure('NO_RDAP_SERVER', `the RDAP bootstrap (${deps.bootstrap.source}) lists no server for ${domain}`);
  if (match.refused !== undefined) throw lookupFailure('NO_RDAP_SERVER', match.refused);

  const url = `${match.base}domain/${domain}`;
  const fetched = await getRdap(deps, url);
  if (fetched.status === 404) throw lookupFailure('NOT_REGISTERED', `${domain}: the registry answered 404 at ${url}`, { details: { ...fetched.raw } });
  if (fetched.status !== 200) throw unexpectedStatus(fetched, 'the registry');
  const parsed = readRecord(fetched.text, fetched.raw, domain);

  const facts = domainFacts(parsed);
  const fromRegistry = registrarFacts(parsed);
  const link = registrarLink(parsed);
  const record: RegistrationRecord = {
    domain,
    unicode: parsed.unicodeName ?? (domainToUnicode(domain) || domain),
    registry: { name: registryName(match.suffix, new URL(match.base).hostname, parsed.port43), rdapBase: match.base, whoisHost: parsed.port43 },
    registrar: {
      // The registry's view of who sponsors the domain is authoritative; the registrar may use a trading name.
      name: fromRegistry.name ?? '',
      ianaId: fromRegistry.ianaId,
      rdapUrl: link,
      ...preferAbuseContact(fromRegistry, {}),
      abusePhone: fromRegistry.abusePhone,
    },
    nameservers: facts.nameservers,
    statuses: facts.statuses,
    events: facts.events,
    dnssec: facts.dnssec,
    source: 'rdap',
    raw: [fetched.raw],
  };
  return { record, registrar: link && isAllowedUrl(link) ? { url: link, host: new URL(link).host } : undefined };
}

/**
 * Step two: the registrar's record is a bonus: the registry's record already names the registrar and
 * (ICANN profile) nests its abuse contact. So a registrar that is down, slow, unknown (404) or garbled
 * leaves the registry's record as it is. A 429 fails (RATE_LIMITED, with Retry-After): retrying later is
 * what the registrar asked for.
 */
export async function rdapWithRegistrar(deps: HttpDeps, record: RegistrationRecord, link: RdapRegistrarLink): Promise<RegistrationRecord> {
  let fromRegistrar: RdapDomain | undefined;
  const raw: RawResponse[] = [...record.raw];
  try {
    const fetched = await getRdap(deps, link.url);
    raw.push(fetched.raw);
    fromRegistrar = fetched.status === 200 ? readRecord(fetched.text, fetched.raw, record.domain) : undefined;
  } catch (error) {
    if (isLookupFailure(error, 'RATE_LIMITED')) throw error;
  }
  if (!fromRegistrar) return { ...record, raw };
  const registrar = registrarFacts(fromRegistrar);
  const fallback = domainFacts(fromRegistrar).events;
  return {
    ...record,
    registrar: {
      name: record.registrar.name || registrar.name || '',
      ianaId: record.registrar.ianaId ?? registrar.ianaId,
      rdapUrl: link.url,
      // The registrar knows its own abuse desk best; the registry's address stands when the registrar's is refused.
      ...preferAbuseContact(registrar, record.registrar),
      abusePhone: registrar.abusePhone ?? record.registrar.abusePhone,
    },
    events: {
      registered: record.events.registered ?? fallback.registered,
      expires: record.events.expires ?? fallback.expires,
      lastChanged: record.events.lastChanged ?? fallback.lastChanged,
    },
    raw,
  };
}

/** Parses and checks that the record is about the domain we asked for (a cache or proxy can mix them up). */
function readRecord(text: string, raw: RawResponse, domain: string): RdapDomain {
  const parsed = parseRdapDomain(text);
  if (!parsed.ok) throw lookupFailure('BAD_RESPONSE', `${raw.url} is not an RDAP domain record: ${parsed.problem}`, { details: { ...raw } });
  const name = parsed.record.ldhName?.toLowerCase().replace(/\.$/, '');
  if (name && name !== domain) throw lookupFailure('BAD_RESPONSE', `${raw.url} answered for ${name}, not ${domain}`, { details: { ...raw } });
  return parsed.record;
}
