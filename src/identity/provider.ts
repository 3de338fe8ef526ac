import { randomUUID } from 'node:crypto';
import { SignJWT, type JSONWebKeySet } from 'jose';
import type { Actor } from '../../domain/actors';
import type { SigningKey } from './keys';
import { checkPassword, storeUser, type SeedUser, type StoredUser } from './users';

export interface LocalIdentityOptions {
  /** The issuer URL (`iss`); discovery is published under it. */
  issuer: string;
  audience: string;
  /** Claim that carries the roles, as the verifier reads it (a top-level claim here). */
  roleClaim: string;
  /** Claim that carries the person's team (default `team`). */
  teamClaim?: string;
  /** Token lifetime as jose takes it, e.g. `8h`. */
  tokenTtl: string;
  key: SigningKey;
  users: readonly SeedUser[];
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  actor: Actor;
}

/**
 * The embedded OpenID-style provider for one machine: it checks seeded users' passwords and signs ES256
 * JWTs that the API verifies exactly as it would verify an organisation's provider's tokens.
 */
export interface LocalIdentityProvider {
  readonly issuer: string;
  readonly users: readonly Pick<SeedUser, 'username' | 'name' | 'role' | 'team'>[];
  /** Checks a password and issues a token; undefined when the name or password is wrong. */
  signIn(username: string, password: string): Promise<IssuedToken | undefined>;
  jwks(): JSONWebKeySet;
  discovery(): { issuer: string; jwks_uri: string } & Record<string, unknown>;
}

export function createLocalIdentityProvider(options: LocalIdentityOptions): LocalIdentityProvider {
  const stored: StoredUser[] = options.users.map(storeUser);
  const issuer = options.issuer.replace(/\/$/, '');
  const ttlSeconds = durationSeconds(options.tokenTtl);
  const teamClaim = options.teamClaim ?? 'team';

  async function issue(user: StoredUser): Promise<IssuedToken> {
    const accessToken = await new SignJWT({ name: user.name, email: user.email, preferred_username: user.username, [options.roleClaim]: [user.role], [teamClaim]: user.team })
      .setProtectedHeader({ alg: 'ES256', kid: options.key.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(options.audience)
      .setSubject(user.username)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(options.key.privateKey);
    return { accessToken, expiresIn: ttlSeconds, actor: { id: user.username, name: user.name, role: user.role, team: user.team } };
  }

  return {
    issuer,
    users: stored.map(({ username, name, role, team }) => ({ username, name, role, team })),
    async signIn(username, password) {
      const user = checkPassword(stored, username, password);
      return user ? issue(user) : undefined;
    },
    jwks: () => ({ keys: [options.key.publicJwk] }),
    discovery: () => ({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      token_endpoint: `${issuer}/identity/token`,
      grant_types_supported: ['password'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['none'],
      claims_supported: ['sub', 'name', 'email', 'preferred_username', options.roleClaim, teamClaim],
      subject_types_supported: ['public'],
    }),
  };
}

function durationSeconds(value: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`not a token lifetime: ${value}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
