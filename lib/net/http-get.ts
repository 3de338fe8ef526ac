import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { checkFetchUrl } from '../../domain/fetch-scope';
import { FetchError, connectionRefusal, resolveAll } from './fetch-guard';

export { FetchError, type FetchFailureKind } from './fetch-guard';

export interface HttpGetOptions {
  /** DNS servers (`host:port`) to resolve names with; the system resolver when empty. */
  dnsServers?: string[];
  /** No progress (connect, headers, body) for this long ends the request. */
  timeoutMs?: number;
  /** The whole fetch, redirects included, ends after this long (a page that trickles in a byte at a time). */
  totalTimeoutMs?: number;
  maxBytes?: number;
  headers?: Record<string, string>;
  maxRedirects?: number;
  /** Every hop must be http(s) on this domain or a subdomain (domain/fetch-scope.ts); any host when absent. */
  scope?: string;
  /** Addresses reachable although not public or not on 80/443 (test sites, the banner's own addresses); see fetch-guard. */
  allowHosts?: readonly string[];
}

export interface HttpGetResult {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  truncated: boolean;
  /** The address connected to: the one checked. */
  address?: string;
  /** The URLs redirected through, in order, before finalUrl. */
  redirects: string[];
}

/**
 * GET a URL the way evidence must be fetched: each hop (the first and every redirect) is checked against
 * the scope, its name resolved once, every address checked (public, port 80/443, or allow-listed), and
 * the connection made to that checked address (pinned: no second lookup a rebinding DNS could answer
 * differently), with the Host header and TLS name of the URL. Body size and total time are capped. Never
 * throws on an HTTP status; throws FetchError (refused, timeout, dns, connection) when there is no page.
 */
export async function httpGet(url: string, options: HttpGetOptions = {}): Promise<HttpGetResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const deadline = AbortSignal.timeout(options.totalTimeoutMs ?? 2 * timeoutMs);
  const hops: string[] = [];
  let current = url;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
    const target = await checkedHop(current, options, timeoutMs, hops);
    let result: Omit<HttpGetResult, 'url' | 'finalUrl' | 'redirects'>;
    try {
      result = await getOnce(target, options, timeoutMs, deadline);
    } catch (error) {
      throw asFetchError(error, target.url, deadline, hops);
    }
    const location = result.headers['location'];
    if (result.status >= 300 && result.status < 400 && location) {
      hops.push(target.url);
      try {
        current = new URL(location, target.url).toString();
      } catch {
        throw new FetchError('refused', `redirect from ${target.url} to ${JSON.stringify(location.slice(0, 200))}, which is not a URL`, hops);
      }
      continue;
    }
    return { ...result, url, finalUrl: target.url, redirects: hops };
  }
  throw new FetchError('refused', `more than ${options.maxRedirects ?? 5} redirects from ${url}`, hops);
}

interface CheckedHop { url: string; address: string; family: 4 | 6 }

/** One hop's URL checked, resolved and every address judged before anything is sent. */
async function checkedHop(raw: string, options: HttpGetOptions, timeoutMs: number, hops: string[]): Promise<CheckedHop> {
  const refused = (reason: string) => new FetchError('refused', hops.length ? `redirect to ${raw} refused: ${reason}` : `${raw} refused: ${reason}`, hops);
  let url: string;
  if (options.scope) {
    const checked = checkFetchUrl(raw, options.scope);
    if (!checked.ok) throw refused(checked.reason);
    url = checked.url;
  } else {
    const parsed = safeUrl(raw);
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw refused('only http and https URLs are fetched');
    parsed.username = ''; parsed.password = ''; parsed.hash = '';
    url = parsed.toString();
  }
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  const addresses = await resolveAll(host, options.dnsServers ?? [], timeoutMs).catch((error: unknown) => {
    throw error instanceof FetchError ? new FetchError(error.kind, error.message, hops) : error;
  });
  for (const address of addresses) {
    const why = connectionRefusal(address, port, options.allowHosts);
    if (why) throw refused(net.isIP(host) ? why : `${host} resolves to ${address}; ${why}`);
  }
  const address = addresses[0]!;
  return { url, address, family: net.isIPv6(address) ? 6 : 4 };
}

function getOnce(target: CheckedHop, options: HttpGetOptions, timeoutMs: number, signal: AbortSignal): Promise<Omit<HttpGetResult, 'url' | 'finalUrl' | 'redirects'>> {
  const maxBytes = options.maxBytes ?? 5_000_000;
  const client = target.url.startsWith('https:') ? https : http;
  // The name was resolved and judged already: connect to that address, whatever a second lookup would say.
  const pinned = ((_host: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (lookupOptions?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
  return new Promise((resolve, reject) => {
    let stalled: FetchError | undefined;
    const headers = { 'user-agent': 'Takedown evidence capture', ...options.headers };
    const request = client.get(target.url, { lookup: pinned, agent: false, headers, timeout: timeoutMs, signal }, (response) => {
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
        address: response.socket?.remoteAddress ?? target.address,
      });
      response.on('end', done);
      response.on('close', () => (response.complete || truncated ? done() : reject(stalled ?? new Error(`${target.url}: the connection closed before the page was complete`))));
      response.on('error', (error) => reject(stalled ?? error));
    });
    request.on('timeout', () => { stalled = new FetchError('timeout', `no answer from ${target.url} within ${timeoutMs} ms`); request.destroy(stalled); });
    request.on('error', (error) => reject(stalled ?? error));
  });
}

function asFetchError(error: unknown, url: string, deadline: AbortSignal, hops: string[]): FetchError {
  if (error instanceof FetchError) return new FetchError(error.kind, error.message, hops);
  if (deadline.aborted) return new FetchError('timeout', `${url}: the fetch took longer than its time limit`, hops);
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return new FetchError('connection', `${url}: ${code && !message.includes(code) ? `${code} ` : ''}${message}`, hops);
}

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}
