import net from 'node:net';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { storesOf, testIdentity, testSettings, unusedClient } from './api-world';
import { call } from './http';

// Found by fuzzing (test/fuzz/api-bodies.test.ts). A path parameter whose percent-encoding is not UTF-8
// (a lone surrogate, %ED%A0%80) got fastify's own body {"code":"FST_ERR_BAD_URL",...}, outside the catalogue.
let app: Api;
let baseUrl: string;
beforeAll(async () => {
  const identity = await testIdentity();
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused') });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => app?.close());

test.each([
  ['GET', '/api/cases/%ED%A0%80'],
  ['POST', '/api/cases/C-%ED%A0%80/reopen'],
  ['GET', '/api/targets/%FF'],
])('%s %s, whose percent-encoding is not UTF-8, is refused as VALIDATION_FAILED from the catalogue', async (method, url) => {
  const answer = await call(baseUrl, { method, url, ...(method === 'POST' ? { payload: { reason: 'a reason' } } : {}) });
  expect(answer.statusCode).toBe(400);
  expect(answer.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('is not a valid url component') } });
});

// Found by fuzzing too: a URL past Node's 16 KB header limit got fastify's {"error":"Request Header Fields Too Large",...}.
test('a URL longer than the server accepts is refused as PAYLOAD_TOO_LARGE from the catalogue', async () => {
  const answer = await call(baseUrl, { method: 'GET', url: `/api/targets/${'a'.repeat(20_000)}` });
  expect(answer.statusCode).toBe(413);
  expect(answer.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('shorten the URL') } });
});

test('bytes that are not HTTP are refused as VALIDATION_FAILED from the catalogue', async () => {
  const { port } = new URL(baseUrl);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk) => { text += chunk.toString(); });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  expect(reply).toMatch(/^HTTP\/1\.1 400 /);
  expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'the request is not valid HTTP' } });
});
