import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { RegistrationRecord } from '../../domain/registration';
import { runLookup } from '../../src/cli/lookup';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';
import { startWhoisServer, type WhoisFixtureServer } from '../helpers/whois-server';

const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' };
const envKeys = ['TAKEDOWN_RDAP_BOOTSTRAP', 'TAKEDOWN_WHOIS_SERVERS', 'TAKEDOWN_DATA_DIR', 'TAKEDOWN_LOOKUP_INTERVAL_MS'] as const;
const savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
let rdap: RdapFixtureServer;
let whois: WhoisFixtureServer;
let dataDir: string;

beforeAll(async () => {
  [rdap, whois] = await Promise.all([startRdapServer(), startWhoisServer()]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-cli-'));
  Object.assign(process.env, { TAKEDOWN_RDAP_BOOTSTRAP: rdap.bootstrapFile, TAKEDOWN_WHOIS_SERVERS: JSON.stringify({ ru: whois.address }), TAKEDOWN_DATA_DIR: dataDir, TAKEDOWN_LOOKUP_INTERVAL_MS: '0' });
  rdap.addDomain({ domain: 'luxury-outlet.com', registrar, nameservers: ['ns1.bulletproof.example', 'ns2.bulletproof.example'], statuses: ['clientTransferProhibited'] });
  whois.addDomain({ domain: 'replica-watches.ru', registrar: { name: 'RU-CENTER-RU' }, nameservers: ['ns1.hosting.example'] });
});
afterAll(async () => {
  for (const k of envKeys) if (savedEnv[k] === undefined) delete process.env[k]; else process.env[k] = savedEnv[k];
  await Promise.all([rdap.close(), whois.close()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function capture() {
  let text = '';
  return { stream: new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } }), text: () => text };
}
async function run(args: string[]) {
  const [stdout, stderr] = [capture(), capture()];
  const code = await runLookup(args, { stdin: process.stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

test('takedown lookup prints the registry, registrar, IANA ID and abuse contact', async () => {
  const { code, stdout, stderr } = await run(['https://WWW.Luxury-Outlet.com/handbags?ref=ig']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(stdout).toContain('domain:      luxury-outlet.com\n');
  expect(stdout).toContain('registry:    VeriSign Global Registry Services\n');
  expect(stdout).toContain('registrar:   Example Registrar, Inc.\n');
  expect(stdout).toContain('IANA ID:     9991\n');
  expect(stdout).toContain('abuse email: abuse@example-registrar.example\n');
  expect(stdout).toContain('abuse phone: +1.5555550100\n');
  expect(stdout).toContain('nameservers: ns1.bulletproof.example, ns2.bulletproof.example\n');
  expect(stdout).toMatch(/raw: +http:\/\/127\.0\.0\.1:\d+\/com\/v1\/domain\/luxury-outlet\.com 200 sha256:[0-9a-f]{64}/);
});

test('--json prints the RegistrationRecord, and raw answers land in TAKEDOWN_DATA_DIR/blobs', async () => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let code: number;
  let printed: string;
  try {
    code = await runLookup(['luxury-outlet.com', '--json']); // the process's own streams, as `takedown` runs it
    printed = write.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    write.mockRestore();
  }
  expect(code).toBe(0);
  const record = JSON.parse(printed) as RegistrationRecord;
  expect(record).toMatchObject({ domain: 'luxury-outlet.com', source: 'rdap', registrar: { ianaId: '9991', abuseEmail: registrar.abuseEmail } });
  for (const raw of record.raw) expect(fs.existsSync(path.join(dataDir, 'blobs', raw.sha256.slice(0, 2), raw.sha256))).toBe(true);
});

test('a ccTLD goes to the WHOIS server named in TAKEDOWN_WHOIS_SERVERS', async () => {
  const { code, stdout } = await run(['replica-watches.ru']);
  expect(code).toBe(0);
  expect(stdout).toContain('registrar:   RU-CENTER-RU\n');
  expect(stdout).toContain(`source:      WHOIS ${whois.address}\n`);
});

test('failures print the catalogue code; bad input and usage have their own exit statuses', async () => {
  const missing = await run(['not-registered-anywhere.com']);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^takedown lookup: NOT_REGISTERED: the domain is not registered: /);
  expect((await run(['127.0.0.1'])).code).toBe(2);
  expect((await run([])).code).toBe(64);
  expect((await run(['a.com', 'b.com'])).code).toBe(64);
});
