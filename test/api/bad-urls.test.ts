import net from 'node:net';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { listenWatched } from './contract-check';
import { storesOf, testIdentity, testSettings, unusedClient } from './api-world';
import { call } from './http';

// Found by fuzzing (test/fuzz/api-bodies.test.ts). A path parameter whose percent-encoding is not UTF-8
// (a lone surrogate, %ED%A0%80) got fastify's own body {"code":"FST_ERR_BAD_URL",...}, outside the catalogue.
let app: Api;
let baseUrl: string;
let close: (() => Promise<void>) | undefined;
beforeAll(async () => {
  const identity = await testIdentity();
  app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused') });
  ({ baseUrl, close } = await listenWatched(app));
});
afterAll(async () => close?.());

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

// The OpenAPI tester found these in the framework's own shape or as 404/400 (issue 17, item 5).
test('a URL path over 2,048 characters is refused as URL_TOO_LONG (414) from the catalogue, however it is made', async () => {
  // A parameter the route takes but the path too long, a parameter past the router's limit, many short parts, no route at all.
  const urls = [
    `/api/targets/${'a'.repeat(2040)}`, `/api/targets/${'a'.repeat(3000)}`, `/api/${'a/'.repeat(1030)}`, `/nowhere/${'b'.repeat(2100)}?q=1`,
  ];
  for (const url of urls) {
    const answer = await call(baseUrl, { method: 'GET', url });
    expect(answer.statusCode).toBe(414);
    expect(answer.json()).toEqual({ error: { code: 'URL_TOO_LONG', message: expect.stringContaining('2,048') } });
  }
  // A path of exactly 2,048 characters is routed as any other (here: no such target, and no token).
  expect((await call(baseUrl, { method: 'GET', url: `/api/targets/${'a'.repeat(2048 - '/api/targets/'.length)}` })).statusCode).toBe(401);
});

const badJson = { payload: '{not json', headers: { 'content-type': 'application/json' } };

test.each([
  ['DELETE', '/api/cases', 'POST, GET, HEAD'],
  ['PATCH', '/api/cases/HSI-2026-001', 'GET, HEAD'],
  ['GET', '/api/cases/HSI-2026-001/submit', 'POST'],
  ['PUT', '/identity/token', 'POST'],
])('%s %s, a method the path does not take, is refused as METHOD_NOT_ALLOWED (405) with Allow: %s', async (method, url, allow) => {
  // A malformed body does not change the answer: the URL is refused before any body is read.
  const answer = await call(baseUrl, { method, url, ...(method === 'GET' ? {} : badJson) });
  expect(answer.statusCode).toBe(405);
  expect(answer.headers.allow).toBe(allow);
  expect(answer.json()).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: `${url} does not take ${method}; it takes ${allow}` } });
});

test('an unknown path is still NOT_FOUND (404) from the catalogue, whatever its method or body', async () => {
  for (const method of ['GET', 'POST', 'DELETE']) {
    const answer = await call(baseUrl, { method, url: '/api/nothing-here?x=1', ...(method === 'GET' ? {} : badJson) });
    expect(answer.statusCode).toBe(404);
    expect(answer.headers.allow).toBeUndefined();
    expect(answer.json()).toEqual({ error: { code: 'NOT_FOUND', message: `no route ${method} /api/nothing-here` } });
  }
});
