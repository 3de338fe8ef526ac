import { z } from 'zod';
import { TakedownError } from '../../domain/errors';
import type { Api } from '../api/types';
import * as bodies from '../api/contract/bodies';
import { answers } from '../api/contract/responses';
import type { LocalIdentityProvider } from './provider';

/**
 * The embedded provider's published endpoints: discovery, the JWKS the API (or anyone) verifies with,
 * and a token endpoint (password grant) for the CLI. The web UI's sign-in page is in src/web.
 */
export function identityRoutes(app: Api, provider: LocalIdentityProvider, signInPerMinute: number): void {
  app.get('/.well-known/openid-configuration', {
    schema: {
      tags: ['identity'], summary: "The embedded identity provider's discovery document", security: [], response: answers({ 200: bodies.discovery }),
    },
  }, async () => provider.discovery());
  app.get('/.well-known/jwks.json', { schema: { tags: ['identity'], summary: 'Public keys that sign our tokens', security: [],
    response: answers({ 200: bodies.jwks }) } }, async () => provider.jwks());

  app.post('/identity/token', {
    schema: {
      tags: ['identity'], summary: 'Sign in (password grant): answers a bearer token for the API', security: [],
      body: z.object({ grant_type: z.literal('password').default('password'), username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
      response: answers({ 200: bodies.token }, [401]),
    },
    config: { rateLimit: { max: signInPerMinute, timeWindow: '1 minute' } },
  }, async (request) => {
    const issued = await provider.signIn(request.body.username, request.body.password);
    if (!issued) throw new TakedownError('SIGN_IN_FAILED');
    request.log.info({ user: issued.actor.id }, 'token issued');
    return { access_token: issued.accessToken, token_type: 'Bearer' as const, expires_in: issued.expiresIn, actor: issued.actor };
  });
}
