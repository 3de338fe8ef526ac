import http from 'node:http';
import { bannerAddress, elsewhere, oldNameservers, registrar, seizureNameservers, startVerificationWorld, type VerificationWorld } from './verification-world';

const caseRef = 'HSI-NY-2026-0142';
const court = 'U.S. District Court for the Southern District of New York';
let world: VerificationWorld;
let n = 0;
let domain: string;
beforeEach(async () => {
  world = await startVerificationWorld();
  domain = `luxury-outlet-${++n}.com`;
  world.rdap.addDomain({ domain, registrar, nameservers: oldNameservers, expires: '2027-03-11T17:02:44Z' });
  world.dns.set(domain, { NS: oldNameservers, A: [elsewhere] });
});
afterEach(() => world.close());

/** The registry executes the seizure; its zone and the banner follow (or not, per test). */
const seizeAtRegistry = () => world.rdap.seize(domain, seizureNameservers);
const seizeZone = (records: { A?: string[]; AAAA?: string[] } = { A: [bannerAddress] }) => world.dns.set(domain, { NS: seizureNameservers, ...records });
const listOnBanner = (ref = caseRef) => world.banner.allowList.add({ domain, caseRef: ref, court });
const check = (result: { checks: { name: string; ok: boolean; seen: string }[] }, name: string) => result.checks.find((c) => c.name === name)!;

test('verified when the registry, the zone and the banner agree; each check records what it saw', async () => {
  seizeAtRegistry();
  seizeZone();
  listOnBanner();
  const result = await world.verify({ domain, caseRef });
  expect(result).toMatchObject({ verified: true, state: 'verified' });
  expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['registry', true], ['dns', true], ['http', true]]);
  expect(check(result, 'registry').seen).toContain('serverTransferProhibited, serverUpdateProhibited, serverDeleteProhibited');
  expect(check(result, 'dns').seen).toBe(`${world.dns.address}: NS ${seizureNameservers.join(', ')}; A 127.0.0.1; AAAA none`);
  expect(check(result, 'http').seen).toBe(`HTTP 200 from 127.0.0.1:${world.banner.port}: banner (seizure) for ${domain}, case ${caseRef}`);
  expect(world.banner.hits.total(domain)).toBe(0); // our own checks are not visitors
});

test('pending while nothing has changed; partial (not verified) while the registry has acted but the zone still points elsewhere', async () => {
  const before = await world.verify({ domain, caseRef });
  expect([before.verified, before.state]).toEqual([false, 'pending']);

  seizeAtRegistry();
  world.dns.set(domain, { NS: oldNameservers, A: [elsewhere] }); // the zone has not followed yet
  listOnBanner();
  const result = await world.verify({ domain, caseRef });
  expect([result.verified, result.state]).toEqual([false, 'partial']);
  expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['registry', true], ['dns', false], ['http', false]]);
  expect(check(result, 'dns').seen).toContain(`NS ${oldNameservers.join(', ')}; A ${elsewhere}`);
  expect(check(result, 'http').seen).toBe(`not asked: DNS sends visitors to ${elsewhere}, not to a banner address (${bannerAddress})`);
});

test("the HTTP check asks only the banner's addresses: a zone pointing elsewhere (the owner's server, our own network) gets no request", async () => {
  // The site owner controls the zone until the registry acts: it points the domain at a server of its choosing, on the port we check.
  const owner = http.createServer((request, response) => { ownerRequests.push(request.headers.host ?? ''); response.end('<body data-takedown-banner="seizure">'); });
  const ownerRequests: string[] = [];
  await new Promise<void>((resolve) => owner.listen(world.banner.port, elsewhere, resolve));
  try {
    seizeAtRegistry();
    listOnBanner();
    world.dns.set(domain, { NS: seizureNameservers, A: [elsewhere] });
    const result = await world.verify({ domain, caseRef });
    expect(check(result, 'http')).toMatchObject({ ok: false, seen: expect.stringContaining(`not asked: DNS sends visitors to ${elsewhere}`) });
    world.dns.set(domain, { NS: seizureNameservers, A: ['169.254.169.254'] });
    expect(check(await world.verify({ domain, caseRef }), 'http').seen).toContain('not asked: DNS sends visitors to 169.254.169.254');
    expect(ownerRequests).toEqual([]);
  } finally {
    await new Promise((resolve) => owner.close(resolve));
  }
});

test('partial when the registry set the lock statuses but not the name servers', async () => {
  world.rdap.addDomain({ domain, registrar, nameservers: oldNameservers, statuses: ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'] });
  const result = await world.verify({ domain, caseRef });
  expect([result.verified, result.state]).toEqual([false, 'partial']);
  expect(check(result, 'registry')).toMatchObject({ ok: false, seen: expect.stringContaining(`name servers ${oldNameservers.join(', ')}`) });
  expect(check(result, 'registry').seen).not.toContain('missing');
});

test('the banner must answer for this domain and this case: a domain not on the allow-list, or another case, does not verify', async () => {
  seizeAtRegistry();
  seizeZone();
  const unlisted = await world.verify({ domain, caseRef });
  expect(check(unlisted, 'http')).toMatchObject({ ok: false, seen: `HTTP 404 from 127.0.0.1:${world.banner.port}: not our banner (title "")` });
  expect(unlisted.state).toBe('partial');
  listOnBanner('HSI-LA-2025-0007');
  const otherCase = await world.verify({ domain, caseRef });
  expect(check(otherCase, 'http')).toMatchObject({ ok: false, seen: expect.stringContaining('case HSI-LA-2025-0007') });
  // Without a case reference the check asks only for our banner for the domain.
  expect((await world.verify({ domain })).verified).toBe(true);
});

test('the zone must name only the seizure name servers and only banner addresses, at every configured resolver', async () => {
  seizeAtRegistry();
  listOnBanner();
  seizeZone({ A: [bannerAddress], AAAA: ['2001:db8::66'] });
  const extraAddress = await world.verify({ domain, caseRef });
  expect(check(extraAddress, 'dns')).toMatchObject({ ok: false, seen: expect.stringContaining('AAAA 2001:db8::66') });

  seizeZone();
  world.dns2.set(domain, { NS: oldNameservers, A: [elsewhere] }); // a resolver still holding the old delegation
  const stale = await world.verify({ domain, caseRef }, 'both');
  expect(check(stale, 'dns').ok).toBe(false);
  expect(check(stale, 'dns').seen.split(' | ')).toEqual([
    `${world.dns.address}: NS ${seizureNameservers.join(', ')}; A 127.0.0.1; AAAA none`,
    `${world.dns2.address}: NS ${oldNameservers.join(', ')}; A ${elsewhere}; AAAA none`,
  ]);
  world.dns2.set(domain, { NS: seizureNameservers, A: [bannerAddress] });
  expect((await world.verify({ domain, caseRef }, 'both')).verified).toBe(true);
});

test('a custody check adds the registry statuses and expiration date; a deleted domain is a failed check, not an error', async () => {
  seizeAtRegistry();
  seizeZone();
  listOnBanner();
  const custody = await world.checkCustody({ domain, caseRef });
  expect(custody).toMatchObject({ verified: true, expiresAt: '2027-03-11T17:02:44.000Z', statuses: expect.arrayContaining(['serverDeleteProhibited']) });

  const gone = await world.checkCustody({ domain: 'never-registered.com', caseRef });
  expect(gone.verified).toBe(false);
  expect(check(gone, 'registry').seen).toBe('never-registered.com is not registered at the registry');
  expect(check(gone, 'dns').seen).toContain('NXDOMAIN');
});

test('after a release: restored only when the registry lifted all three locks and left the seizure name servers; a deleted domain is not restored', async () => {
  seizeAtRegistry();
  const seized = await world.checkRelease({ domain, restoreNameservers: oldNameservers });
  expect(seized).toMatchObject({ name: 'registry', ok: false });
  expect(seized.seen).toContain('still locked: serverTransferProhibited, serverUpdateProhibited, serverDeleteProhibited');
  expect(seized.seen).toContain(`still delegated to the seizure name servers ${[...seizureNameservers].sort().join(', ')}`);
  expect(seized.expected).toContain(`before the seizure: ${oldNameservers.join(', ')}`);

  world.rdap.restore(domain);
  const restored = await world.checkRelease({ domain, restoreNameservers: oldNameservers });
  expect(restored).toMatchObject({ ok: true, seen: `statuses clientTransferProhibited; name servers ${[...oldNameservers].sort().join(', ')}` });

  const deleted = await world.checkRelease({ domain: 'never-registered.com', restoreNameservers: oldNameservers });
  expect(deleted).toMatchObject({ ok: false, seen: 'never-registered.com is not registered at the registry: it was deleted instead of restored' });
});
