import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Browser } from 'playwright-core';
import { openDatabase, type Db } from '../../lib/store/database';
import { freePort } from '../../scripts/temporal-server';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { loadConfig } from '../../src/config';
import { oidcSignInFromConfig } from '../../src/identity/from-config';
import { createIdentityVerifier, remoteKeys } from '../../src/identity/verifier';
import { storesOf, testSettings } from '../api/api-world';
import { call } from '../api/http';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';
import { connectTestEnv, unique } from '../helpers/temporal';
import { launchChromium } from './browser';

// The web UI signs people in through an organisation's own OpenID Connect provider (here node-oidc-provider
// in its own process): authorization code flow with PKCE, state and nonce, the access token kept as the session.
let env: TestWorkflowEnvironment;
let browser: Browser;
let provider: TestOidcProvider;
let app: Api;
let db: Db;
let baseUrl: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidc-sign-in-'));

beforeAll(async () => {
  [env, browser] = await Promise.all([connectTestEnv(), launchChromium()]);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    clientId: 'takedown-web', redirectUri: `${baseUrl}/sign-in/callback`, audience: 'takedown', roleClaim: 'roles', apiScope: 'takedown',
    users: [{ username: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel' }, { username: 'visitor', name: 'A Visitor', role: 'contractor' }],
  });
  db = openDatabase(path.join(dir, 'api.db'));
  const verifier = createIdentityVerifier({ issuer: provider.issuer, audience: 'takedown', roleClaim: 'roles', keys: remoteKeys(provider.issuer) });
  app = await buildApi({
    client: env.client, verifier, ...storesOf(db),
    settings: testSettings(unique('oidc-'), { oidcSignIn: { issuer: provider.issuer, clientId: 'takedown-web', scopes: 'openid profile email takedown', redirectUri: `${baseUrl}/sign-in/callback` } }),
  });
  await app.listen({ host: '127.0.0.1', port });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
  db?.close();
  await env?.teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** From a page of ours to the provider's own login page, through our sign-in page. */
async function toProvider(next: string) {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto(next);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  return { context, page };
}

test("counsel signs in at the organisation's provider and lands on the page she asked for, as herself", async () => {
  const { context, page } = await toProvider('/review');
  // The provider's own login page (its dev interactions take any password for a known account).
  await page.locator('input[name="login"]').fill('okafor');
  await page.locator('input[name="password"]').fill('provider-side-password');
  await page.locator('button[type="submit"]').first().click();
  await page.getByRole('button', { name: 'Continue' }).click(); // the provider asks for her consent to our scope
  await page.waitForURL(`${baseUrl}/review`);
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  expect(await page.locator('header .who').textContent()).toContain('AUSA Grace Okafor');
  expect(await page.locator('header .who .role').textContent()).toBe('counsel');
  // The session is the provider's access token: HttpOnly, and accepted by the API like any bearer token.
  const session = (await context.cookies()).find((c) => c.name === 'takedown_session')!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  expect((await call(baseUrl, { method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${session.value}` } })).json()).toMatchObject({ actor: { id: 'okafor', role: 'counsel' } });
  // The sign-in state is single-use: it was cleared on the way back.
  expect((await context.cookies()).some((c) => c.name === 'takedown_oidc')).toBe(false);
  await context.close();
});

test('a person the provider knows but who holds no Takedown role is not signed in, and is told why', async () => {
  const { context, page } = await toProvider('/cases');
  await page.locator('input[name="login"]').fill('visitor');
  await page.locator('input[name="password"]').fill('x');
  await page.locator('button[type="submit"]').first().click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in/callback');
  expect(await page.getByRole('alert').textContent()).toContain('the token carries no Takedown role in "roles"');
  expect((await context.cookies()).some((c) => c.name === 'takedown_session')).toBe(false);
  await context.close();
});

test('a sign-in abandoned at the provider comes back as its error; a callback that did not start here is refused', async () => {
  const { context, page } = await toProvider('/cases');
  await page.getByRole('link', { name: /abort|cancel/i }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in/callback');
  expect(await page.getByRole('alert').textContent()).toContain('The identity provider did not sign you in: access_denied');
  await context.close();

  // A forged callback (no sealed state of ours, or another state) changes nothing.
  const forged = await call(baseUrl, { method: 'GET', url: '/sign-in/callback?code=stolen-code&state=guessed' });
  expect(forged.statusCode).toBe(400);
  expect(forged.body).toContain('This sign-in did not start here');
  expect(forged.setCookies.some((c) => c.startsWith('takedown_session=') && !c.startsWith('takedown_session=;'))).toBe(false);
});

test('the web UI is an OIDC client only with both the issuer and a client ID; scopes must include openid', () => {
  expect(oidcSignInFromConfig(loadConfig({ TAKEDOWN_OIDC_ISSUER: 'https://login.agency.example/realms/ipr' }))).toBeUndefined();
  expect(oidcSignInFromConfig(loadConfig({ TAKEDOWN_OIDC_ISSUER: 'https://login.agency.example/realms/ipr', TAKEDOWN_OIDC_CLIENT_ID: 'takedown-web', TAKEDOWN_PUBLIC_URL: 'https://takedown.agency.example/' }))).toEqual({
    issuer: 'https://login.agency.example/realms/ipr', clientId: 'takedown-web', clientSecret: undefined, scopes: 'openid profile email', redirectUri: 'https://takedown.agency.example/sign-in/callback',
  });
  expect(() => loadConfig({ TAKEDOWN_OIDC_SCOPES: 'profile email' })).toThrow(/TAKEDOWN_OIDC_SCOPES: space-separated scopes including "openid"/);
});
