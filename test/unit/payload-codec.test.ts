import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadConfig } from '../../src/config';
import { PayloadEncryptionCodec } from '../../src/temporal/payload-codec';
import { developmentPayloadKey, parsePayloadKeys } from '../../src/temporal/payload-keys';
import { temporalOptions } from '../../src/temporal/options';
import { isRefusedPayload } from '../../domain/refused-payload';

const key = (id: string) => ({ id, key: randomBytes(32) });
const warrant = { court: 'U.S. District Court (sealed)', docket: '26-MJ-00991', sealed: true };
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value)!;
const valueOf = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);

test('a payload is encrypted with the newest key, named beside it, and comes back whole', async () => {
  const [june, december] = [key('2026-06'), key('2026-12')];
  const codec = new PayloadEncryptionCodec([december, june]);
  const [encrypted] = await codec.encode([payloadOf(warrant)]);
  expect(Buffer.from(encrypted!.metadata!.encoding!).toString()).toBe('binary/encrypted');
  expect(Buffer.from(encrypted!.metadata!['encryption-key-id']!).toString()).toBe('2026-12');
  expect(Buffer.from(encrypted!.data!).toString('latin1')).not.toContain('26-MJ-00991');
  expect(valueOf((await codec.decode([encrypted!]))[0]!)).toEqual(warrant);
  // Two encryptions of the same payload differ (a fresh IV each time).
  const [again] = await codec.encode([payloadOf(warrant)]);
  expect(Buffer.from(again!.data!).equals(Buffer.from(encrypted!.data!))).toBe(false);
});

test('keys rotate: what the old key encrypted still opens while it is listed after the new one, and is a clear error once it is not', async () => {
  const [june, december] = [key('2026-06'), key('2026-12')];
  const [old] = await new PayloadEncryptionCodec([june]).encode([payloadOf(warrant)]);
  expect(valueOf((await new PayloadEncryptionCodec([december, june]).decode([old!]))[0]!)).toEqual(warrant);
  await expect(new PayloadEncryptionCodec([december]).decode([old!])).rejects.toMatchObject({ code: 'PAYLOAD_KEY_UNKNOWN', message: expect.stringContaining('key "2026-06", which TAKEDOWN_PAYLOAD_KEYS does not hold (it holds "2026-12")') });
});

test('an altered payload, or one relabelled with another key ID, is refused, never returned as it is', async () => {
  const [a, b] = [key('a'), key('b')];
  const codec = new PayloadEncryptionCodec([a, b]);
  const [encrypted] = await codec.encode([payloadOf(warrant)]);
  const flipped = Buffer.from(encrypted!.data!);
  flipped[20] = flipped[20]! ^ 1;
  await expect(codec.decode([{ ...encrypted!, data: flipped }])).rejects.toMatchObject({ code: 'PAYLOAD_UNREADABLE' });
  const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, 'encryption-key-id': Buffer.from('b') } };
  await expect(codec.decode([relabelled])).rejects.toMatchObject({ code: 'PAYLOAD_UNREADABLE' });
  await expect(codec.decode([{ ...encrypted!, data: Buffer.alloc(10) }])).rejects.toMatchObject({ code: 'PAYLOAD_UNREADABLE', message: expect.stringContaining('10 bytes') });
});

test('a payload stored before encryption was on passes as it is (running cases keep replaying)', async () => {
  const plain = payloadOf({ caseId: 'HSI-1' });
  expect(await new PayloadEncryptionCodec([key('k')]).decode([plain])).toEqual([plain]);
});

test('TAKEDOWN_PAYLOAD_KEYS: each malformed pair is named with what would be accepted, and the configuration refuses it', () => {
  const good = randomBytes(32).toString('base64');
  expect(parsePayloadKeys(`2026-12:${good}, 2026-06:${randomBytes(32).toString('base64')}`).keys.map((k) => k.id)).toEqual(['2026-12', '2026-06']);
  const { problems } = parsePayloadKeys(`${good},short:${randomBytes(16).toString('base64')},bad:not*base64,twice:${good},twice:${good}`);
  expect(problems).toEqual([
    expect.stringContaining('has no key ID'),
    'key "short" is 16 bytes; AES-256 takes 32 bytes',
    'key "bad" is not base64; AES-256 takes 32 bytes',
    'key ID "twice" appears twice',
  ]);
  expect(parsePayloadKeys(' , ').problems).toEqual(['holds no key']);
  expect(() => loadConfig({ TAKEDOWN_PAYLOAD_KEYS: `k:${randomBytes(31).toString('base64')}` })).toThrow(/TAKEDOWN_PAYLOAD_KEYS: key "k" is 31 bytes; AES-256 takes 32 bytes; expected comma-separated "id:key" pairs/);
});

test('a local run makes one development key and keeps it: every process of the run, and the next run, use the same', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'payload-key-'));
  try {
    const first = developmentPayloadKey(dir);
    expect(first.key).toHaveLength(32);
    expect(developmentPayloadKey(dir)).toEqual(first);
    expect(fs.statSync(path.join(dir, 'payload-key.development')).mode & 0o077).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['payload-key.development']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('production refuses what it did not encrypt: unencrypted, of a key it lacks, or altered, each decodes as a refusal naming why, never as the sender wrote it and never as an error', async () => {
  const [ours, theirs] = [key('2026-12'), key('stolen')];
  const strict = new PayloadEncryptionCodec([ours], { refuseUnencrypted: true });
  const [good] = await strict.encode([payloadOf(warrant)]);
  const [other] = await new PayloadEncryptionCodec([theirs]).encode([payloadOf(warrant)]);
  const altered = Buffer.from(good!.data!);
  altered[20] = altered[20]! ^ 1;
  const decoded = (await strict.decode([good!, payloadOf({ outcome: 'approved' }), other!, { ...good!, data: altered }, { metadata: { encoding: Buffer.from('binary/null') } }])).map(valueOf);
  expect(decoded[0]).toEqual(warrant);
  expect(decoded[1]).toEqual({ takedownRefusedPayload: 'unencrypted', original: { outcome: 'approved' } });
  expect(decoded[2]).toEqual({ takedownRefusedPayload: expect.stringContaining('key "stolen", which TAKEDOWN_PAYLOAD_KEYS does not hold') });
  expect(decoded[3]).toEqual({ takedownRefusedPayload: expect.stringContaining('failed its integrity check') });
  expect(decoded[4]).toEqual({ takedownRefusedPayload: 'unencrypted' });
  for (const value of decoded.slice(1)) expect(isRefusedPayload(value)).toBe(true);
  expect(isRefusedPayload(decoded[0])).toBe(false);
});

test('the codec refuses in production mode only: a local run still reads histories recorded before encryption', async () => {
  const plain = payloadOf({ caseId: 'HSI-1' });
  const decodeWith = (env: Record<string, string>) => temporalOptions(loadConfig({ TAKEDOWN_PAYLOAD_KEYS: `k:${randomBytes(32).toString('base64')}`, ...env })).dataConverter.payloadCodecs![0]!.decode([plain]);
  expect((await decodeWith({})).map(valueOf)).toEqual([{ caseId: 'HSI-1' }]);
  expect((await decodeWith({ TAKEDOWN_PUBLIC_URL: 'https://takedown.agency.example' })).map(valueOf)).toEqual([{ takedownRefusedPayload: 'unencrypted', original: { caseId: 'HSI-1' } }]);
});

describe('TLS and authentication to Temporal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
  const file = (name: string, content: string) => { const p = path.join(dir, name); fs.writeFileSync(p, content); return p; };
  const base = { TAKEDOWN_DATA_DIR: dir, TAKEDOWN_PAYLOAD_KEYS: `k:${randomBytes(32).toString('base64')}` };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('none set: plaintext to the local dev server', () => {
    expect(temporalOptions(loadConfig(base)).connection).toEqual({ address: '127.0.0.1:7233' });
  });

  test('mTLS: the client certificate and key, the CA and the server name, read from their files at start', () => {
    const options = temporalOptions(loadConfig({ ...base, TAKEDOWN_TEMPORAL_ADDRESS: 'temporal.internal:7233', TAKEDOWN_TEMPORAL_TLS_CERT: file('c.pem', 'CERT'), TAKEDOWN_TEMPORAL_TLS_KEY: file('k.pem', 'KEY'), TAKEDOWN_TEMPORAL_TLS_CA: file('ca.pem', 'CA'), TAKEDOWN_TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal' }));
    expect(options.connection).toEqual({ address: 'temporal.internal:7233', tls: { clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') }, serverRootCACertificate: Buffer.from('CA'), serverNameOverride: 'frontend.temporal.internal' } });
  });

  test('Temporal Cloud: an API key alone means TLS with the system CAs', () => {
    expect(temporalOptions(loadConfig({ ...base, TAKEDOWN_TEMPORAL_API_KEY: 'tc-key' })).connection).toEqual({ address: '127.0.0.1:7233', tls: true, apiKey: 'tc-key' });
  });

  test('a certificate without its key, or a file that cannot be read, stops the process naming the variable', () => {
    expect(() => temporalOptions(loadConfig({ ...base, TAKEDOWN_TEMPORAL_TLS_CERT: file('only.pem', 'CERT') }))).toThrow('TAKEDOWN_TEMPORAL_TLS_KEY: not set while TAKEDOWN_TEMPORAL_TLS_CERT is');
    expect(() => temporalOptions(loadConfig({ ...base, TAKEDOWN_TEMPORAL_TLS_CA: path.join(dir, 'missing.pem') }))).toThrow(/TAKEDOWN_TEMPORAL_TLS_CA: cannot read .*missing\.pem \(ENOENT\)/);
  });
});
