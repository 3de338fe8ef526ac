// An organisation's OpenID Connect provider for tests: node-oidc-provider (a certified implementation),
// run as its own process because it is an ES module. Its own login page (dev interactions) signs in any
// configured user by name; access tokens are JWTs for our audience carrying the user's role.
// Usage: node oidc-provider-server.mjs '<json options>'; prints {"issuer": "..."} once listening.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2]);
const users = new Map(options.users.map((u) => [u.username, u]));
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-provider-key', alg: 'ES256', use: 'sig' };

// RFC 8707: a resource indicator is an absolute URI; the tokens for it carry our audience.
const resource = `urn:${options.audience}:api`;
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: options.clientId,
    ...(options.clientSecret ? { client_secret: options.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: [options.redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: ['test-provider-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
  scopes: ['openid', 'profile', 'email', options.apiScope],
  async findAccount(_ctx, sub) {
    const user = users.get(sub);
    return user && { accountId: sub, claims: async () => ({ sub, name: user.name, preferred_username: sub, email: `${sub}@agency.example` }) };
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: options.apiScope, audience: options.audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
    },
  },
  async extraTokenClaims(_ctx, token) {
    const user = users.get(token.accountId);
    return user && { [options.roleClaim]: [user.role], name: user.name, preferred_username: user.username };
  },
});
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
