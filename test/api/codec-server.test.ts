import { defaultPayloadConverter } from '@temporalio/common';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { PayloadEncryptionCodec } from '../../src/temporal/payload-codec';
import { listenWatched } from './contract-check';
import { storesOf, testIdentity, testPayloadKey, testSettings, unusedClient } from './api-world';
import { call } from './http';

// The codec server the Temporal Web UI calls to show payloads: the API's own codec, behind sign-in.
let app: Api;
let baseUrl: string;
let close: (() => Promise<void>) | undefined;
let tokens: Awaited<ReturnType<typeof testIdentity>>['tokens'];
beforeAll(async () => {
  const identity = await testIdentity();
  tokens = identity.tokens;
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused') });
  ({ baseUrl, close } = await listenWatched(app));
});
afterAll(async () => close?.());

const as = (user: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[user]}` });
const warrant = { docket: '26-MJ-07731', judge: 'Hon. A. Sealed', sealed: true };
/** A payload as the engine holds it, encrypted with the API's key, in the JSON form the Web UI sends. */
async function storedPayload(codec = new PayloadEncryptionCodec([testPayloadKey])) {
  const [p] = await codec.encode([defaultPayloadConverter.toPayload(warrant)!]);
  return { metadata: Object.fromEntries(Object.entries(p!.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])), data: Buffer.from(p!.data!).toString('base64') };
}
const decoded = (p: { data: string }) => JSON.parse(Buffer.from(p.data, 'base64').toString('utf8'));

test('a signed-in supervisor reads a stored payload decrypted; what they encode comes back encrypted and decodes again', async () => {
  const answer = await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: { ...as('chen'), 'x-namespace': 'default' }, payload: { payloads: [await storedPayload()] } });
  expect(answer.statusCode).toBe(200);
  expect(decoded(answer.json().payloads[0])).toEqual(warrant);

  const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ reason: 'retry' })).toString('base64') };
  const encoded = (await call(baseUrl, { method: 'POST', url: '/codec/encode', headers: as('chen'), payload: { payloads: [plain] } })).json().payloads[0];
  expect(Buffer.from(encoded.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect(Buffer.from(encoded.data, 'base64').toString('latin1')).not.toContain('retry');
  const back = (await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: as('chen'), payload: { payloads: [encoded] } })).json().payloads[0];
  expect(back).toEqual(plain);
});

test('anonymous requests are refused, and so are agents, counsel and coordinators: nothing is decrypted for them', async () => {
  const payload = { payloads: [await storedPayload()] };
  const anonymous = await call(baseUrl, { method: 'POST', url: '/codec/decode', payload });
  expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect(anonymous.body).not.toContain(warrant.docket);
  for (const user of ['rivera', 'okafor', 'patel'] as const) {
    const refused = await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: as(user), payload });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect(refused.json().error.message).toContain('only supervisor may read or encode Temporal payloads');
  }
});

test('a payload of a key the API lacks, another namespace, or malformed base64 is refused for what it is', async () => {
  const foreign = await storedPayload(new PayloadEncryptionCodec([{ id: 'other-2025', key: Buffer.alloc(32, 1) }]));
  const unknown = await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: as('chen'), payload: { payloads: [foreign] } });
  expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'PAYLOAD_KEY_UNKNOWN']);
  expect(unknown.json().error.message).toContain('key "other-2025"');
  const namespace = await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: { ...as('chen'), 'x-namespace': 'payments' }, payload: { payloads: [] } });
  expect([namespace.statusCode, namespace.json().error.message]).toEqual([400, 'X-Namespace: this codec serves the namespace "default", not "payments"']);
  const malformed = await call(baseUrl, { method: 'POST', url: '/codec/decode', headers: as('chen'), payload: { payloads: [{ data: 'not base64!' }] } });
  expect([malformed.statusCode, malformed.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
});

test("CORS as the Temporal Web UI expects: its origin may ask with credentials; any other origin gets no permission", async () => {
  const preflight = (origin: string) => fetch(`${baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' } });
  const allowed = await preflight('http://127.0.0.1:8233');
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
  expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  expect(allowed.headers.get('access-control-allow-headers')).toContain('x-namespace');
  const other = await preflight('https://evil.example');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  // The answer itself carries the permission too (the browser checks both).
  const answer = await fetch(`${baseUrl}/codec/decode`, { method: 'POST', headers: { ...as('chen'), origin: 'http://127.0.0.1:8233', 'content-type': 'application/json' }, body: JSON.stringify({ payloads: [] }) });
  expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
});

test('in production the codec server only decrypts: no one, a supervisor included, gets a payload encrypted that a workflow would take for one of ours', async () => {
  const identity = await testIdentity();
  const strict = new PayloadEncryptionCodec([testPayloadKey], { refuseUnencrypted: true });
  const production = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', { codec: { codec: strict, namespace: 'default', corsOrigins: [], encode: false } }) });
  try {
    const url = await production.listen({ host: '127.0.0.1', port: 0 });
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify({ outcome: 'approved' })).toString('base64') };
    const encode = await call(url, { method: 'POST', url: '/codec/encode', headers: { authorization: `Bearer ${identity.tokens.chen}` }, payload: { payloads: [plain] } });
    expect(encode.statusCode).toBe(404);
    expect(encode.body).not.toContain('binary/encrypted');
    // Reading still works, and a forged (unencrypted) payload in a history shows as refused, not as its sender wrote it.
    const read = await call(url, { method: 'POST', url: '/codec/decode', headers: { authorization: `Bearer ${identity.tokens.chen}` }, payload: { payloads: [await storedPayload(), plain] } });
    expect(read.statusCode).toBe(200);
    expect(read.json().payloads.map(decoded)).toEqual([warrant, { takedownRefusedPayload: 'unencrypted', original: { outcome: 'approved' } }]);
  } finally {
    await production.close();
  }
});
