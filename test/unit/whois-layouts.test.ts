import fs from 'node:fs';
import path from 'node:path';
import { registryDate } from '../../lib/lookup/registry-dates';
import { parseWhois } from '../../lib/lookup/whois-parse';

/**
 * The layouts ccTLD registries send on port 43, where RDAP is often missing: sections without colons
 * (NIC.it, KISA), bracketed keys (JPRS), indented values (Nominet), their own names for the registrar and
 * the expiry. Each fixture follows the registry's published answer format; names and data are invented.
 */
const answer = (file: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'whois', 'cctld', file), 'utf8').replace(/\n/g, '\r\n');

test('JPRS, a general-use .jp name: bracketed keys, no registrar on port 43, dates in JST', () => {
  expect(parseWhois(answer('jprs-jp.txt'))).toEqual({
    notFound: false,
    domainName: 'nisemono-tokei.jp',
    registrar: {},
    nameservers: ['ns1.value-domain.com', 'ns2.value-domain.com'],
    // JPRS's "Active" is EPP's ok; an empty [Signing Key] says nothing either way.
    statuses: ['ok'],
    events: { registered: '2023-09-14T00:00:00.000Z', expires: '2026-09-30T00:00:00.000Z', lastChanged: '2025-09-30T16:05:07.000Z' },
  });
});

test('JPRS, a .co.jp name: lettered keys, the expiry inside the state, the lock as a status', () => {
  const facts = parseWhois(answer('jprs-co-jp.txt'));
  expect(facts).toMatchObject({ domainName: 'kopii-burando.co.jp', nameservers: ['dns1.gmoserver.jp', 'dns2.gmoserver.jp'], statuses: ['Connected', 'AgentChangeLocked'] });
  expect(facts.events).toEqual({ registered: '2019-04-02T00:00:00.000Z', expires: '2027-04-30T00:00:00.000Z', lastChanged: '2026-04-30T16:29:31.000Z' });
});

test('NIC.it: sections without colons, the registrar\'s organisation under its own section, bare name servers', () => {
  expect(parseWhois(answer('nic-it.txt'))).toEqual({
    notFound: false,
    domainName: 'borse-firmate-outlet.it',
    registrar: { name: 'Aruba s.p.a.' },
    nameservers: ['dns.technorail.com', 'dns2.technorail.com', 'dns3.arubadns.net', 'dns4.arubadns.cz'],
    statuses: ['ok'],
    // Italian wall-clock times (CET in winter); the expiry is a calendar day.
    events: { registered: '2024-02-19T15:03:41.000Z', expires: '2027-02-19T00:00:00.000Z', lastChanged: '2026-03-05T23:51:29.000Z' },
    dnssec: false,
  });
});

test('CNNIC: the sponsoring registrar in Chinese, registration and expiration times in Beijing time', () => {
  expect(parseWhois(answer('cnnic-cn.txt'))).toEqual({
    notFound: false,
    domainName: 'fangmao-qiuxie.cn',
    registrar: { name: '阿里云计算有限公司（万网）' },
    nameservers: ['dns17.hichina.com', 'dns18.hichina.com'],
    statuses: ['clientDeleteProhibited', 'clientTransferProhibited'],
    events: { registered: '2023-05-17T06:22:09.000Z', expires: '2027-05-17T06:22:09.000Z' },
    dnssec: false,
  });
});

test('KISA: the English half after the Korean, the authorised agency as registrar, name servers in their own sections', () => {
  expect(parseWhois(answer('kisa-kr.txt'))).toEqual({
    notFound: false,
    domainName: 'gajja-myeongpum.kr',
    registrar: { name: 'Gabia, Inc.' },
    nameservers: ['ns.gabia.co.kr', 'ns1.gabia.co.kr'],
    statuses: [],
    events: { registered: '2022-08-23T00:00:00.000Z', expires: '2026-08-23T00:00:00.000Z', lastChanged: '2025-08-02T00:00:00.000Z' },
    dnssec: false,
  });
});

test('DENIC: name servers and status only; no registrar or expiry is published on port 43', () => {
  expect(parseWhois(answer('denic-de.txt'))).toEqual({
    notFound: false,
    domainName: 'gefaelschte-uhren-shop.de',
    registrar: {},
    nameservers: ['ns1.bulletproof-hosting.example', 'ns2.bulletproof-hosting.example'],
    statuses: ['connect'],
    events: { lastChanged: '2025-11-03T08:12:44.000Z' },
  });
});

test('Nominet: every value indented under its heading, the registrar\'s tag dropped, day-month-year dates', () => {
  expect(parseWhois(answer('nominet-uk.txt'))).toEqual({
    notFound: false,
    domainName: 'fake-trainers-sale.co.uk',
    registrar: { name: 'Tucows Inc' },
    nameservers: ['ns1.cheap-dns.example', 'ns2.cheap-dns.example'],
    statuses: ['Registered until expiry date.'],
    events: { registered: '2024-03-14T00:00:00.000Z', expires: '2027-03-14T00:00:00.000Z', lastChanged: '2026-02-02T00:00:00.000Z' },
  });
});

test.each(['not-found-jp.txt', 'not-found-cn.txt', 'not-found-kr.txt'])('%s: the registry holds no such name', (file) => {
  expect(parseWhois(answer(file))).toMatchObject({ notFound: true, nameservers: [], registrar: {} });
});

test('a date without a zone is the registry\'s own time; one the registry names (JST) is converted', () => {
  // The same facts, whatever the time zone of the worker host.
  const before = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
  try {
    expect(parseWhois(answer('nominet-uk.txt')).events.expires).toBe('2027-03-14T00:00:00.000Z');
    expect(parseWhois(answer('jprs-jp.txt')).events.lastChanged).toBe('2025-09-30T16:05:07.000Z');
  } finally {
    process.env.TZ = before;
  }
});

describe('registryDate', () => {
  it('reads a wall-clock time in the registry\'s zone, summer time included', () => {
    expect(registryDate('2026-07-01 12:00:00', 'Europe/Rome')).toBe('2026-07-01T10:00:00.000Z');
    expect(registryDate('2026-01-01 12:00:00', 'Europe/Rome')).toBe('2026-01-01T11:00:00.000Z');
    expect(registryDate('2026-07-01 12:00:00')).toBe('2026-07-01T12:00:00.000Z');
  });

  it('keeps what is not a date as it was given, never a shifted guess', () => {
    expect(registryDate('2026-02-30')).toBe('2026-02-30');
    expect(registryDate('before 1996')).toBe('before 1996');
    expect(registryDate('31.12.2026')).toBe('2026-12-31T00:00:00.000Z');
  });
});
