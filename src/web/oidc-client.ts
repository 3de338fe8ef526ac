import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { TakedownError } from '../../domain/errors';

/** The web UI as a client of the organisation's OpenID Connect provider (authorization code flow with PKCE). */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  /** A confidential client authenticates with client_secret_basic; without a secret it is a public client (PKCE alone). */
  clientSecret?: string;
  /** Space-separated; must get an access token for the API's audience from this provider. */
  scopes: string;
  /** `<TAKEDOWN_PUBLIC_URL>/sign-in/callback`, registered with the provider. */
  redirectUri: string;
}

/** What is kept between sending a person to the provider and their return: checked on the way back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

interface Discovery { authorization_endpoint: string; token_endpoint: string; jwks_uri: string; issuer: string }

const random = () => randomBytes(32).toString('base64url');

/**
 * The provider's endpoints come from its discovery document (fetched once, again after a failure); the ID
 * token is verified against its published keys, issuer, our client ID and the nonce we sent.
 */
export function createOidcClient(settings: OidcClientSettings) {
  const issuer = settings.issuer.replace(/\/$/, '');
  let discovered: Promise<{ doc: Discovery; keys: JWTVerifyGetKey }> | undefined;
  const discovery = () => (discovered ??= discover(issuer).catch((error: unknown) => { discovered = undefined; throw error; }));

  return {
    /** Where to send the person, and what to remember until they come back. */
    async begin(next: string): Promise<{ url: string; pending: PendingSignIn }> {
      const { doc } = await discovery();
      const pending: PendingSignIn = { state: random(), nonce: random(), codeVerifier: random(), next };
      const url = new URL(doc.authorization_endpoint);
      url.search = new URLSearchParams({
        response_type: 'code', client_id: settings.clientId, redirect_uri: settings.redirectUri, scope: settings.scopes,
        state: pending.state, nonce: pending.nonce, code_challenge: createHash('sha256').update(pending.codeVerifier).digest('base64url'), code_challenge_method: 'S256',
      }).toString();
      return { url: url.toString(), pending };
    },

    /** The code exchanged at the token endpoint; answers the access token (for the API) once the ID token checks out. */
    async finish(code: string, pending: PendingSignIn): Promise<{ accessToken: string; expiresIn?: number }> {
      const { doc, keys } = await discovery();
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
      const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: settings.redirectUri, code_verifier: pending.codeVerifier };
      if (settings.clientSecret) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`;
      else form.client_id = settings.clientId;
      const response = await fetch(doc.token_endpoint, { method: 'POST', headers, body: new URLSearchParams(form), signal: AbortSignal.timeout(10_000) });
      const body = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string; expires_in?: number; error?: string; error_description?: string };
      if (!response.ok || !body.access_token || !body.id_token) {
        throw new TakedownError('SIGN_IN_FAILED', `the identity provider did not issue tokens (${body.error ?? response.status}${body.error_description ? `: ${body.error_description}` : ''})`);
      }
      try {
        const { payload } = await jwtVerify(body.id_token, keys, { issuer: doc.issuer, audience: settings.clientId });
        if (payload.nonce !== pending.nonce) throw new Error('the nonce does not match this sign-in');
      } catch (error) {
        throw new TakedownError('SIGN_IN_FAILED', `the identity provider's ID token was refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { accessToken: body.access_token, expiresIn: body.expires_in };
    },
  };
}

export type OidcClient = ReturnType<typeof createOidcClient>;

async function discover(issuer: string): Promise<{ doc: Discovery; keys: JWTVerifyGetKey }> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new TakedownError('SIGN_IN_FAILED', `the identity provider's discovery at ${issuer} answered ${response.status}`);
  const doc = (await response.json()) as Partial<Discovery>;
  if (!doc.authorization_endpoint || !doc.token_endpoint || !doc.jwks_uri || doc.issuer?.replace(/\/$/, '') !== issuer) {
    throw new TakedownError('SIGN_IN_FAILED', `the identity provider's discovery at ${issuer} lacks an endpoint or names another issuer`);
  }
  return { doc: doc as Discovery, keys: createRemoteJWKSet(new URL(doc.jwks_uri)) };
}
