import { domainToUnicode } from 'node:url';
import type { RawResponse, RegistrationRecord } from '../../domain/registration';
import { type Bootstrap, isAllowedUrl, matchRdapServer } from './bootstrap';
import { isLookupFailure, lookupFailure } from './errors';
import { getRdap, unexpectedStatus, type HttpDeps } from './http';
import { domainFacts, parseRdapDomain, registrarFacts, registrarLink, type RdapDomain, type RegistrarFacts } from './rdap-parse';
import { registryName } from './registries';

/**
 * The registry's RDAP record for a domain, merged with the registrar's record reached through the
 * registry's `related` link. The registry is authoritative for status, nameservers and dates (that is
 * where a seizure is executed and verified); the registrar's record is the better source for its abuse
 * contact, so its values win there.
 */
export async function rdapDomain(deps: HttpDeps & { bootstrap: Bootstrap }, domain: string): Promise<RegistrationRecord> {
  const match = matchRdapServer(deps.bootstrap, domain);
  if (!match) throw lookupFailure('NO_RDAP_SERVER', `the RDAP bootstrap (${deps.bootstrap.source}) lists no server for ${domain}`);
  if (match.refused !== undefined) throw lookupFailure('NO_RDAP_SERVER', match.refused);

  const url = `${match.base}domain/${domain}`;
  const fetched = await getRdap(deps, url);
  if (fetched.status === 404) throw lookupFailure('NOT_REGISTERED', `${domain}: the registry answered 404 at ${url}`, { details: { ...fetched.raw } });
  if (fetched.status !== 200) throw unexpectedStatus(fetched, 'the registry');
  const record = readRecord(fetched.text, fetched.raw, domain);

  const raw: RawResponse[] = [fetched.raw];
  const fromRegistry = registrarFacts(record);
  const link = registrarLink(record);
  const fromRegistrar = link ? await registrarRecord(deps, link, domain, raw) : undefined;
  const facts = domainFacts(record);
  const fallback = fromRegistrar ? domainFacts(fromRegistrar) : undefined;

  return {
    domain,
    unicode: record.unicodeName ?? (domainToUnicode(domain) || domain),
    registry: { name: registryName(match.suffix, new URL(match.base).hostname, record.port43), rdapBase: match.base, whoisHost: record.port43 },
    registrar: mergeRegistrar(fromRegistry, fromRegistrar && registrarFacts(fromRegistrar), link),
    nameservers: facts.nameservers,
    statuses: facts.statuses,
    events: {
      registered: facts.events.registered ?? fallback?.events.registered,
      expires: facts.events.expires ?? fallback?.events.expires,
      lastChanged: facts.events.lastChanged ?? fallback?.events.lastChanged,
    },
    dnssec: facts.dnssec,
    source: 'rdap',
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

/**
 * The registrar's record is a bonus: the registry's record already names the registrar and (ICANN
 * profile) nests its abuse contact. So a registrar that is down, slow, unknown (404) or garbled does
 * not fail the lookup. A 429 does: retrying later is what the registrar asked for. Plain-http links to
 * non-loopback hosts are not followed.
 */
async function registrarRecord(deps: HttpDeps, link: string, domain: string, raw: RawResponse[]): Promise<RdapDomain | undefined> {
  if (!isAllowedUrl(link)) return undefined;
  try {
    const fetched = await getRdap(deps, link);
    raw.push(fetched.raw);
    return fetched.status === 200 ? readRecord(fetched.text, fetched.raw, domain) : undefined;
  } catch (error) {
    if (isLookupFailure(error, 'RATE_LIMITED')) throw error;
    return undefined;
  }
}

function mergeRegistrar(registry: RegistrarFacts, registrar: RegistrarFacts | undefined, rdapUrl: string | undefined) {
  return {
    // The registry's view of who sponsors the domain is authoritative; the registrar may use a trading name.
    name: registry.name ?? registrar?.name ?? '',
    ianaId: registry.ianaId ?? registrar?.ianaId,
    rdapUrl,
    abuseEmail: registrar?.abuseEmail ?? registry.abuseEmail,
    abusePhone: registrar?.abusePhone ?? registry.abusePhone,
  };
}
