import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { teamPattern } from '../../domain/membership';
import { signInRoles, type SignInRole } from './users';

/** Turns a bearer token into the verified actor, or refuses it (UNAUTHENTICATED, FORBIDDEN without a role). */
export interface IdentityVerifier {
  verify(token: string): Promise<Actor>;
}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Where the roles are: a claim name, or a dotted path such as `realm_access.roles` (Keycloak). */
  roleClaim: string;
  /** Where the person's team is (default `team`); a token without one still signs in, but belongs to no team's case. */
  teamClaim?: string;
  keys: JWTVerifyGetKey;
}

// Asymmetric algorithms only: a token signed with a shared secret (HS256) is never accepted.
const algorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

/**
 * The JOSE `typ` of an access token: RFC 9068's `at+jwt`, or the plain `JWT` most providers (and ours) write.
 * Other typed JWTs a provider signs with the same key (logout tokens, DPoP proofs, security events) are not
 * access tokens; neither are Keycloak's ID and refresh tokens (`"typ": "ID"` / `"Refresh"` in the payload)
 * nor Cognito's ID tokens (`"token_use": "id"`).
 */
const accessTokenTypes = new Set(['jwt', 'at+jwt', 'application/at+jwt']);

function tokenTypeProblem(header: { typ?: string }, payload: JWTPayload): string | undefined {
  if (header.typ !== undefined && !accessTokenTypes.has(header.typ.toLowerCase())) return `its type "${header.typ}" is not an access token (JWT or at+jwt)`;
  if (payload.typ !== undefined && String(payload.typ).toLowerCase() !== 'bearer') return `it is a "${String(payload.typ)}" token, not an access (Bearer) token`;
  if (payload.token_use !== undefined && payload.token_use !== 'access') return `it is an "${String(payload.token_use)}" token, not an access token`;
  return undefined;
}

export function createIdentityVerifier(options: VerifierOptions): IdentityVerifier {
  return {
    async verify(token) {
      let payload: JWTPayload;
      let header: { typ?: string };
      try {
        // An expiry is required: a token without one would be good forever.
        ({ payload, protectedHeader: header } = await jwtVerify(token, options.keys, { issuer: options.issuer, audience: options.audience, algorithms, requiredClaims: ['exp'] }));
      } catch (error) {
        throw new TakedownError('UNAUTHENTICATED', `the token was refused: ${reasonOf(error)}; sign in again`);
      }
      const wrongType = tokenTypeProblem(header, payload);
      if (wrongType) throw new TakedownError('UNAUTHENTICATED', `the token was refused: ${wrongType}; sign in again`);
      if (!payload.sub) throw new TakedownError('UNAUTHENTICATED', 'the token names no subject');
      const role = roleOf(payload, options.roleClaim);
      if (!role) throw new TakedownError('FORBIDDEN', `the token carries no Takedown role in "${options.roleClaim}" (one of ${signInRoles.join(', ')})`);
      const name = [payload.name, payload.preferred_username, payload.sub].find((v): v is string => typeof v === 'string' && v.length > 0)!;
      const team = teamOf(payload, options.teamClaim ?? 'team');
      return { id: payload.sub, name, role, ...(team ? { team } : {}) };
    },
  };
}

/** Keys published by the embedded provider, used in-process (no HTTP round trip to ourselves). */
export function localKeys(jwks: JSONWebKeySet): JWTVerifyGetKey {
  return createLocalJWKSet(jwks);
}

/** Keys of an organisation's provider: its JWKS URL, or the one its discovery document names. */
export function remoteKeys(issuer: string, jwksUrl?: string): JWTVerifyGetKey {
  if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl));
  let resolved: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    resolved ??= discoverJwks(issuer).catch((error: unknown) => { resolved = undefined; throw error; });
    return (await resolved)(header, token);
  };
}

async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`discovery at ${issuer} answered ${response.status}`);
  const { jwks_uri: jwksUri } = (await response.json()) as { jwks_uri?: string };
  if (!jwksUri) throw new Error(`discovery at ${issuer} names no jwks_uri`);
  return createRemoteJWKSet(new URL(jwksUri));
}

/** The claim's value at a claim name or dotted path. */
function claimAt(payload: JWTPayload, claim: string): unknown {
  let value: unknown = payload;
  for (const part of claim.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/**
 * The team in the claim: a string, or the first entry of a list (Keycloak groups come as `/teams/miami-ipr`,
 * which is kept as written). A value that could not be a team name is ignored, as if there were none.
 */
function teamOf(payload: JWTPayload, claim: string): string | undefined {
  const value = claimAt(payload, claim);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && teamPattern.test(first) ? first : undefined;
}

/** The first Takedown role in the claim (a string or a list), in the claim's own order. */
function roleOf(payload: JWTPayload, claim: string): SignInRole | undefined {
  let value: unknown = payload;
  for (const part of claim.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  const listed = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return listed.find((r): r is SignInRole => (signInRoles as readonly unknown[]).includes(r));
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') return 'it has no expiry ("exp")';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim "${error.claim}" is wrong (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no published key matches it';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'it is malformed';
  return 'it could not be verified';
}
