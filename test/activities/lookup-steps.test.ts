import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLookup, fairnessKeyOf, loadBootstrap } from '../../lib/lookup';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';

const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' };
let registry: RdapFixtureServer;
let registrars: RdapFixtureServer;
let dir: string;
beforeEach(async () => {
  registrars = await startRdapServer();
  registry = await startRdapServer({ registrarUrl: registrars.url });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-steps-'));
});
afterEach(async () => {
  await Promise.all([registry.close(), registrars.close()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

const lookupOver = async (whoisServers: Record<string, string> = {}) =>
  createLookup({ bootstrap: await loadBootstrap(registry.bootstrapFile), whoisServers, blobs: createFileBlobStore(dir), minIntervalMs: 0 });

test('the plan names the registry host (the fairness key) without asking it', async () => {
  const lookup = await lookupOver({ ru: '127.0.0.1:4343' });
  expect(lookup.planLookup('Counterfeit-Shop.COM.')).toEqual({ domain: 'counterfeit-shop.com', protocol: 'rdap', host: new URL(registry.url).host, fairnessKey: new URL(registry.url).host });
  expect(lookup.planLookup('shop.ru')).toMatchObject({ protocol: 'whois', host: '127.0.0.1:4343', fairnessKey: '127.0.0.1:4343' });
  expect(() => lookup.planLookup('shop.zz')).toThrow(expect.objectContaining({ type: 'NO_RDAP_SERVER', nonRetryable: true }));
  expect(registry.requests).toHaveLength(0);
});

test('registry then registrar, one request each, come to the same record as the lookup in one call', async () => {
  for (const domain of ['split-one.com', 'split-two.com']) {
    registry.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
    registrars.addDomain({ domain, registrar: { ...registrar, abuseEmail: 'desk@registrar.example' }, nameservers: ['ns1.bulletproof.example'] });
  }
  const lookup = await lookupOver();
  const answer = await lookup.lookupRegistry('split-one.com');
  expect(registry.requests).toHaveLength(1);
  expect(registrars.requests).toHaveLength(0);
  expect(answer.registrar).toMatchObject({ protocol: 'rdap', host: new URL(registrars.url).host, fairnessKey: new URL(registrars.url).host });
  expect(answer.record.registrar.abuseEmail).toBe(registrar.abuseEmail); // the registry's nested copy
  const merged = await lookup.lookupRegistrar({ record: answer.record, registrar: answer.registrar! });
  expect(registrars.requests).toHaveLength(1);
  expect(merged.registrar.abuseEmail).toBe('desk@registrar.example'); // the registrar knows its desk best
  expect(merged.raw).toHaveLength(2);

  const whole = await lookup.lookupRegistration('split-two.com');
  const strip = (r: typeof merged) => ({ ...r, domain: '', unicode: '', raw: r.raw.map(({ status }) => status), registrar: { ...r.registrar, rdapUrl: undefined } });
  expect(strip(whole)).toEqual(strip(merged));
});

test('a registrar that is down leaves the registry record as it is', async () => {
  registry.addDomain({ domain: 'lonely.com', registrar, nameservers: ['ns1.bulletproof.example'] });
  const lookup = await lookupOver();
  const answer = await lookup.lookupRegistry('lonely.com');
  await registrars.close();
  const merged = await lookup.lookupRegistrar({ record: answer.record, registrar: answer.registrar! });
  expect(merged).toEqual(answer.record);
  registrars = await startRdapServer(); // for afterEach
});

test('fairness keys fit Temporal\'s 64 bytes and keep long host names apart', () => {
  expect(fairnessKeyOf('RDAP.Verisign.com')).toBe('rdap.verisign.com');
  const long = (n: number) => `${'very-long-label.'.repeat(5)}registry-${n}.example:8443`;
  const [a, b] = [fairnessKeyOf(long(1)), fairnessKeyOf(long(2))];
  expect(Buffer.byteLength(a)).toBeLessThanOrEqual(64);
  expect(a).not.toBe(b);
});
