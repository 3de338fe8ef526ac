import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Page = { state: 'live' } | { state: 'removed'; status: number; body: string };

export interface PlatformSite {
  port: number;
  requests: { host: string; path: string }[];
  /** The link an agent pastes for a profile page served here: `http://<host>:<port><path>`. */
  link(host: string, path: string): string;
  /** The seller's profile is up (again). */
  live(host: string, path: string): void;
  /** The platform took it down: a status (404, 410) or its "not available" page (200 with the marker). */
  remove(host: string, path: string, how: { status: number } | { marker: string }): void;
  close(): Promise<void>;
}

/**
 * Stands in for platform pages (www.tiktok.com, x.com, www.ebay.com, …) on 127.0.0.1: the test's DNS server
 * maps those names here, the pasted links carry this port. Pages are keyed by host (without the port) and
 * path; an unknown page is a 404, as on the platforms.
 */
export async function startPlatformSite(): Promise<PlatformSite> {
  const pages = new Map<string, Page>();
  const requests: PlatformSite['requests'] = [];
  const keyOf = (host: string, path: string) => `${host.toLowerCase().replace(/:\d+$/, '')}${path}`;
  const server = http.createServer((request, response) => {
    const host = request.headers.host ?? '';
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push({ host, path });
    const page = pages.get(keyOf(host, path));
    if (!page) { response.writeHead(404, { 'content-type': 'text/html' }); response.end('<!doctype html><title>Page not found</title>'); return; }
    if (page.state === 'removed') { response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' }); response.end(page.body); return; }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>${path.slice(1)} | ${host}</title><h1>${path.slice(1)}</h1><p>Designer sneakers and bags, 90% off. DM to order.</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    requests,
    link: (host, path) => `http://${host}:${port}${path}`,
    live: (host, path) => void pages.set(keyOf(host, path), { state: 'live' }),
    remove: (host, path, how) => void pages.set(keyOf(host, path), 'status' in how
      ? { state: 'removed', status: how.status, body: '<!doctype html><title>Not found</title>' }
      : { state: 'removed', status: 200, body: `<!doctype html><title>Account</title><main><h2>${how.marker}</h2><p>Looking for videos? Try browsing our trending creators.</p></main>` }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
