import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT, generateKeyPair } from 'jose';
import { openDatabase } from '../../lib/store/database';
import { freePort } from '../../scripts/temporal-server';
import { buildApi } from '../../src/api/app';
import type { Api } from '../../src/api/types';
import { generateSigningKey, loadOrCreateSigningKey } from '../../src/identity/keys';
import { createLocalIdentityProvider, type LocalIdentityProvider } from '../../src/identity/provider';
import { seedUsers } from '../../src/identity/users';
import { createIdentityVerifier, localKeys, remoteKeys } from '../../src/identity/verifier';
import { storesOf, testSettings, unusedClient } from './api-world';
import { call } from './http';

/** An API whose identity routes are all a test needs: Temporal is never reached (a lazy connection to nowhere). */
async function identityServer(issuerFor: (port: number) => string, settings = {}) {
  const port = await freePort();
  const identity = createLocalIdentityProvider({ issuer: issuerFor(port), audience: 'takedown', roleClaim: 'roles', tokenTtl: '1h', key: await generateSigningKey(), users: seedUsers });
  const verifier = createIdentityVerifier({ issuer: identity.issuer, audience: 'takedown', roleClaim: 'roles', keys: localKeys(identity.jwks()) });
  const app = await buildApi({ client: unusedClient(), verifier, identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', settings) });
  await app.listen({ host: '127.0.0.1', port });
  return { app, identity, baseUrl: `http://127.0.0.1:${port}` };
}

let server: { app: Api; identity: LocalIdentityProvider; baseUrl: string };
beforeAll(async () => { server = await identityServer((port) => `http://127.0.0.1:${port}`); });
afterAll(() => server?.app.close());

test('the embedded provider publishes discovery and a JWKS; an outside verifier finds the keys from the issuer alone', async () => {
  const discovery = (await call(server.baseUrl, { method: 'GET', url: '/.well-known/openid-configuration' })).json();
  expect(discovery).toMatchObject({ issuer: server.baseUrl, jwks_uri: `${server.baseUrl}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ['ES256'] });
  const jwks = (await call(server.baseUrl, { method: 'GET', url: '/.well-known/jwks.json' })).json();
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  expect(jwks.keys[0]).not.toHaveProperty('d');

  // The password grant (what `takedown login` uses), then verification the way an organisation's provider is used.
  const token = await call(server.baseUrl, { method: 'POST', url: '/identity/token', payload: { username: 'okafor', password: 'okafor-dev-password' } });
  expect(token.statusCode).toBe(200);
  expect(token.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600, actor: { id: 'okafor', role: 'counsel' } });
  const remote = createIdentityVerifier({ issuer: server.baseUrl, audience: 'takedown', roleClaim: 'roles', keys: remoteKeys(server.baseUrl) });
  expect(await remote.verify(token.json().access_token)).toEqual({ id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel', team: 'miami-ipr' });
  const named = createIdentityVerifier({ issuer: server.baseUrl, audience: 'takedown', roleClaim: 'roles', keys: remoteKeys(server.baseUrl, `${server.baseUrl}/.well-known/jwks.json`) });
  expect((await named.verify(token.json().access_token)).role).toBe('counsel');
});

test('wrong passwords and unknown users are refused alike', async () => {
  for (const body of [{ username: 'okafor', password: 'wrong' }, { username: 'nobody', password: 'okafor-dev-password' }]) {
    const refused = await call(server.baseUrl, { method: 'POST', url: '/identity/token', payload: body });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toEqual({ code: 'SIGN_IN_FAILED', message: 'unknown user or wrong password' });
  }
  expect(await server.identity.signIn('OKAFOR ', 'okafor-dev-password')).toBeDefined();
});

describe('the verifier', () => {
  const issuer = 'https://idp.agency.example/realms/hsi';
  async function signer() {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const { exportJWK } = await import('jose');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const sign = (claims: Record<string, unknown>, options: { aud?: string; iss?: string; exp?: string | number | null; typ?: string } = {}) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1', ...(options.typ ? { typ: options.typ } : {}) }).setIssuer(options.iss ?? issuer).setAudience(options.aud ?? 'takedown').setSubject('u-17').setIssuedAt();
      return (options.exp === null ? jwt : jwt.setExpirationTime(options.exp ?? '5m')).sign(privateKey);
    };
    return { sign, keys: localKeys({ keys: [jwk] }) };
  }

  test('roles come from a configured claim, even a nested one (Keycloak realm_access.roles); the first Takedown role wins', async () => {
    const { sign, keys } = await signer();
    const verifier = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'realm_access.roles', keys });
    expect(await verifier.verify(await sign({ preferred_username: 'jdoe', realm_access: { roles: ['offline_access', 'coordinator', 'agent'] } }))).toEqual({ id: 'u-17', name: 'jdoe', role: 'coordinator' });
    const spaced = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'scope', keys });
    expect((await spaced.verify(await sign({ scope: 'openid supervisor' }))).role).toBe('supervisor');
    // An industry partner's account (issue 16): its own role, its organisation in the team claim.
    expect(await verifier.verify(await sign({ preferred_username: 'brand-desk', team: 'vantage-brands', realm_access: { roles: ['offline_access', 'partner'] } }))).toEqual({ id: 'u-17', name: 'brand-desk', role: 'partner', team: 'vantage-brands' });
  });

  test('wrong audience, wrong issuer, expiry, no role, a recipient role and HS256 are all refused', async () => {
    const { sign, keys } = await signer();
    const verifier = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'roles', keys });
    await expect(verifier.verify(await sign({ roles: ['agent'] }, { aud: 'other-app' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('"aud"') });
    await expect(verifier.verify(await sign({ roles: ['agent'] }, { iss: 'https://evil.example' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('"iss"') });
    await expect(verifier.verify(await sign({ roles: ['agent'] }, { exp: Math.floor(Date.now() / 1000) - 120 }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('expired') });
    await expect(verifier.verify(await sign({ roles: ['auditor'] }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verifier.verify(await sign({ roles: ['recipient', 'system'] }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const hs = await new SignJWT({ roles: ['supervisor'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer(issuer).setAudience('takedown').setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode('a-shared-secret-of-32-bytes-long!!'));
    await expect(verifier.verify(hs)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify('not.a.jwt')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  test('the team comes from a configured claim (default "team"; a list counts by its first entry); a token without one signs in with no team', async () => {
    const { sign, keys } = await signer();
    const byDefault = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'roles', keys });
    expect(await byDefault.verify(await sign({ roles: ['agent'], team: 'newark-ipr' }))).toEqual({ id: 'u-17', name: 'u-17', role: 'agent', team: 'newark-ipr' });
    const nested = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'roles', teamClaim: 'takedown.teams', keys });
    expect((await nested.verify(await sign({ roles: ['counsel'], takedown: { teams: ['miami-ipr', 'other'] } }))).team).toBe('miami-ipr');
    // No team, or one that could not be a team name (it would go into a visibility query): signed in, member of no team's case.
    expect(await byDefault.verify(await sign({ roles: ['agent'] }))).toEqual({ id: 'u-17', name: 'u-17', role: 'agent' });
    expect(await byDefault.verify(await sign({ roles: ['agent'], team: "x' OR 'a'='a" }))).not.toHaveProperty('team');
  });

  test('a token without an expiry is refused: it would be good forever', async () => {
    const { sign, keys } = await signer();
    const verifier = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'roles', keys });
    await expect(verifier.verify(await sign({ roles: ['supervisor'] }, { exp: null }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'the token was refused: it has no expiry ("exp"); sign in again' });
  });

  test('only access tokens are accepted: not ID, refresh or logout tokens the same provider signs', async () => {
    const { sign, keys } = await signer();
    const verifier = createIdentityVerifier({ issuer, audience: 'takedown', roleClaim: 'roles', keys });
    for (const typ of ['JWT', 'at+jwt', 'application/at+jwt']) expect((await verifier.verify(await sign({ roles: ['agent'] }, { typ }))).role).toBe('agent');
    expect((await verifier.verify(await sign({ roles: ['agent'], typ: 'Bearer' }))).role).toBe('agent');
    await expect(verifier.verify(await sign({ roles: ['agent'] }, { typ: 'logout+jwt' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('its type "logout+jwt" is not an access token') });
    await expect(verifier.verify(await sign({ roles: ['agent'], typ: 'ID' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('it is a "ID" token, not an access (Bearer) token') });
    await expect(verifier.verify(await sign({ roles: ['agent'], typ: 'Refresh' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verifier.verify(await sign({ roles: ['agent'], token_use: 'id' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('"id" token') });
  });
});

test('the signing key is generated once under the data directory (mode 0600) and reused', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-key-')), 'identity', 'signing-key.json');
  const first = await loadOrCreateSigningKey(file);
  const second = await loadOrCreateSigningKey(file);
  expect(second.kid).toBe(first.kid);
  expect(second.publicJwk).toEqual(first.publicJwk);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const provider = createLocalIdentityProvider({ issuer: 'http://x', audience: 'takedown', roleClaim: 'roles', tokenTtl: '1h', key: first, users: seedUsers });
  const verifier = createIdentityVerifier({ issuer: 'http://x', audience: 'takedown', roleClaim: 'roles', keys: localKeys({ keys: [second.publicJwk] }) });
  expect((await verifier.verify((await provider.signIn('chen', 'chen-dev-password'))!.accessToken)).role).toBe('supervisor');
});

test('sign-in is rate limited per client', async () => {
  const limited = await identityServer((port) => `http://127.0.0.1:${port}`, { signInRateLimit: 3 });
  try {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await call(limited.baseUrl, { method: 'POST', url: '/identity/token', payload: { username: 'rivera', password: 'wrong' } })).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    const last = await call(limited.baseUrl, { method: 'POST', url: '/identity/token', payload: { username: 'rivera', password: 'rivera-dev-password' } });
    expect(last.json().error.code).toBe('TOO_MANY_REQUESTS');
  } finally {
    await limited.app.close();
  }
});

test('behind a trusted proxy each client has its own sign-in limit; from anyone else X-Forwarded-For is ignored', async () => {
  const signIn = (baseUrl: string, client: string) => call(baseUrl, { method: 'POST', url: '/identity/token', headers: { 'x-forwarded-for': client }, payload: { username: 'rivera', password: 'wrong' } });
  // The test connects from 127.0.0.1: here that is the reverse proxy, so its X-Forwarded-For names the client.
  const proxied = await identityServer((port) => `http://127.0.0.1:${port}`, { signInRateLimit: 2, trustProxy: ['127.0.0.1'] });
  try {
    expect([(await signIn(proxied.baseUrl, '203.0.113.5')).statusCode, (await signIn(proxied.baseUrl, '203.0.113.5')).statusCode, (await signIn(proxied.baseUrl, '203.0.113.5')).statusCode]).toEqual([401, 401, 429]);
    // Another person behind the same proxy is not locked out by the first.
    expect((await signIn(proxied.baseUrl, '203.0.113.6')).statusCode).toBe(401);
  } finally {
    await proxied.app.close();
  }
  // Only 10.0.0.1 is a proxy: a client on 127.0.0.1 writing its own X-Forwarded-For gains nothing.
  const direct = await identityServer((port) => `http://127.0.0.1:${port}`, { signInRateLimit: 2, trustProxy: ['10.0.0.1'] });
  try {
    const codes = [];
    for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) codes.push((await signIn(direct.baseUrl, forged)).statusCode);
    expect(codes).toEqual([401, 401, 429, 429]);
  } finally {
    await direct.app.close();
  }
});
