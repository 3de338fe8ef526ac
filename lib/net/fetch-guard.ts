import { promises as dns } from 'node:dns';
import net from 'node:net';
import { nonPublicReason } from './public-address';

/** Why a fetch ended without a page: the evidence record says which, with the reason. */
export type FetchFailureKind = 'refused' | 'timeout' | 'dns' | 'connection';

export class FetchError extends Error {
  constructor(readonly kind: FetchFailureKind, message: string, readonly hops: string[] = []) {
    super(message);
    this.name = 'FetchError';
  }
}

/** The ports a page is fetched on, unless an address is allow-listed with its own port. */
export const webPorts: readonly number[] = [80, 443];

/**
 * Whether we may open a connection to `address:port`: a public address on 80 or 443, or an entry of
 * `allowHosts` (`address` for any port, `address:port`, `[v6]:port`). The allow-list exists for tests,
 * whose sites run on 127.0.0.1, and for the banner's own configured addresses; nothing in production
 * configuration fills it. Returns why not, or undefined when allowed.
 */
export function connectionRefusal(address: string, port: number, allowHosts: readonly string[] = []): string | undefined {
  const ip = canonicalAddress(address);
  if (allowHosts.some((entry) => allowListed(entry, ip, port))) return undefined;
  const reason = nonPublicReason(ip);
  if (reason) return `${ip} is not a public address: ${reason}`;
  if (!webPorts.includes(port)) return `port ${port} is not fetched: only 80 and 443`;
  return undefined;
}

function allowListed(entry: string, ip: string, port: number): boolean {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry.trim()) ?? /^([^:]+)(?::(\d+))?$/.exec(entry.trim()) ?? [entry, entry.trim(), undefined];
  const [, host = '', entryPort] = m;
  return canonicalAddress(host) === ip && (entryPort === undefined || Number(entryPort) === port);
}

/** One spelling per address, so `::FFFF:7f00:1` and `::ffff:127.0.0.1` compare equal. */
export function canonicalAddress(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  return net.isIPv6(bare) ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare;
}

/**
 * Every address the name resolves to (A and AAAA), through the configured resolvers or the system's.
 * A DNS failure is a FetchError of kind `dns`.
 */
export async function resolveAll(host: string, dnsServers: readonly string[], timeoutMs: number): Promise<string[]> {
  if (net.isIP(host)) return [host];
  try {
    if (dnsServers.length === 0) return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    const resolver = new dns.Resolver({ timeout: Math.min(timeoutMs, 5000), tries: 2 });
    resolver.setServers([...dnsServers]);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const addresses = [v4, v6].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
    if (addresses.length > 0) return addresses;
    const failure = [v4, v6].map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : undefined)).find(Boolean);
    throw new FetchError('dns', `${host}: no address (${failure === 'ENOTFOUND' ? 'NXDOMAIN' : failure ?? 'no A or AAAA record'})`);
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const code = (error as { code?: string }).code;
    throw new FetchError('dns', `${host}: no address (${code === 'ENOTFOUND' ? 'NXDOMAIN' : code ?? String(error)})`);
  }
}
