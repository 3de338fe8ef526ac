import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { captureSnapshots, type EvidenceDeps } from '../../activities/evidence/capture';
import { httpGet } from '../../lib/net/http-get';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { startDnsServer, type LocalDnsServer } from '../helpers/dns-server';

/**
 * Evidence capture against real local parts: a DNS server, the suspect's site on 127.0.0.1 (allow-listed
 * on its own port, as only tests do) and an "internal" service on another port of 127.0.0.1 that nothing
 * may reach. The suspect's pages redirect where an attacker would.
 */
const domain = 'luxury-outlet-ssrf.com';
let dns: LocalDnsServer;
let site: http.Server;
let internal: http.Server;
let sitePort: number;
let internalPort: number;
const siteRequests: { path: string; authorization?: string }[] = [];
const internalRequests: string[] = [];
let deps: EvidenceDeps;
let blobDir: string;

const listen = async (server: http.Server) => { await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); return (server.address() as AddressInfo).port; };

beforeAll(async () => {
  internal = http.createServer((request, response) => { internalRequests.push(request.url ?? ''); response.end('{"AccessKeyId":"internal-secret"}'); });
  site = http.createServer((request, response) => {
    const url = request.url ?? '/';
    siteRequests.push({ path: url, authorization: request.headers.authorization });
    const redirect = (location: string) => { response.writeHead(302, { location }); response.end(); };
    if (url === '/to-loopback') return redirect(`http://127.0.0.1:${internalPort}/admin`);
    if (url === '/to-loopback-name') return redirect(`http://internal.${domain}:${internalPort}/admin`);
    if (url === '/to-metadata') return redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
    if (url === '/to-other-domain') return redirect('http://evil.example.net/');
    if (url === '/to-shop') return redirect(`http://www.${domain}:${sitePort}/shop`);
    if (url === '/missing') { response.writeHead(404, { 'content-type': 'text/html' }); response.end('<title>Not found</title>'); return; }
    if (url === '/trickle') {
      response.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => response.write('.'), 100);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (url === '/big') { response.writeHead(200); response.end(Buffer.alloc(64 * 1024, 'x')); return; }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<title>Luxury Outlet</title><p>${url}</p>`);
  });
  [sitePort, internalPort] = await Promise.all([listen(site), listen(internal)]);
  dns = await startDnsServer({
    [domain]: { A: ['127.0.0.1'] }, [`www.${domain}`]: { A: ['127.0.0.1'] }, [`internal.${domain}`]: { A: ['127.0.0.1'] },
    [`office.${domain}`]: { A: ['10.20.30.40'] }, [`mapped.${domain}`]: { AAAA: ['::ffff:7f00:1'] },
  });
  blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-'));
  deps = { blobs: createFileBlobStore(blobDir), dnsServers: [dns.address], timeoutMs: 2000, allowHosts: [`127.0.0.1:${sitePort}`] };
});
afterAll(async () => {
  await Promise.all([dns.close(), new Promise((r) => site.close(r)), new Promise((r) => internal.close(r))]);
  fs.rmSync(blobDir, { recursive: true, force: true });
});

const at = () => '2026-12-01T12:00:00.000Z';
const capture = (url: string, options: Partial<EvidenceDeps> = {}) => captureSnapshots({ ...deps, ...options }, [url], 'agent-rivera', at, domain).then((s) => s[0]!);
const blobCount = () => fs.readdirSync(blobDir, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length;

test('a page on the domain is captured: status, headers, body by SHA-256, through the address that was checked', async () => {
  const snapshot = await capture(`http://user:secret@www.${domain}:${sitePort}/to-shop#frag`);
  // The name is known only to the test's DNS server, not to the system resolver: the connection went to the address we checked.
  expect(snapshot).toMatchObject({ status: 200, address: '127.0.0.1', finalUrl: `http://www.${domain}:${sitePort}/shop`, redirects: [`http://www.${domain}:${sitePort}/to-shop`], bytes: expect.any(Number) });
  expect(snapshot.failure).toBeUndefined();
  expect(snapshot.bodySha256).toMatch(/^[0-9a-f]{64}$/);
  // Credentials in a pasted link are never sent to the suspect's server.
  expect(siteRequests.find((r) => r.path === '/to-shop')?.authorization).toBeUndefined();
});

test('a redirect to 127.0.0.1 and to 169.254.169.254 is refused and recorded as refused, never as a capture', async () => {
  const blobsBefore = blobCount();
  const cases = [
    ['/to-loopback', `host 127.0.0.1 is outside ${domain}`],
    ['/to-loopback-name', `internal.${domain} resolves to 127.0.0.1; 127.0.0.1 is not a public address: loopback`],
    ['/to-metadata', `host 169.254.169.254 is outside ${domain}`],
  ];
  for (const [route, why] of cases) {
    const snapshot = await capture(`http://${domain}:${sitePort}${route}`);
    expect(snapshot).toMatchObject({ status: 0, bytes: 0, redirects: [`http://${domain}:${sitePort}${route}`], failure: { kind: 'refused', reason: expect.stringContaining(why!) } });
    expect(snapshot.failure!.reason).toMatch(/^redirect to http:\/\/.* refused: /);
    expect(snapshot.bodySha256).toBeUndefined();
  }
  // Without a domain to keep to (a profile page), the address rule alone refuses both, on every hop.
  const get = (route: string) => httpGet(`http://${domain}:${sitePort}${route}`, { dnsServers: [dns.address], allowHosts: deps.allowHosts });
  await expect(get('/to-loopback')).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining(`127.0.0.1 is not a public address: loopback`) });
  await expect(get('/to-metadata')).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('169.254.169.254 is not a public address: link-local') });
  expect(internalRequests).toEqual([]);
  expect(blobCount()).toBe(blobsBefore);
});

test('without the allow-list, the test site itself (on 127.0.0.1) is refused: nothing non-public is reachable by default', async () => {
  const snapshot = await capture(`http://${domain}:${sitePort}/`, { allowHosts: undefined });
  expect(snapshot.failure).toEqual({ kind: 'refused', reason: expect.stringContaining(`${domain} resolves to 127.0.0.1; 127.0.0.1 is not a public address: loopback`) });
  const direct = httpGet(`http://127.0.0.1:${internalPort}/`, { dnsServers: [dns.address] });
  await expect(direct).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('loopback') });
  expect(internalRequests).toEqual([]);
});

test('names resolving to a private or an IPv4-mapped loopback address are refused; a redirect off the domain is refused before any lookup', async () => {
  expect((await capture(`http://office.${domain}/`)).failure).toEqual({ kind: 'refused', reason: expect.stringContaining('10.20.30.40 is not a public address: private (RFC 1918') });
  expect((await capture(`http://mapped.${domain}:${sitePort}/`)).failure).toEqual({ kind: 'refused', reason: expect.stringContaining('IPv4-mapped 127.0.0.1: loopback') });
  expect((await capture(`http://${domain}:${sitePort}/to-other-domain`)).failure).toEqual({ kind: 'refused', reason: expect.stringContaining('host evil.example.net is outside luxury-outlet-ssrf.com') });
  expect((await capture('http://127.0.0.1:9/')).failure).toMatchObject({ kind: 'refused', reason: expect.stringContaining('outside') });
});

test('an HTTP error, a DNS failure and a page that never finishes are failures with their reason, not hashed as content', async () => {
  const blobsBefore = blobCount();
  expect(await capture(`http://${domain}:${sitePort}/missing`)).toMatchObject({ status: 404, failure: { kind: 'http', reason: `HTTP 404 from http://${domain}:${sitePort}/missing` } });
  expect(await capture(`http://nowhere.${domain}/`)).toMatchObject({ status: 0, failure: { kind: 'dns', reason: expect.stringContaining('NXDOMAIN') } });
  const started = Date.now();
  const slow = await capture(`http://${domain}:${sitePort}/trickle`, { timeoutMs: 300 });
  expect(slow).toMatchObject({ status: 0, failure: { kind: 'timeout' } });
  expect(Date.now() - started).toBeLessThan(3000); // the total limit (2 × 300 ms), though a byte arrives every 100 ms
  expect(blobCount()).toBe(blobsBefore);
  for (const s of [slow]) expect(s.bodySha256).toBeUndefined();
});

test('the body is capped at its size limit and marked truncated', async () => {
  const page = await httpGet(`http://${domain}:${sitePort}/big`, { dnsServers: [dns.address], maxBytes: 1000, allowHosts: [`127.0.0.1:${sitePort}`], scope: domain });
  expect(page).toMatchObject({ status: 200, truncated: true, address: '127.0.0.1' });
  expect(page.body.length).toBe(1000);
});
