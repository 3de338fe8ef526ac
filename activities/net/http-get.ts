import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface HttpGetOptions {
  /** DNS servers (`host:port`) to resolve names with; the system resolver when empty. */
  dnsServers?: string[];
  timeoutMs?: number;
  maxBytes?: number;
  headers?: Record<string, string>;
  maxRedirects?: number;
}

export interface HttpGetResult {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  address?: string;
}

/** A `lookup` that asks the configured DNS servers (dns.lookup ignores setServers, so we resolve ourselves). */
export function resolverLookup(dnsServers: string[]): LookupFunction | undefined {
  if (dnsServers.length === 0) return undefined;
  const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
  resolver.setServers(dnsServers);
  return (hostname, options, callback) => {
    resolver.resolve4(hostname, (error, addresses) => {
      if (error || addresses.length === 0) return callback(error ?? new Error(`no address for ${hostname}`), '', 4);
      const all = typeof options === 'object' && options.all;
      if (all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, addresses.map((address) => ({ address, family: 4 })));
      else callback(null, addresses[0]!, 4);
    });
  };
}

/** GET a URL with a hard size and time limit, following redirects; never throws on an HTTP status. */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const lookup = resolverLookup(options.dnsServers ?? []);
  let current = url;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const result = await getOnce(current, lookup, options);
    const location = result.headers['location'];
    if (result.status >= 300 && result.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    return { ...result, url, finalUrl: current };
  }
  throw new Error(`too many redirects from ${url}`);
}

function getOnce(url: string, lookup: LookupFunction | undefined, options: HttpGetOptions): Promise<Omit<HttpGetResult, 'url' | 'finalUrl'>> {
  const maxBytes = options.maxBytes ?? 5_000_000;
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup, headers: { 'user-agent': 'Takedown evidence capture', ...options.headers }, timeout: options.timeoutMs ?? 15_000 }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      response.on('data', (chunk: Buffer) => {
        if (size + chunk.length > maxBytes) { truncated = true; chunks.push(chunk.subarray(0, maxBytes - size)); size = maxBytes; response.destroy(); return; }
        chunks.push(chunk); size += chunk.length;
      });
      const done = () => resolve({
        status: response.statusCode ?? 0,
        headers: Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
        body: Buffer.concat(chunks),
        truncated,
        address: response.socket?.remoteAddress,
      });
      response.on('end', done);
      response.on('close', done);
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 15_000} ms`)));
    request.on('error', reject);
  });
}
