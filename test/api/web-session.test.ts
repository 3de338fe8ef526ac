import { PassThrough } from 'node:stream';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { signAckToken } from '../../lib/ack-token';
import { linkSecret } from '../helpers/world';
import { formBody, formState } from './ack-form';
import { listenWatched } from './contract-check';
import { storesOf, testIdentity, testSettings, unusedClient } from './api-world';
import { call } from './http';

// Sessions need no engine: the API talks to a lazy Temporal connection that is never used here.
let app: Api;
let baseUrl: string;
let close: (() => Promise<void>) | undefined;
const logged: string[] = [];
let tokens: Awaited<ReturnType<typeof testIdentity>>['tokens'];
let identity: Awaited<ReturnType<typeof testIdentity>>['identity'];
beforeAll(async () => {
  const { identity: provider, verifier, tokens: issued } = await testIdentity();
  tokens = issued;
  identity = provider;
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => logged.push(chunk.toString()));
  app = await buildApi({ client: unusedClient(), verifier, identity: provider, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', { logger: logStream }) });
  ({ baseUrl, close } = await listenWatched(app));
});
afterAll(async () => close?.());

async function signIn(username: string, password: string) {
  const page = await call(baseUrl, { method: 'GET', url: '/sign-in?next=/review' });
  const { cookie, csrf } = formState(page);
  return call(baseUrl, { method: 'POST', url: '/sign-in', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, username, password, next: '/review' }) });
}

test('signing in sets the token in a Secure, HttpOnly, SameSite=Strict cookie and goes where the person was headed', async () => {
  const response = await signIn('okafor', 'okafor-dev-password');
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/review');
  const session = response.setCookies.find((c) => c.startsWith('takedown_session='))!;
  expect(session).toMatch(/; Path=\//);
  expect(session).toContain('HttpOnly');
  expect(session).toContain('Secure');
  expect(session).toContain('SameSite=Strict');
  expect(session).toMatch(/Max-Age=3600/);
});

test('a wrong password shows the form again with the reason; a form without its CSRF pair is refused', async () => {
  const wrong = await signIn('okafor', 'guess');
  expect(wrong.statusCode).toBe(401);
  expect(wrong.body).toContain('Unknown user name or wrong password.');
  expect(wrong.body).toContain('value="okafor"');
  const forged = await call(baseUrl, { method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: 'x', username: 'okafor', password: 'okafor-dev-password' }) });
  expect(forged.statusCode).toBe(403);
  expect(forged.setCookies.some((c) => c.startsWith('takedown_session='))).toBe(false);
});

test('a cookie session needs the CSRF token on unsafe requests; a bearer header does not', async () => {
  const cookie = (await signIn('rivera', 'rivera-dev-password')).setCookies.find((c) => c.startsWith('takedown_session='))!.split(';')[0]!;
  const session = (await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } })).json();
  expect(session.actor).toEqual({ id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' });
  const payload = { inputs: ['Example.COM'] };
  const without = await call(baseUrl, { method: 'POST', url: '/api/normalize', headers: { cookie }, payload });
  expect(without.statusCode).toBe(403);
  expect(without.json().error.code).toBe('CSRF_INVALID');
  const withToken = await call(baseUrl, { method: 'POST', url: '/api/normalize', headers: { cookie, 'x-csrf-token': session.csrfToken }, payload });
  expect(withToken.statusCode).toBe(200);
  expect(withToken.json().results[0].target.domain).toBe('example.com');
  const bearer = await call(baseUrl, { method: 'POST', url: '/api/normalize', headers: { authorization: `Bearer ${tokens.rivera}` }, payload });
  expect(bearer.statusCode).toBe(200);
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${tokens.rivera}` } })).json()).not.toHaveProperty('csrfToken');
});

test('signing out in the web UI ends the token itself: a copy of the cookie is refused afterwards', async () => {
  const cookie = (await signIn('patel', 'patel-dev-password')).setCookies.find((c) => c.startsWith('takedown_session='))!.split(';')[0]!;
  const session = await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } });
  expect(session.statusCode).toBe(200);
  const out = await call(baseUrl, { method: 'POST', url: '/sign-out', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: session.json().csrfToken }) });
  expect(out.statusCode).toBe(303);
  const after = await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } });
  expect(after.statusCode).toBe(401);
  expect(after.json().error).toEqual({ code: 'UNAUTHENTICATED', message: 'the token was refused: it was signed out; sign in again' });
  // The same token as a bearer header is refused too: it is the token that ended, not the cookie.
  const token = decodeURIComponent(cookie.slice('takedown_session='.length));
  expect((await call(baseUrl, { method: 'POST', url: '/api/normalize', headers: { authorization: `Bearer ${token}` }, payload: { inputs: ['example.com'] } })).statusCode).toBe(401);
});

test('signing out through the API revokes a bearer token; other tokens of the same person still work', async () => {
  const first = (await identity.signIn('chen', 'chen-dev-password'))!.accessToken;
  const second = (await identity.signIn('chen', 'chen-dev-password'))!.accessToken;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: as(first) })).statusCode).toBe(200);
  const out = await call(baseUrl, { method: 'POST', url: '/api/session/sign-out', headers: as(first) });
  expect(out.statusCode).toBe(204);
  const after = await call(baseUrl, { method: 'GET', url: '/api/session', headers: as(first) });
  expect(after.statusCode).toBe(401);
  expect(after.json().error.message).toContain('it was signed out');
  expect((await call(baseUrl, { method: 'POST', url: '/api/session/sign-out', headers: as(first) })).statusCode).toBe(401);
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: as(second) })).json().actor.id).toBe('chen');
});

test('signing out a cookie session through the API needs its CSRF token', async () => {
  const cookie = (await signIn('okafor', 'okafor-dev-password')).setCookies.find((c) => c.startsWith('takedown_session='))!.split(';')[0]!;
  const forged = await call(baseUrl, { method: 'POST', url: '/api/session/sign-out', headers: { cookie } });
  expect(forged.statusCode).toBe(403);
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
  const csrfToken = (await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } })).json().csrfToken;
  expect((await call(baseUrl, { method: 'POST', url: '/api/session/sign-out', headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
});

test('pages send strangers to sign-in, and signed-in people to their role home; pages carry a strict CSP', async () => {
  const stranger = await call(baseUrl, { method: 'GET', url: '/dashboard' });
  expect(stranger.statusCode).toBe(303);
  expect(stranger.headers.location).toBe('/sign-in?next=%2Fdashboard');
  const cookie = (await signIn('patel', 'patel-dev-password')).setCookies.find((c) => c.startsWith('takedown_session='))!.split(';')[0]!;
  const home = await call(baseUrl, { method: 'GET', url: '/', headers: { cookie } });
  expect(home.headers.location).toBe('/dashboard');
  const page = await call(baseUrl, { method: 'GET', url: '/dashboard', headers: { cookie } });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect(page.body).toContain('<meta name="csrf-token"');
  expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // nothing from outside
  const openRedirect = await call(baseUrl, { method: 'GET', url: '/sign-in?next=//evil.example/' });
  expect(openRedirect.body).toContain('name="next" value="/"');
});

test('oversized bodies are refused with 413', async () => {
  const small = await buildApi({ client: unusedClient(), ...(await testIdentity()), ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', { bodyLimit: 1024 }) });
  const url = await small.listen({ host: '127.0.0.1', port: 0 });
  try {
    const big = await call(url, { method: 'POST', url: '/api/normalize', headers: { authorization: `Bearer ${tokens.rivera}` }, payload: { inputs: ['x'.repeat(2000)] } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  } finally {
    await small.close();
  }
});

test('nothing secret reaches the logs: no tokens, passwords, cookies or acknowledgement links', async () => {
  const ackToken = signAckToken({ workflowId: 'case:X', noticeId: 'n', exp: 1 }, linkSecret);
  await call(baseUrl, { method: 'GET', url: `/ack/${ackToken}` });
  await signIn('chen', 'chen-dev-password');
  await call(baseUrl, { method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${tokens.chen}` } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const text = logged.join('');
  expect(text).toContain('/ack/[token]');
  expect(text).toContain('"user":"chen"');
  for (const secret of [ackToken, 'chen-dev-password', tokens.chen, ackToken.split('.')[1]!]) expect(text).not.toContain(secret);
});
