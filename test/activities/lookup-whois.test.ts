import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { createLookup, loadBootstrap, parseWhoisServers } from '../../lib/lookup';
import { parseWhois } from '../../lib/lookup/whois-parse';
import { createFileBlobStore, sha256Hex } from '../../lib/store/blob-store';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';
import { startWhoisServer, type WhoisFixtureServer } from '../helpers/whois-server';

let rdap: RdapFixtureServer;
let whois: WhoisFixtureServer;
let dir: string;
let lookup: ReturnType<typeof createLookup>;
const blobs = () => createFileBlobStore(path.join(dir, 'blobs'));

beforeAll(async () => {
  [rdap, whois] = await Promise.all([startRdapServer(), startWhoisServer()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-whois-'));
  // The fixture bootstrap has no .ru or .io: those TLDs go to WHOIS, here our local port-43 server.
  const whoisServers = { ru: whois.address, io: whois.address, com: whois.address, uk: whois.address, it: whois.address, jp: whois.address, kr: whois.address };
  lookup = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers, blobs: blobs(), minIntervalMs: 0, timeoutMs: 2000 });
});
afterAll(async () => {
  await Promise.all([rdap.close(), whois.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  return error as ApplicationFailure;
}

test('a ccTLD answered only by WHOIS, in the .ru registry\'s own format', async () => {
  whois.addDomain({ domain: 'replica-watches.ru', registrar: { name: 'RU-CENTER-RU' }, nameservers: ['ns1.hosting.example', 'ns2.hosting.example'], statuses: ['REGISTERED', 'DELEGATED', 'UNVERIFIED'], registered: '2021-04-06T21:00:00Z', expires: '2026-04-06T21:00:00Z' });
  const record = await lookup.lookupRegistration('replica-watches.ru');
  expect(record).toMatchObject({
    domain: 'replica-watches.ru',
    source: 'whois',
    registry: { name: 'Coordination Center for TLD RU', whoisHost: whois.address },
    registrar: { name: 'RU-CENTER-RU' },
    nameservers: ['ns1.hosting.example', 'ns2.hosting.example'],
    statuses: ['REGISTERED', 'DELEGATED', 'UNVERIFIED'],
    events: { registered: '2021-04-06T21:00:00.000Z', expires: '2026-04-06T21:00:00.000Z' },
  });
  expect(record.raw).toHaveLength(1);
  expect(record.raw[0]).toMatchObject({ url: `whois://${whois.address}/replica-watches.ru`, status: 0 });
  const stored = await blobs().get(record.raw[0]!.sha256);
  expect(sha256Hex(stored!)).toBe(record.raw[0]!.sha256);
  expect(String(stored)).toContain('source:        TCI');
  // RDAP was not asked: the bootstrap has no .ru.
  expect(rdap.requests).toHaveLength(0);
});

test('a thin registry answer refers to the registrar\'s WHOIS, which is followed once for the abuse contact', async () => {
  whois.addDomain({ domain: 'fake-sneakers.io', referral: true, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' }, nameservers: ['ns1.bulletproof.example'], statuses: ['clientTransferProhibited', 'clientDeleteProhibited'] });
  const record = await lookup.lookupRegistration('fake-sneakers.io');
  expect(record.registrar).toEqual({ name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' });
  expect(record.statuses).toEqual(['clientTransferProhibited', 'clientDeleteProhibited']);
  expect(record.nameservers).toEqual(['ns1.bulletproof.example']);
  expect(record.dnssec).toBe(false);
  expect(record.raw.map((r) => r.url)).toEqual([`whois://${whois.address}/fake-sneakers.io`, `whois://${whois.registrarAddress}/fake-sneakers.io`]);
  expect(whois.queries.filter((q) => q.query === 'fake-sneakers.io').map((q) => q.server)).toEqual(['registry', 'registrar']);
});

test('"no match" answers are NOT_REGISTERED, non-retryable', async () => {
  for (const domain of ['nobody-home.ru', 'nobody-home.io']) {
    const error = await failure(lookup.lookupRegistration(domain));
    expect(error).toMatchObject({ type: 'NOT_REGISTERED', nonRetryable: true });
  }
});

test('RDAP wins over WHOIS when the bootstrap knows the TLD', async () => {
  rdap.addDomain({ domain: 'both-ways.com', registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' }, nameservers: ['ns1.bulletproof.example'] });
  expect((await lookup.lookupRegistration('both-ways.com')).source).toBe('rdap');
  expect(whois.queries.some((q) => q.query === 'both-ways.com')).toBe(false);
});

test('a WHOIS server slower than timeoutMs is LOOKUP_TIMEOUT; a throttle message is RATE_LIMITED', async () => {
  whois.addDomain({ domain: 'slow-whois.io', registrar: { name: 'Example Registrar, Inc.' }, nameservers: ['ns1.bulletproof.example'] });
  whois.setBehaviour('slow-whois.io', 'slow', { delayMs: 3000 });
  const quick = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: { io: whois.address }, blobs: blobs(), minIntervalMs: 0, timeoutMs: 300 });
  expect(await failure(quick.lookupRegistration('slow-whois.io'))).toMatchObject({ type: 'LOOKUP_TIMEOUT', nonRetryable: false });

  const other = await startWhoisServer(); // a throttled host is left alone afterwards: use its own server
  try {
    other.addDomain({ domain: 'busy-whois.ru', registrar: { name: 'RU-CENTER-RU' }, nameservers: ['ns1.hosting.example'] });
    other.setBehaviour('busy-whois.ru', 'rate-limit');
    const own = createLookup({ bootstrap: await loadBootstrap(rdap.bootstrapFile), whoisServers: { ru: other.address }, blobs: blobs(), minIntervalMs: 0 });
    const error = await failure(own.lookupRegistration('busy-whois.ru'));
    expect(error).toMatchObject({ type: 'RATE_LIMITED', nonRetryable: false, nextRetryDelay: 60_000 });
  } finally {
    await other.close();
  }
});

test('TAKEDOWN_WHOIS_SERVERS: JSON or tld=host[:port] pairs; typos are refused', () => {
  expect(parseWhoisServers('{"de":"127.0.0.1:4343"}')).toEqual({ de: '127.0.0.1:4343' });
  expect(parseWhoisServers('de=whois.denic.de, .ru=127.0.0.1:43')).toEqual({ de: 'whois.denic.de', ru: '127.0.0.1:43' });
  expect(parseWhoisServers(undefined)).toEqual({});
  expect(() => parseWhoisServers('de:whois.denic.de')).toThrow(/tld=host/);
});

describe('WHOIS text formats', () => {
  test.each([
    ['Verisign', 'No match for "NOPE.COM".\r\n>>> Last update of whois database: 2025-06-02T14:31:30Z <<<'],
    ['Identity Digital', 'NOT FOUND\r\n>>> Last update of WHOIS database: 2025-06-02T14:31:30Z <<<'],
    ['TCI', 'No entries found for the selected source(s).'],
    ['EURid', 'Domain: nope.eu\nStatus: AVAILABLE\n'],
    ['Nominet', '    No match for "nope.co.uk".'],
    ['generic', 'Domain not found.'],
  ])('%s "not registered" answer', (_, text) => {
    expect(parseWhois(text).notFound).toBe(true);
  });

  test('Nominet-style blocks: the registrar tag is dropped, indented nameservers and dates are read', () => {
    const text = ['    Domain name:', '        fake-perfume.co.uk', '', '    Registrar:', '        Tucows Inc [Tag = TUCOWS]', '        URL: http://www.tucows.com', '',
      '    Relevant dates:', '        Registered on: 07-Apr-2004', '        Expiry date:  07-Apr-2026', '', '    Name servers:', '        ns1.example.net     192.0.2.1', '        NS2.EXAMPLE.NET.', ''].join('\n');
    const facts = parseWhois(text);
    expect(facts).toMatchObject({ notFound: false, registrar: { name: 'Tucows Inc' }, nameservers: ['ns1.example.net', 'ns2.example.net'] });
    expect(facts.events.expires).toMatch(/^2026-04-0[67]/);
  });

  test('statuses lose their ICANN links and become EPP codes; placeholders are not data', () => {
    const facts = parseWhois('Domain Status: clientHold https://icann.org/epp#clientHold\nDomain Status: server transfer prohibited\nRegistrar Abuse Contact Phone: REDACTED FOR PRIVACY\nRegistrar: Example Registrar, Inc.\n');
    expect(facts.statuses).toEqual(['clientHold', 'serverTransferProhibited']);
    expect(facts.registrar.abusePhone).toBeUndefined();
  });
});

test.each([
  ['fake-trainers-sale.co.uk', 'nominet-uk.txt', { registrar: { name: 'Tucows Inc' }, nameservers: ['ns1.cheap-dns.example', 'ns2.cheap-dns.example'], events: { expires: '2027-03-14T00:00:00.000Z' } }],
  ['borse-firmate-outlet.it', 'nic-it.txt', { registrar: { name: 'Aruba s.p.a.' }, nameservers: ['dns.technorail.com', 'dns2.technorail.com', 'dns3.arubadns.net', 'dns4.arubadns.cz'], events: { expires: '2027-02-19T00:00:00.000Z' } }],
  ['kopii-burando.co.jp', 'jprs-co-jp.txt', { nameservers: ['dns1.gmoserver.jp', 'dns2.gmoserver.jp'], events: { expires: '2027-04-30T00:00:00.000Z' } }],
  ['gajja-myeongpum.kr', 'kisa-kr.txt', { registrar: { name: 'Gabia, Inc.' }, nameservers: ['ns.gabia.co.kr', 'ns1.gabia.co.kr'], events: { expires: '2026-08-23T00:00:00.000Z' } }],
])('%s: a ccTLD registry\'s own layout (%s) read over port 43 into the registration record', async (domain, file, expected) => {
  whois.addAnswer(domain, fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'whois', 'cctld', file), 'utf8'));
  const record = await lookup.lookupRegistration(domain);
  expect(record).toMatchObject({ domain, source: 'whois', ...expected });
});
