import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLookup, loadBootstrap } from '../../lib/lookup';
import { parseRetryAfter } from '../../lib/lookup/errors';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';

const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' };
let rdap: RdapFixtureServer;
let dir: string;
beforeEach(async () => {
  rdap = await startRdapServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-rate-'));
});
afterEach(async () => {
  await rdap.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

test('many concurrent lookups to one host are queued, not dropped, and spaced by at least minIntervalMs, across lookup instances', async () => {
  const domains = ['a', 'b', 'c', 'd', 'e'].map((x) => `counterfeit-${x}.com`);
  for (const domain of domains) rdap.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
  const bootstrap = await loadBootstrap(rdap.bootstrapFile);
  // Two instances, as two activities in one worker would have: the per-host queue is process-wide.
  const [one, two] = [0, 1].map(() => createLookup({ bootstrap, whoisServers: {}, blobs: createFileBlobStore(dir), minIntervalMs: 150 }));
  const records = await Promise.all(domains.map((domain, i) => (i % 2 ? one! : two!).lookupRegistration(domain)));

  expect(records.map((r) => r.domain)).toEqual(domains);
  expect(rdap.requests).toHaveLength(10); // registry + registrar record for each, all on 127.0.0.1:PORT
  for (const gap of gaps(rdap.requests.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(150);
});

test('the default is one request per second per host', async () => {
  rdap.addDomain({ domain: 'polite-default.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  const lookup = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: {}, blobs: createFileBlobStore(dir) });
  await lookup.lookupRegistration('polite-default.com');
  expect(rdap.requests).toHaveLength(2);
  expect(gaps(rdap.requests.map((r) => r.at))[0]).toBeGreaterThanOrEqual(1000);
});

test('different hosts are not held up by each other', async () => {
  const other = await startRdapServer();
  try {
    rdap.addDomain({ domain: 'host-one.com', registrar, nameservers: ['ns1.bulletproof.example'] });
    other.addDomain({ domain: 'host-two.com', registrar, nameservers: ['ns1.bulletproof.example'] });
    const [a, b] = await Promise.all([rdap, other].map(async (s) => createLookup({ bootstrap: await loadBootstrap(s.bootstrapFile), whoisServers: {}, blobs: createFileBlobStore(dir), minIntervalMs: 400 })));
    await Promise.all([a!.lookupRegistration('host-one.com'), b!.lookupRegistration('host-two.com')]);
    expect(Math.abs(rdap.requests[0]!.at - other.requests[0]!.at)).toBeLessThan(300);
  } finally {
    await other.close();
  }
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2025-06-02T12:00:00Z');
  expect(parseRetryAfter('120', now)).toBe(120_000);
  expect(parseRetryAfter('Mon, 02 Jun 2025 12:01:30 GMT', now)).toBe(90_000);
  expect(parseRetryAfter('Mon, 02 Jun 2025 11:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
});
