import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAllowList, createBannerActivities } from '../../activities/banner';
import { openDatabase } from '../../lib/store/database';
import { freePort } from '../../scripts/temporal-server';
import { startBanner, startTipRetention, tlsFromConfig } from '../../src/banner/server';
import { clientHasher, createTipStore } from '../../src/banner/tips';
import { loadConfig } from '../../src/config';
import { bannerRequest } from './http';

let dir: string;
// Servers and databases opened by a test, closed even when it fails (an open server keeps jest alive).
const opened: { close(): unknown }[] = [];
const keep = <T extends { close(): unknown }>(thing: T): T => { opened.push(thing); return thing; };
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banner-server-')); });
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A self-signed certificate for the seized name (and its www), as an operator would configure one. */
function selfSigned(): { cert: string; key: string } {
  const cert = path.join(dir, 'banner.crt');
  const key = path.join(dir, 'banner.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=seized-shop.com', '-addext', 'subjectAltName=DNS:seized-shop.com,DNS:www.seized-shop.com'], { stdio: 'ignore' });
  return { cert, key };
}

test('the banner process from configuration: HTTP and HTTPS, an allow-list changed by the activities that survives a restart', async () => {
  const tls = selfSigned();
  const env = { TAKEDOWN_DATA_DIR: dir, TAKEDOWN_BANNER_PORT: String(await freePort()), TAKEDOWN_BANNER_HTTPS_PORT: String(await freePort()), TAKEDOWN_BANNER_TLS_CERT: tls.cert, TAKEDOWN_BANNER_TLS_KEY: tls.key };
  const config = loadConfig(env);

  // The worker's side: the allow-list changes only through the activities.
  const workerDb = keep(openDatabase(config.dbFile));
  const activities = createBannerActivities({ allowList: createAllowList(workerDb) });
  const activity = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('WARN') });
  await activity.run(activities.addToBannerAllowList, { domain: 'Seized-Shop.COM.', caseRef: 'HSI-NY-2026-0142', court: 'U.S. District Court for the Eastern District of Virginia' });

  const db = keep(openDatabase(config.dbFile));
  const first = await startBanner(config, db);
  keep(first);
  const [httpUrl, httpsUrl] = first.urls;
  expect((await bannerRequest(httpUrl!, { host: 'seized-shop.com' })).body).toContain('Eastern District of Virginia');
  const secure = await bannerRequest(httpsUrl!, { host: 'www.seized-shop.com', ca: fs.readFileSync(tls.cert) });
  expect([secure.status, secure.body.includes('HSI-NY-2026-0142')]).toEqual([200, true]);
  await first.close();

  // Restarted: the list is in the SQLite file, not in memory.
  const banner = keep(await startBanner(config, keep(openDatabase(config.dbFile))));
  expect((await bannerRequest(banner.urls[0]!, { host: 'seized-shop.com' })).status).toBe(200);
  // Released by the activity: the running server stops answering for it at once.
  await activity.run(activities.releaseFromBannerAllowList, { domain: 'seized-shop.com', reason: 'claim succeeded' });
  expect((await bannerRequest(banner.urls[0]!, { host: 'seized-shop.com' })).status).toBe(404);
});

test('HTTPS needs both a certificate and a key; one alone stops the process naming the other', () => {
  expect(tlsFromConfig(loadConfig({ TAKEDOWN_DATA_DIR: dir }))).toBeUndefined();
  expect(() => tlsFromConfig(loadConfig({ TAKEDOWN_DATA_DIR: dir, TAKEDOWN_BANNER_TLS_CERT: '/etc/banner.crt' }))).toThrow(/TAKEDOWN_BANNER_TLS_KEY: required/);
  expect(() => loadConfig({ TAKEDOWN_BANNER_ADDRESSES: '192.0.2.10,not-an-ip' })).toThrow(/TAKEDOWN_BANNER_ADDRESSES/);
  expect(loadConfig({ TAKEDOWN_BANNER_ADDRESSES: '192.0.2.10, 2001:db8::10' }).TAKEDOWN_BANNER_ADDRESSES).toEqual(['192.0.2.10', '2001:db8::10']);
});

test('tip retention: the client hash goes after a day, a tip after TAKEDOWN_TIP_RETENTION; the banner applies it when it starts', async () => {
  const config = loadConfig({ TAKEDOWN_DATA_DIR: dir, TAKEDOWN_BANNER_PORT: String(await freePort()), TAKEDOWN_TIP_RETENTION: '30d' });
  expect(() => loadConfig({ TAKEDOWN_TIP_RETENTION: 'forever' })).toThrow(/TAKEDOWN_TIP_RETENTION: a duration like "24h", "3d" or "500ms"/);
  const db = keep(openDatabase(config.dbFile));
  const tips = createTipStore(db);
  const hash = clientHasher(config.TAKEDOWN_BANNER_SECRET)('203.0.113.7');
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const tip = (days: number, message: string) => tips.add({ domain: 'seized-shop.com', caseRef: 'HSI-NY-2026-0142', receivedAt: daysAgo(days), message, name: 'A. Visitor', contact: 'visitor@example.org', clientHash: hash });
  tip(0.01, 'the seller moved to a new domain today');
  tip(2, 'the same seller also runs a marketplace store');
  tip(31, 'an old lead, past the records schedule');

  const lines: string[] = [];
  const stop = startTipRetention(config, tips, (line) => lines.push(line));
  stop();
  const kept = tips.forDomain('seized-shop.com');
  expect(kept.map((t) => [t.message, t.clientHash])).toEqual([['the seller moved to a new domain today', hash], ['the same seller also runs a marketplace store', '']]);
  expect(kept[1]).toMatchObject({ name: 'A. Visitor', contact: 'visitor@example.org' }); // the lead itself is kept until its time
  expect(lines).toEqual(['tip retention: 1 tip(s) older than 30d deleted, 1 client hash(es) forgotten']);
  // The rate limit still sees the sender of the recent tip.
  expect(tips.recentFrom(hash, daysAgo(1 / 24))).toHaveLength(1);

  // The banner process runs the same sweep at start.
  tip(40, 'another old lead');
  keep(await startBanner(config, db));
  expect(tips.forDomain('seized-shop.com').map((t) => t.message)).not.toContain('another old lead');
});
