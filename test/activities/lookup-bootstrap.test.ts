import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ApplicationFailure } from '@temporalio/common';
import { TakedownError } from '../../domain/errors';
import { createLookup, loadBootstrap, matchRdapServer, vendoredBootstrapPath } from '../../lib/lookup';
import { parseBootstrap } from '../../lib/lookup/bootstrap';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { runRefreshBootstrap } from '../../src/cli/refresh-bootstrap';

const dnsJson = (services: Array<[string[], string[]]>) => JSON.stringify({ version: '1.0', publication: '2025-06-02T18:00:02Z', description: 'test', services });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-bootstrap-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function capture() {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
  return { stream, text: () => text };
}

test('the vendored bootstrap is valid IANA dns.json with the real registry base URLs', async () => {
  const bootstrap = await loadBootstrap(undefined);
  expect(bootstrap.source).toBe(vendoredBootstrapPath);
  expect(bootstrap.services.size).toBeGreaterThanOrEqual(30);
  expect(matchRdapServer(bootstrap, 'shop.com')).toEqual({ suffix: 'com', base: 'https://rdap.verisign.com/com/v1/' });
  expect(matchRdapServer(bootstrap, 'shop.net')?.base).toBe('https://rdap.verisign.com/net/v1/');
  expect(matchRdapServer(bootstrap, 'shop.org')?.base).toBe('https://rdap.publicinterestregistry.org/rdap/');
  expect(matchRdapServer(bootstrap, 'shop.info')?.base).toBe('https://rdap.identitydigital.services/rdap/');
  expect(matchRdapServer(bootstrap, 'shop.xyz')?.base).toBe('https://rdap.centralnic.com/xyz/');
  for (const bases of bootstrap.services.values()) for (const base of bases) expect(base).toMatch(/^https:\/\/.+\/$/);
});

test('label-wise longest match: co.uk before uk, and nothing for an unlisted TLD', () => {
  const bootstrap = parseBootstrap(dnsJson([[['uk'], ['https://rdap.nominet.uk/uk/']], [['co.uk'], ['https://rdap.example/co.uk/']]]), 'test');
  expect(matchRdapServer(bootstrap, 'a.b.example.co.uk')).toEqual({ suffix: 'co.uk', base: 'https://rdap.example/co.uk/' });
  expect(matchRdapServer(bootstrap, 'example.uk')).toEqual({ suffix: 'uk', base: 'https://rdap.nominet.uk/uk/' });
  expect(matchRdapServer(bootstrap, 'example.com')).toBeUndefined();
});

test('https is preferred; plain http only for loopback hosts; base URLs get their trailing slash', () => {
  const bootstrap = parseBootstrap(dnsJson([
    [['both'], ['http://rdap.example.both/', 'https://rdap.example.both/']],
    [['plain'], ['http://rdap.example.plain/']],
    [['local'], ['http://127.0.0.1:8099/local']],
    [['v6'], ['http://[::1]:8099/']],
    [['named'], ['http://localhost:8099/']],
  ]), 'test');
  expect(matchRdapServer(bootstrap, 'x.both')?.base).toBe('https://rdap.example.both/');
  expect(matchRdapServer(bootstrap, 'x.plain')).toMatchObject({ suffix: 'plain', refused: expect.stringMatching(/plain-http.*loopback/) });
  expect(matchRdapServer(bootstrap, 'x.local')?.base).toBe('http://127.0.0.1:8099/local/');
  expect(matchRdapServer(bootstrap, 'x.v6')?.base).toBe('http://[::1]:8099/');
  expect(matchRdapServer(bootstrap, 'x.named')?.base).toBe('http://localhost:8099/');
});

test('a lookup refuses a plain-http registry with a clear NO_RDAP_SERVER', async () => {
  const bootstrap = parseBootstrap(dnsJson([[['plain'], ['http://rdap.example.plain/']]]), 'test');
  const lookup = createLookup({ bootstrap, whoisServers: {}, blobs: createFileBlobStore(dir), minIntervalMs: 0 });
  const error = await lookup.lookupRegistration('shop.plain').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApplicationFailure);
  expect(error).toMatchObject({ type: 'NO_RDAP_SERVER', nonRetryable: true, message: expect.stringContaining('http is allowed only for loopback') });
});

test('invalid bootstraps are refused with CONFIG_INVALID and zod\'s reason', () => {
  const refuse = (text: string) => {
    try {
      parseBootstrap(text, 'bad.json');
    } catch (error) {
      expect(error).toBeInstanceOf(TakedownError);
      return (error as TakedownError).message;
    }
    throw new Error('accepted');
  };
  expect(refuse('{"version":')).toMatch(/not JSON/);
  expect(refuse(JSON.stringify({ version: '1.0', publication: 'x' }))).toMatch(/services/);
  expect(refuse(dnsJson([[['ftp'], ['ftp://rdap.example/']]]))).toMatch(/IANA dns.json format/);
  expect(refuse(dnsJson([[[], ['https://rdap.example/']]]))).toMatch(/services/);
});

test('loadBootstrap reads a URL (plain http only on loopback)', async () => {
  const body = dnsJson([[['test'], ['https://rdap.example.test/']]]);
  const server = http.createServer((_req, res) => res.end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/rdap/dns.json`;
    expect((await loadBootstrap(url)).services.get('test')).toEqual(['https://rdap.example.test/']);
    await expect(loadBootstrap('http://data.iana.org/rdap/dns.json')).rejects.toThrow(/refusing plain-http/);
  } finally {
    server.close();
  }
});

test('refresh-bootstrap validates, then writes the file byte for byte; a bad or unreachable source writes nothing', async () => {
  const source = path.join(dir, 'new-dns.json');
  const out = path.join(dir, 'vendored.json');
  fs.writeFileSync(source, dnsJson([[['com'], ['https://rdap.verisign.com/com/v1/']]]));
  const stdout = capture();
  expect(await runRefreshBootstrap(['--from', source, '--out', out], { stdin: process.stdin, stdout: stdout.stream, stderr: capture().stream })).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(source, 'utf8'));
  expect(stdout.text()).toMatch(/1 suffixes; written to/);

  fs.writeFileSync(source, '{"services": []}');
  const stderr = capture();
  expect(await runRefreshBootstrap(['--from', source, '--out', out], { stdin: process.stdin, stdout: capture().stream, stderr: stderr.stream })).toBe(1);
  expect(stderr.text()).toMatch(/not in the IANA dns.json format/);
  expect(fs.readFileSync(out, 'utf8')).toContain('rdap.verisign.com');

  // Offline (nothing listens on that port any more): a clear error, not a stack trace.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const gone = `http://127.0.0.1:${(closed.address() as { port: number }).port}/dns.json`;
  await new Promise((resolve) => closed.close(resolve));
  const offline = capture();
  expect(await runRefreshBootstrap(['--from', gone, '--out', out], { stdin: process.stdin, stdout: capture().stream, stderr: offline.stream })).toBe(1);
  expect(offline.text()).toBe(`takedown refresh-bootstrap: cannot download the RDAP bootstrap from ${gone}: ECONNREFUSED (offline? pass a file with --from, or set TAKEDOWN_RDAP_BOOTSTRAP)\n`);
  expect(await runRefreshBootstrap(['--bogus'], { stdin: process.stdin, stdout: capture().stream, stderr: capture().stream })).toBe(64);
});
