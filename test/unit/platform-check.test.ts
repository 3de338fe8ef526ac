import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkRemoved, type RemovalCheckDeps } from '../../activities/profiles/check-removed';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { startDnsServer, type LocalDnsServer } from '../helpers/dns-server';
import { startPlatformSite, type PlatformSite } from '../helpers/platform-site';

/** checkProfileRemoved's work against real local parts: a DNS server naming the platforms, their pages on 127.0.0.1. */
let dns: LocalDnsServer;
let site: PlatformSite;
let deps: RemovalCheckDeps;
beforeAll(async () => {
  [dns, site] = await Promise.all([startDnsServer({ 'www.tiktok.com': { A: ['127.0.0.1'] }, 'x.com': { A: ['127.0.0.1'] } }), startPlatformSite()]);
  deps = { blobs: createFileBlobStore(fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-check-'))), dnsServers: [dns.address], timeoutMs: 2000, allowHosts: [`127.0.0.1:${site.port}`], platforms: [{ platform: 'x', removal: { markers: ['Nothing to see here'] } }] };
});
afterAll(() => Promise.all([dns.close(), site.close()]));

const now = () => '2026-11-21T12:00:00.000Z';

test('a live profile is not removed; its page is kept', async () => {
  site.live('www.tiktok.com', '/@live.seller');
  const check = await checkRemoved(deps, { url: site.link('www.tiktok.com', '/@live.seller'), platform: 'tiktok' }, now);
  expect(check).toMatchObject({ status: 200, removed: false, at: now(), seen: expect.stringContaining('the profile page') });
  expect((await deps.blobs.get(check.bodySha256!))!.toString()).toContain('Designer sneakers');
});

test('the platform\'s status or its "not available" page counts as removed', async () => {
  site.remove('www.tiktok.com', '/@gone', { status: 410 });
  site.remove('www.tiktok.com', '/@hidden', { marker: "Couldn't find this account" });
  expect(await checkRemoved(deps, { url: site.link('www.tiktok.com', '/@gone'), platform: 'tiktok' }, now)).toMatchObject({ status: 410, removed: true });
  expect(await checkRemoved(deps, { url: site.link('www.tiktok.com', '/@hidden'), platform: 'tiktok' }, now)).toMatchObject({ status: 200, removed: true, seen: expect.stringContaining('shows "couldn\'t find this account"') });
});

test('a configured override of the removed page applies (config/platforms.json `removal`)', async () => {
  site.remove('x.com', '/changed', { marker: 'Nothing to see here' });
  expect(await checkRemoved(deps, { url: site.link('x.com', '/changed'), platform: 'x' }, now)).toMatchObject({ removed: true });
});

test('an unreachable page proves nothing: not removed, with what happened', async () => {
  const check = await checkRemoved(deps, { url: 'http://unknown.tiktok.example:9/@x', platform: 'tiktok' }, now);
  expect(check).toMatchObject({ status: 0, removed: false, seen: expect.stringMatching(/^no answer/) });
});

test('our evidence store failing is not the page failing: the check fails (to be retried, then waited on visibly) instead of saying "no answer"', async () => {
  site.live('www.tiktok.com', '/@store.down');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-check-down-'));
  fs.writeFileSync(path.join(dir, 'blobs'), 'not a directory');
  const broken = { ...deps, blobs: createFileBlobStore(path.join(dir, 'blobs')) };
  await expect(checkRemoved(broken, { url: site.link('www.tiktok.com', '/@store.down'), platform: 'tiktok' }, now)).rejects.toThrow(/ENOTDIR|EEXIST|not a directory/i);
});
