import path from 'node:path';
import type { Config } from '../config';
import type { OidcClientSettings } from '../web/oidc-client';
import { loadOrCreateSigningKey } from './keys';
import { createLocalIdentityProvider, type LocalIdentityProvider } from './provider';
import { seedUsers } from './users';
import { createIdentityVerifier, localKeys, remoteKeys, type IdentityVerifier } from './verifier';

/**
 * Identity from configuration: an organisation's OpenID Connect provider when TAKEDOWN_OIDC_ISSUER is
 * set (its JWKS, named or discovered), otherwise the embedded provider with the seeded users, issuing
 * as TAKEDOWN_PUBLIC_URL with a key kept under the data directory.
 */
export async function identityFromConfig(config: Config): Promise<{ verifier: IdentityVerifier; provider?: LocalIdentityProvider }> {
  const common = { audience: config.TAKEDOWN_OIDC_AUDIENCE, roleClaim: config.TAKEDOWN_OIDC_ROLE_CLAIM, teamClaim: config.TAKEDOWN_OIDC_TEAM_CLAIM };
  if (config.TAKEDOWN_OIDC_ISSUER) {
    return { verifier: createIdentityVerifier({ ...common, issuer: config.TAKEDOWN_OIDC_ISSUER, keys: remoteKeys(config.TAKEDOWN_OIDC_ISSUER, config.TAKEDOWN_OIDC_JWKS_URL) }) };
  }
  const key = await loadOrCreateSigningKey(path.join(config.TAKEDOWN_DATA_DIR, 'identity', 'signing-key.json'));
  const provider = createLocalIdentityProvider({ ...common, issuer: config.TAKEDOWN_PUBLIC_URL, tokenTtl: config.TAKEDOWN_TOKEN_TTL, key, users: seedUsers });
  return { provider, verifier: createIdentityVerifier({ ...common, issuer: provider.issuer, keys: localKeys(provider.jwks()) }) };
}

/** The web UI's sign-in through the organisation's provider: needs its issuer and our client ID there. */
export function oidcSignInFromConfig(config: Config): OidcClientSettings | undefined {
  if (!config.TAKEDOWN_OIDC_ISSUER || !config.TAKEDOWN_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: config.TAKEDOWN_OIDC_ISSUER, clientId: config.TAKEDOWN_OIDC_CLIENT_ID, clientSecret: config.TAKEDOWN_OIDC_CLIENT_SECRET,
    scopes: config.TAKEDOWN_OIDC_SCOPES, redirectUri: `${config.TAKEDOWN_PUBLIC_URL.replace(/\/$/, '')}/sign-in/callback`,
  };
}
