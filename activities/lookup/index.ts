import type { RegistrationRecord } from '../../domain/registration';
import type { BlobStore } from '../store/blob-store';
import { type Bootstrap, matchRdapServer } from './bootstrap';
import { lookupFailure } from './errors';
import type { HttpDeps } from './http';
import { rdapDomain } from './rdap';
import { matchWhoisServer, whoisDomain } from './whois';
import { defaultWhoisServers } from './whois-servers';

export { loadBootstrap, matchRdapServer, ianaBootstrapUrl, vendoredBootstrapPath, type Bootstrap } from './bootstrap';
export { defaultWhoisServers, parseWhoisServers, whoisServerTable } from './whois-servers';
export { lookupFailure, type LookupErrorCode } from './errors';

export interface LookupDeps {
  bootstrap: Bootstrap; // from loadBootstrap()
  /** tld -> "host[:port]", e.g. TAKEDOWN_WHOIS_SERVERS. Laid over our own table (defaultWhoisServers): these win. */
  whoisServers: Record<string, string>;
  blobs: BlobStore; // raw responses are stored here; the record keeps url/status/sha256/fetchedAt
  timeoutMs?: number; // per request, default 10_000
  minIntervalMs?: number; // per host, default 1000 (1 request/second/host)
  fetch?: typeof fetch;
}

/**
 * The registration lookup (PRODUCT §3 step 1). Every failure is an ApplicationFailure whose `type` is
 * a catalogue code: NOT_REGISTERED and NO_RDAP_SERVER are non-retryable; RATE_LIMITED (with
 * nextRetryDelay from Retry-After), LOOKUP_TIMEOUT and BAD_RESPONSE are retryable.
 */
export function createLookup(deps: LookupDeps) {
  const http: HttpDeps & { bootstrap: Bootstrap } = {
    bootstrap: deps.bootstrap,
    blobs: deps.blobs,
    fetch: deps.fetch ?? fetch,
    timeoutMs: deps.timeoutMs ?? 10_000,
    minIntervalMs: deps.minIntervalMs ?? 1000,
  };
  const whoisServers = { ...defaultWhoisServers, ...deps.whoisServers };
  const whois = { whoisServers, blobs: deps.blobs, timeoutMs: http.timeoutMs, minIntervalMs: http.minIntervalMs };
  const normalise = (domain: string) => domain.trim().toLowerCase().replace(/\.$/, '');

  return {
    /** RDAP when the bootstrap knows the TLD; WHOIS only for TLDs without a usable RDAP server. */
    async lookupRegistration(domain: string): Promise<RegistrationRecord> {
      const name = normalise(domain);
      const rdap = matchRdapServer(deps.bootstrap, name);
      if (rdap?.base) return rdapDomain(http, name);
      // RDAP failures (timeouts, 5xx) do not fall back to WHOIS: RDAP is authoritative for gTLDs
      // (port-43 WHOIS is no longer required of them) and Temporal retries the activity instead.
      const server = matchWhoisServer(whoisServers, name);
      if (server) return whoisDomain(whois, name, server);
      const tld = name.split('.').pop();
      throw lookupFailure('NO_RDAP_SERVER', rdap?.refused ?? `neither the RDAP bootstrap (${deps.bootstrap.source}) nor the WHOIS table knows .${tld}`);
    },
    /** RDAP only: the registry's record (and the registrar's, via its related link). Verification uses this. */
    rdapDomain(domain: string): Promise<RegistrationRecord> {
      return rdapDomain(http, normalise(domain));
    },
  };
}

export type Lookup = ReturnType<typeof createLookup>;
