import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../lib/store/database';
import { loadConfig } from '../../src/config';
import { bannerRequest, formToken } from './http';
import { startTestBanner, type TestBanner } from './start-banner';

const seized = { domain: 'seized-shop.com', caseRef: 'HSI-NY-2026-0142', court: 'U.S. District Court for the Southern District of New York', docket: '26-MJ-04417' };

let dir: string;
let db: Db;
let banner: TestBanner;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banner-test-'));
  db = openDatabase(path.join(dir, 'takedown.db'));
  banner = await startTestBanner(db);
  banner.allowList.add(seized);
});
afterEach(async () => {
  await banner.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (host: string, requestPath = '/') => bannerRequest(banner.url, { host, path: requestPath });
const tip = async (form: Record<string, string>, headers: Record<string, string> = {}) => {
  const page = await get(seized.domain);
  return bannerRequest(banner.url, { host: seized.domain, path: '/tip', form: { token: formToken(page.body), ...form }, headers });
};

test('a seized host gets the banner: warrant, court, statutes, IPR Center, case reference, public-service link and tip form', async () => {
  const page = await get('SEIZED-SHOP.com:8090');
  expect(page.status).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  expect(page.body).toContain('seizure warrant issued by the\n  <strong>U.S. District Court for the Southern District of New York</strong>');
  expect(page.body).toContain('18 U.S.C. §§ 981 and 2323');
  expect(page.body).toContain('National Intellectual Property Rights Coordination Center');
  expect(page.body).toContain('HSI-NY-2026-0142');
  expect(page.body).toContain('<a href="/public-service">');
  expect(page.body).toMatch(/<form method="post" action="\/tip"/);
  expect(page.body).toContain('data-domain="seized-shop.com" data-case-ref="HSI-NY-2026-0142"');
  // Nothing is loaded from anywhere else: no external scripts, fonts or stylesheets.
  expect(page.body).not.toMatch(/<script|<link|@import|https?:\/\/(?!www\.w3)/);
  // Old links into the shop land on the banner; so does a subdomain under the seized delegation.
  expect((await get(seized.domain, '/products/handbag-99?ref=ig')).status).toBe(200);
  expect((await get(`www.${seized.domain}`)).body).toContain('data-domain="seized-shop.com"');
  expect((await get(seized.domain, '/public-service')).body).toContain('counterfeit goods are not a bargain');
});

test('any other host gets a plain 404, whatever it asks for: the allow-list, not DNS, decides', async () => {
  for (const host of ['unseized-shop.com', 'seized-shop.com.evil.example', 'shop.com', '127.0.0.1', '[::1]:80', '']) {
    const page = await bannerRequest(banner.url, { host, path: '/' });
    expect([host, page.status, page.headers['content-type'], page.body]).toEqual([host, 404, 'text/plain; charset=utf-8', 'Not Found\n']);
  }
  const post = await bannerRequest(banner.url, { host: 'unseized-shop.com', path: '/tip', form: { message: 'hello' } });
  expect(post.status).toBe(404);
});

test('hits are counted per domain and day', async () => {
  expect(banner.hits.total(seized.domain)).toBe(0);
  for (let i = 0; i < 3; i++) await get(seized.domain);
  await get(seized.domain, '/favicon.ico');
  await get('unseized-shop.com');
  expect(banner.hits.total(seized.domain)).toBe(3);
  expect(banner.hits.byDay(seized.domain)).toEqual([{ day: new Date().toISOString().slice(0, 10), hits: 3 }]);
});

test('a tip is stored as a lead with the domain, case, time and a hash of the client address; name and contact are optional', async () => {
  const anonymous = await tip({ message: 'The same shop now trades as luxury-outlet-2.example.' });
  expect(anonymous.status).toBe(200);
  expect(anonymous.body).toContain('Your tip has been received');
  const named = await tip({ message: 'I bought a fake bag there.', name: 'Jo Public', contact: 'jo@example.org' });
  expect(named.body).toMatch(/Reference: <strong>TIP-\d+<\/strong>/);
  const tips = banner.tips.forDomain(seized.domain);
  expect(tips).toEqual([
    expect.objectContaining({ domain: seized.domain, caseRef: seized.caseRef, message: 'The same shop now trades as luxury-outlet-2.example.', name: undefined, contact: undefined }),
    expect.objectContaining({ message: 'I bought a fake bag there.', name: 'Jo Public', contact: 'jo@example.org' }),
  ]);
  expect(tips[0]!.clientHash).toMatch(/^[0-9a-f]{32}$/);
  expect(JSON.stringify(tips)).not.toContain('127.0.0.1');
  expect(Date.now() - Date.parse(tips[0]!.receivedAt)).toBeLessThan(10_000);
});

test('a too-large, empty, forged or too-frequent tip is refused and not stored', async () => {
  expect((await tip({ message: 'x'.repeat(501) })).status).toBe(413);
  expect((await tip({ message: 'ok', name: 'n'.repeat(201) })).status).toBe(413);
  const huge = await bannerRequest(banner.url, { host: seized.domain, path: '/tip', form: { message: 'y'.repeat(20_000) } });
  expect(huge.status).toBe(413);
  expect((await tip({ message: '   ' })).status).toBe(400);
  expect((await bannerRequest(banner.url, { host: seized.domain, path: '/tip', form: { message: 'no token' } })).status).toBe(403);
  expect((await tip({ message: 'cross-site' }, { origin: 'https://attacker.example' })).status).toBe(403);
  expect(banner.tips.forDomain(seized.domain)).toHaveLength(0);

  for (let i = 1; i <= 3; i++) expect((await tip({ message: `tip ${i}` }, { origin: 'http://seized-shop.com' })).status).toBe(200);
  const fourth = await tip({ message: 'tip 4' });
  expect(fourth.status).toBe(429);
  expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(3000);
  expect(banner.tips.forDomain(seized.domain).map((t) => t.message)).toEqual(['tip 1', 'tip 2', 'tip 3']);
});

test('a released domain gets a 404; a forfeited one can show the public-service page', async () => {
  banner.allowList.add({ ...seized, domain: 'forfeited-shop.com' });
  expect(banner.allowList.setMode('forfeited-shop.com', 'public-service')).toBe(true);
  const psa = await get('forfeited-shop.com');
  expect(psa.status).toBe(200);
  expect(psa.body).toContain('data-takedown-banner="public-service"');
  expect(psa.body).not.toContain('<form');

  expect(banner.allowList.release(seized.domain, 'case dropped')).toBe(true);
  expect((await get(seized.domain)).status).toBe(404);
  expect(banner.allowList.get(seized.domain)).toMatchObject({ releaseReason: 'case dropped', releasedAt: expect.any(String) });
  // Seized again later: back on the list with the seizure page.
  banner.allowList.add(seized);
  expect((await get(seized.domain)).body).toContain('data-takedown-banner="seizure"');
});

describe('the client address behind a reverse proxy (TAKEDOWN_TRUST_PROXY)', () => {
  const tipFrom = async (proxied: TestBanner, client: string, message: string) => {
    const page = await bannerRequest(proxied.url, { host: seized.domain });
    return bannerRequest(proxied.url, { host: seized.domain, path: '/tip', form: { token: formToken(page.body), message }, headers: { 'x-forwarded-for': client } });
  };

  test('behind a trusted proxy each visitor has their own tip limit', async () => {
    // The test connects from 127.0.0.1, here the proxy; X-Forwarded-For names the visitor.
    const proxied = await startTestBanner(db, {}, undefined, ['127.0.0.1']);
    try {
      proxied.allowList.add(seized);
      for (let i = 1; i <= 3; i++) expect((await tipFrom(proxied, '203.0.113.5', `tip ${i}`)).status).toBe(200);
      expect((await tipFrom(proxied, '203.0.113.5', 'tip 4')).status).toBe(429);
      expect((await tipFrom(proxied, '203.0.113.6', 'another visitor')).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  test('from a connection that is not a trusted proxy a forged X-Forwarded-For does not escape the limit', async () => {
    const direct = await startTestBanner(db, {}, undefined, ['10.0.0.1']);
    try {
      direct.allowList.add(seized);
      const statuses = [];
      for (let i = 1; i <= 5; i++) statuses.push((await tipFrom(direct, `198.51.100.${i}`, `tip ${i}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await direct.close();
    }
  });

  test('the old TAKEDOWN_BANNER_TRUST_PROXY=true (trust anyone) is refused with what replaces it; proxy addresses are checked', () => {
    expect(() => loadConfig({ TAKEDOWN_BANNER_TRUST_PROXY: 'true' })).toThrow(/TAKEDOWN_BANNER_TRUST_PROXY: replaced by TAKEDOWN_TRUST_PROXY: list the addresses of your reverse proxies/);
    expect(loadConfig({ TAKEDOWN_BANNER_TRUST_PROXY: 'false' }).TAKEDOWN_TRUST_PROXY).toEqual([]);
    expect(loadConfig({ TAKEDOWN_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,loopback' }).TAKEDOWN_TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'loopback']);
    expect(() => loadConfig({ TAKEDOWN_TRUST_PROXY: 'true' })).toThrow(/TAKEDOWN_TRUST_PROXY.*an IP address, a CIDR range/);
  });
});
