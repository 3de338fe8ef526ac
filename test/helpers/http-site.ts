import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalSite {
  port: number;
  requests: { host: string; path: string; authorization?: string }[];
  /** From now on, `path` answers 302 to `location` (where a suspect's page might send the capture). */
  redirect(path: string, location: string): void;
  close(): Promise<void>;
}

/** A shop that sells counterfeits, served on 127.0.0.1: what the evidence capture fetches. */
export async function startCounterfeitShop(): Promise<LocalSite> {
  const requests: LocalSite['requests'] = [];
  const redirects = new Map<string, string>();
  const server = http.createServer((request, response) => {
    requests.push({ host: request.headers.host ?? '', path: request.url ?? '/', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
    const location = redirects.get(request.url ?? '/');
    if (location) { response.writeHead(302, { location }); response.end(); return; }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-shop': 'luxury-outlet' });
    response.end(`<!doctype html><title>Luxury Outlet</title><h1>Designer handbags 90% off</h1><p>Served as ${request.headers.host}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests, redirect: (path, location) => void redirects.set(path, location), close: () => new Promise((resolve) => server.close(() => resolve())) };
}
