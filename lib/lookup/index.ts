import type { RegistrationRecord } from '../../domain/registration';
import type { BlobStore } from '../store/blob-store';
import { type Bootstrap, matchRdapServer } from './bootstrap';
import { lookupFailure } from './errors';
import type { HttpDeps } from './http';
import { fairnessKeyOf } from './hosts';
import { rdapDomain, rdapRegistry, rdapWithRegistrar } from './rdap';
import { hostKey, matchWhoisServer, whoisDomain, whoisRegistry, whoisWithRegistrar } from './whois';
import { defaultWhoisServers } from './whois-servers';

export { loadBootstrap, matchRdapServer, ianaBootstrapUrl, vendoredBootstrapPath, type Bootstrap } from './bootstrap';
export { defaultWhoisServers, parseWhoisServers, whoisServerTable } from './whois-servers';
export { lookupFailure, type LookupErrorCode } from './errors';
export { fairnessKeyOf } from './hosts';

/** Which server a domain's lookup asks first, and the fairness key its lookup task runs under. */
export interface LookupPlan {
  domain: string;
  protocol: 'rdap' | 'whois';
  /** host[:port] of the registry's RDAP or WHOIS server. */
  host: string;
  /** The host as a task-queue fairness key (at most 64 bytes). */
  fairnessKey: string;
}

/** The registrar's own server, when the registry points to one: a second host, looked up as its own task. */
export type RegistrarRef = { host: string; fairnessKey: string } & ({ protocol: 'rdap'; url: string } | { protocol: 'whois'; address: string });

/** The registry's record alone, and where the registrar's record is (if anywhere). */
export interface RegistryAnswer {
  record: RegistrationRecord;
  registrar?: RegistrarRef;
}

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

  /** RDAP when the bootstrap knows the TLD; WHOIS only for TLDs without a usable RDAP server. */
  const route = (name: string) => {
    const rdap = matchRdapServer(deps.bootstrap, name);
    if (rdap?.base) return { protocol: 'rdap' as const, host: new URL(rdap.base).host };
    // RDAP failures (timeouts, 5xx) do not fall back to WHOIS: RDAP is authoritative for gTLDs
    // (port-43 WHOIS is no longer required of them) and Temporal retries the activity instead.
    const server = matchWhoisServer(whoisServers, name);
    if (server) return { protocol: 'whois' as const, host: hostKey(server.address), server };
    const tld = name.split('.').pop();
    throw lookupFailure('NO_RDAP_SERVER', rdap?.refused ?? `neither the RDAP bootstrap (${deps.bootstrap.source}) nor the WHOIS table knows .${tld}`);
  };

  return {
    /** The whole lookup in one call: the registry, then the registrar (the CLI, and histories from before per-host lookups). */
    async lookupRegistration(domain: string): Promise<RegistrationRecord> {
      const name = normalise(domain);
      const to = route(name);
      return to.protocol === 'rdap' ? rdapDomain(http, name) : whoisDomain(whois, name, to.server);
    },
    /**
     * Which host the lookup asks first (no request is made): the workflow schedules the registry step
     * with it as the fairness key, so the server spaces lookups per host across every worker.
     */
    planLookup(domain: string): LookupPlan {
      const name = normalise(domain);
      const { protocol, host } = route(name);
      return { domain: name, protocol, host, fairnessKey: fairnessKeyOf(host) };
    },
    /** Step one: one request to the registry. */
    async lookupRegistry(domain: string): Promise<RegistryAnswer> {
      const name = normalise(domain);
      const to = route(name);
      if (to.protocol === 'rdap') {
        const { record, registrar } = await rdapRegistry(http, name);
        return { record, registrar: registrar && { protocol: 'rdap', url: registrar.url, host: registrar.host, fairnessKey: fairnessKeyOf(registrar.host) } };
      }
      const { record, registrar } = await whoisRegistry(whois, name, to.server);
      return { record, registrar: registrar && { protocol: 'whois', address: registrar.address, host: registrar.host, fairnessKey: fairnessKeyOf(registrar.host) } };
    },
    /** Step two: one request to the registrar, laid over the registry's record (a bonus: only a 429 fails it). */
    lookupRegistrar(answer: Required<RegistryAnswer>): Promise<RegistrationRecord> {
      const { record, registrar } = answer;
      return registrar.protocol === 'rdap'
        ? rdapWithRegistrar(http, record, { url: registrar.url, host: registrar.host })
        : whoisWithRegistrar(whois, record, { address: registrar.address, host: registrar.host });
    },
    /** RDAP only: the registry's record (and the registrar's, via its related link). Verification uses this. */
    rdapDomain(domain: string): Promise<RegistrationRecord> {
      return rdapDomain(http, normalise(domain));
    },
  };
}

export type Lookup = ReturnType<typeof createLookup>;
