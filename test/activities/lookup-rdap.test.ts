import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createLookup, loadBootstrap } from '../../lib/lookup';
import { createFileBlobStore, sha256Hex } from '../../lib/store/blob-store';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';

const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' };
let rdap: RdapFixtureServer;
let dir: string;
let lookup: ReturnType<typeof createLookup>;
const blobs = () => createFileBlobStore(path.join(dir, 'blobs'));

beforeAll(async () => {
  rdap = await startRdapServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-rdap-'));
  lookup = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: {}, blobs: blobs(), minIntervalMs: 0, timeoutMs: 2000 });
});
afterAll(async () => {
  await rdap.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The failure a lookup rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

test('a Verisign .com record: registry, registrar (via the related link), abuse contact, nameservers, statuses, dates', async () => {
  rdap.addDomain({ domain: 'luxury-outlet.com', registrar, nameservers: ['ns1.bulletproof.example', 'ns2.bulletproof.example'], statuses: ['clientTransferProhibited', 'clientDeleteProhibited'], registered: '2019-03-11T17:02:44Z', expires: '2027-03-11T17:02:44Z' });
  const record = await lookup.lookupRegistration('luxury-outlet.com');
  expect(record).toMatchObject({
    domain: 'luxury-outlet.com',
    unicode: 'luxury-outlet.com',
    source: 'rdap',
    registry: { name: 'VeriSign Global Registry Services', rdapBase: `${rdap.url}/com/v1/` },
    registrar: { ...registrar, rdapUrl: `${rdap.url}/registrar/9991/rdap/domain/luxury-outlet.com` },
    // Verisign answers in upper case; we keep lower case without the root dot.
    nameservers: ['ns1.bulletproof.example', 'ns2.bulletproof.example'],
    statuses: ['clientTransferProhibited', 'clientDeleteProhibited'],
    events: { registered: '2019-03-11T17:02:44.000Z', expires: '2027-03-11T17:02:44.000Z', lastChanged: '2025-02-09T08:15:31.000Z' },
    dnssec: false,
  });
  expect(record.raw.map((r) => [r.url, r.status])).toEqual([
    [`${rdap.url}/com/v1/domain/luxury-outlet.com`, 200],
    [`${rdap.url}/registrar/9991/rdap/domain/luxury-outlet.com`, 200],
  ]);
});

test('raw responses are stored byte for byte under their SHA-256', async () => {
  rdap.addDomain({ domain: 'raw-evidence.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  const record = await lookup.rdapDomain('raw-evidence.com');
  for (const raw of record.raw) {
    const stored = await blobs().get(raw.sha256);
    expect(stored).toBeDefined();
    expect(sha256Hex(stored!)).toBe(raw.sha256);
    // The same bytes the server sends: fetch it again ourselves and compare.
    const again = Buffer.from(await (await fetch(raw.url)).arrayBuffer());
    expect(sha256Hex(again)).toBe(raw.sha256);
    expect(Date.parse(raw.fetchedAt)).not.toBeNaN();
  }
  expect(JSON.parse(String(await blobs().get(record.raw[0]!.sha256))).ldhName).toBe('RAW-EVIDENCE.COM');
});

test('a PIR .org record, with port43 and a registrant the registry has emptied', async () => {
  rdap.addDomain({ domain: 'replica-bags.org', registrar: { name: 'Other Names LLC', ianaId: '9992', abuseEmail: 'abuse@othernames.example' }, nameservers: ['ns1.othernames.example', 'ns2.othernames.example'] });
  const record = await lookup.lookupRegistration('replica-bags.org');
  expect(record.registry).toEqual({ name: 'Public Interest Registry', rdapBase: `${rdap.url}/org/rdap/`, whoisHost: 'whois.publicinterestregistry.org' });
  expect(record.registrar).toEqual({ name: 'Other Names LLC', ianaId: '9992', abuseEmail: 'abuse@othernames.example', abusePhone: undefined, rdapUrl: `${rdap.url}/registrar/9992/rdap/domain/replica-bags.org` });
  expect(record.nameservers).toEqual(['ns1.othernames.example', 'ns2.othernames.example']);
  expect(record.statuses).toEqual(['clientTransferProhibited']);
});

test('an IDN keeps the punycode name and reports the registry\'s unicodeName', async () => {
  const domain = 'xn----8sbgvak2aeey8d.xn--p1ai';
  rdap.addDomain({ domain, unicodeName: 'копии-часов.рф', registrar: { name: 'Registrar of Names, Ltd.', ianaId: '9993', abuseEmail: 'abuse@registrar-of-names.example' }, nameservers: ['ns1.hosting-rf.example'], statuses: ['ok'] });
  const record = await lookup.lookupRegistration(domain);
  expect(record).toMatchObject({ domain, unicode: 'копии-часов.рф', registry: { name: 'Coordination Center for TLD RU' }, statuses: ['ok'], nameservers: ['ns1.hosting-rf.example'] });
});

test('a redacted registrar record still yields the registrar and its abuse desk, and no placeholder leaks', async () => {
  rdap.addDomain({ domain: 'hidden-owner.com', redacted: true, registrar, nameservers: ['ns1.bulletproof.example'] });
  const record = await lookup.lookupRegistration('hidden-owner.com');
  expect(record.registrar).toMatchObject({ name: registrar.name, ianaId: '9991', abuseEmail: registrar.abuseEmail, abusePhone: registrar.abusePhone });
  expect(JSON.stringify(record)).not.toMatch(/REDACTED/i);
  expect(String(await blobs().get(record.raw[1]!.sha256))).toContain('REDACTED FOR PRIVACY');
});

test('a seized domain shows the registry lock and the seizure nameservers', async () => {
  rdap.addDomain({ domain: 'seized-shop.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  rdap.seize('seized-shop.com', ['ns1.seizedservers.example', 'ns2.seizedservers.example']);
  const record = await lookup.rdapDomain('seized-shop.com');
  expect(record.statuses).toEqual(expect.arrayContaining(['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited']));
  expect(record.nameservers).toEqual(['ns1.seizedservers.example', 'ns2.seizedservers.example']);
});

test('404 from the registry is NOT_REGISTERED, non-retryable, with the stored answer in its details', async () => {
  const error = await failure(lookup.lookupRegistration('never-registered.com'));
  expect(error).toMatchObject({ type: 'NOT_REGISTERED', nonRetryable: true });
  const [details] = error.details as [{ status: number; sha256: string }];
  expect(details.status).toBe(404);
  expect(JSON.parse(String(await blobs().get(details.sha256)))).toMatchObject({ errorCode: 404, title: 'Not Found' });
});

test('429 with Retry-After is RATE_LIMITED, retryable, with nextRetryDelay and the header in the message', async () => {
  // Its own server: after a 429 the host is left alone for Retry-After, by every lookup in the process.
  const limited = await startRdapServer();
  try {
    limited.addDomain({ domain: 'busy-registry.com', registrar, nameservers: ['ns1.bulletproof.example'] });
    limited.setBehaviour('busy-registry.com', 'rate-limit', { retryAfterSeconds: 120 });
    const own = createLookup({ bootstrap: await loadBootstrap(limited.bootstrapFile), whoisServers: {}, blobs: blobs(), minIntervalMs: 0 });
    const error = await failure(own.lookupRegistration('busy-registry.com'));
    expect(error).toMatchObject({ type: 'RATE_LIMITED', nonRetryable: false, nextRetryDelay: 120_000 });
    expect(error.message).toContain('Retry-After: 120');
    // A second call does not knock again while the host asked us to wait.
    const again = await failure(own.lookupRegistration('busy-registry.com'));
    expect(again.type).toBe('RATE_LIMITED');
    expect(Number(again.nextRetryDelay)).toBeGreaterThan(100_000);
    expect(limited.requests).toHaveLength(1);
  } finally {
    await limited.close();
  }
});

test('malformed JSON is BAD_RESPONSE (retryable)', async () => {
  rdap.addDomain({ domain: 'garbled.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  rdap.setBehaviour('garbled.com', 'malformed');
  const error = await failure(lookup.lookupRegistration('garbled.com'));
  expect(error).toMatchObject({ type: 'BAD_RESPONSE', nonRetryable: false });
  expect(error.message).toMatch(/not JSON/);
});

test('a server slower than timeoutMs is LOOKUP_TIMEOUT (retryable)', async () => {
  rdap.addDomain({ domain: 'slow-registry.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  rdap.setBehaviour('slow-registry.com', 'slow', { delayMs: 5000 });
  const quick = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: {}, blobs: blobs(), minIntervalMs: 0, timeoutMs: 300 });
  const started = Date.now();
  const error = await failure(quick.lookupRegistration('slow-registry.com'));
  expect(error).toMatchObject({ type: 'LOOKUP_TIMEOUT', nonRetryable: false });
  expect(Date.now() - started).toBeLessThan(3000);
});

test('an unreachable registry is LOOKUP_TIMEOUT (it did not answer; retryable)', async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve)); // nothing listens there any more
  const dns = JSON.stringify({ version: '1.0', publication: '2025-06-02T00:00:00Z', services: [[['com'], [`http://127.0.0.1:${port}/com/v1/`]]] });
  const file = path.join(dir, 'unreachable-dns.json');
  fs.writeFileSync(file, dns);
  const down = createLookup({ bootstrap: await loadBootstrap(file), whoisServers: {}, blobs: blobs(), minIntervalMs: 0, timeoutMs: 2000 });
  const error = await failure(down.lookupRegistration('anything.com'));
  expect(error).toMatchObject({ type: 'LOOKUP_TIMEOUT', nonRetryable: false, message: expect.stringContaining('could not be reached: fetch failed (ECONNREFUSED)') });
});

test('a TLD with neither RDAP nor WHOIS is NO_RDAP_SERVER, non-retryable', async () => {
  const error = await failure(lookup.lookupRegistration('shop.zz-unknown'));
  expect(error).toMatchObject({ type: 'NO_RDAP_SERVER', nonRetryable: true });
  expect((await failure(lookup.rdapDomain('shop.zz-unknown'))).type).toBe('NO_RDAP_SERVER');
});
