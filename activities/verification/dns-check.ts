import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { CheckOutcome } from './registry-check';

export interface DnsCheckOptions {
  /** Resolvers (`host:port`) to ask, each on its own; the system resolver when empty. */
  dnsServers: string[];
  seizureNameservers: string[];
  /** The banner server's addresses: every A/AAAA of a seized domain must be one of them. */
  bannerAddresses: string[];
  timeoutMs: number;
}

export interface DnsOutcome extends CheckOutcome {
  /** The address the public is sent to (first A, else first AAAA), where the HTTP check knocks. */
  address?: string;
}

type Answer = { values: string[] } | { error: string };

/**
 * The zone, as resolvers see it: the delegation must name exactly the seizure name servers and every
 * address must be the banner's. Each configured resolver is asked separately and all must agree, so a
 * resolver still caching the old delegation keeps the check open.
 */
export async function checkDns(domain: string, options: DnsCheckOptions): Promise<DnsOutcome> {
  const servers = options.dnsServers.length ? options.dnsServers : [undefined];
  const expectedNs = options.seizureNameservers.map(nsName).sort();
  const banner = new Set(options.bannerAddresses.map(canonicalIp));
  const views = await Promise.all(servers.map(async (server) => {
    const resolver = new dns.Resolver({ timeout: Math.min(options.timeoutMs, 5000), tries: 2 });
    if (server) resolver.setServers([server]);
    const [ns, a, aaaa] = await Promise.all([ask(resolver.resolveNs(domain)), ask(resolver.resolve4(domain)), ask(resolver.resolve6(domain))]);
    const seenNs = 'values' in ns ? ns.values.map(nsName).sort() : [];
    const addresses = [a, aaaa].flatMap((answer) => ('values' in answer ? answer.values.map(canonicalIp) : []));
    const nsOk = seenNs.length === expectedNs.length && seenNs.every((name, i) => name === expectedNs[i]);
    const addressesOk = addresses.length > 0 && addresses.every((address) => banner.has(address));
    const seen = `${server ?? 'system resolver'}: NS ${show(ns)}; A ${show(a)}; AAAA ${show(aaaa)}`;
    return { nsOk, addressesOk, addresses, seen };
  }));
  return {
    check: {
      name: 'dns',
      ok: views.every((v) => v.nsOk && v.addressesOk),
      expected: `NS ${expectedNs.join(', ')}; A/AAAA only ${[...banner].join(', ')}`,
      seen: views.map((v) => v.seen).join(' | '),
    },
    progress: views.some((v) => v.nsOk || v.addressesOk),
    address: views.find((v) => v.addresses.length > 0)?.addresses[0],
  };
}

/** An answer or why there is none: NXDOMAIN and "no such record" are facts to show, not failures. */
async function ask(query: Promise<string[]>): Promise<Answer> {
  try {
    return { values: await query };
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    return { error: code === 'ENOTFOUND' ? 'NXDOMAIN' : code === 'ENODATA' ? 'none' : code };
  }
}

function show(answer: Answer): string {
  if ('error' in answer) return answer.error;
  return answer.values.length ? answer.values.join(', ') : 'none';
}

const nsName = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** IPv6 written many ways (`2001:DB8::1`, `2001:db8:0::1`) compares as one. */
export function canonicalIp(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  return net.isIPv6(trimmed) ? new URL(`http://[${trimmed}]/`).hostname.slice(1, -1) : trimmed;
}
