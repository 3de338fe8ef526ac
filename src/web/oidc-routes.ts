import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../domain/actors';
import { SESSION_COOKIE } from '../api/auth';
import { clearCookie, readCookie, setCookie, type CookieOptions } from '../api/cookies';
import { toHttpError } from '../api/errors';
import type { Api, RouteContext } from '../api/types';
import { esc, layout } from './html';
import type { OidcClient, PendingSignIn } from './oidc-client';
import { signInPage } from './sign-in-page';

const PENDING_COOKIE = 'takedown_oidc';
const pendingForMs = 10 * 60_000;

export interface SignInHelpers {
  sessionCookie: CookieOptions;
  home: Record<Actor['role'], string>;
  localPath: (next: unknown) => string;
}

/**
 * Sign-in through the organisation's provider: /sign-in/oidc sends the person there with a fresh state,
 * nonce and PKCE verifier (kept in a sealed cookie); /sign-in/callback checks them, exchanges the code, and
 * keeps the access token as the session only if it passes the very verification every API call gets.
 */
export function oidcSignInRoutes(app: Api, { deps }: RouteContext, client: OidcClient, helpers: SignInHelpers): void {
  const { settings } = deps;
  // Lax, not Strict: the person comes back from the provider's site by a top-level GET.
  const pendingCookie: CookieOptions = { path: '/sign-in', httpOnly: true, sameSite: 'lax', secure: settings.cookieSecure, maxAge: pendingForMs / 1000 };
  const mac = (value: string) => createHmac('sha256', settings.sessionSecret).update(`oidc-pending:${value}`).digest('base64url');
  const seal = (pending: PendingSignIn) => { const value = Buffer.from(JSON.stringify({ ...pending, exp: Date.now() + pendingForMs })).toString('base64url'); return `${value}.${mac(value)}`; };
  const unseal = (sealed: string | undefined): PendingSignIn | undefined => {
    const [value, tag] = (sealed ?? '').split('.');
    if (!value || !tag || tag.length !== mac(value).length || !timingSafeEqual(Buffer.from(tag), Buffer.from(mac(value)))) return undefined;
    const pending = JSON.parse(Buffer.from(value, 'base64url').toString()) as PendingSignIn & { exp: number };
    return pending.exp > Date.now() ? pending : undefined;
  };
  const page = (reply: FastifyReply, status: number, error: string, next = '/') => reply.code(status).type('text/html; charset=utf-8').send(signInPage({ formToken: '', next, error, embedded: false, organisation: true }));

  app.get('/sign-in/oidc', { schema: { hide: true, querystring: z.object({ next: z.string().max(500).optional() }) }, config: { html: true } }, async (request, reply) => {
    try {
      const { url, pending } = await client.begin(helpers.localPath(request.query.next));
      setCookie(reply, PENDING_COOKIE, seal(pending), pendingCookie);
      return reply.redirect(url, 303);
    } catch (error) {
      return page(reply, 502, toHttpError(error).body.error.message);
    }
  });

  app.get('/sign-in/callback', {
    schema: { hide: true, querystring: z.object({ code: z.string().max(4000).optional(), state: z.string().max(500).optional(), iss: z.string().max(500).optional(), error: z.string().max(200).optional(), error_description: z.string().max(1000).optional() }) },
    config: { html: true, rateLimit: { max: settings.signInRateLimit, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { code, state, iss, error, error_description: description } = request.query;
    const pending = unseal(readCookie(request, PENDING_COOKIE));
    clearCookie(reply, PENDING_COOKIE, pendingCookie);
    if (!pending || state !== pending.state) return page(reply, 400, 'This sign-in did not start here, or took too long. Please sign in again.');
    if (iss !== undefined && iss.replace(/\/$/, '') !== settings.oidcSignIn!.issuer.replace(/\/$/, '')) return page(reply, 400, 'The answer came from another identity provider than this installation uses.', pending.next);
    if (error) return page(reply, 401, `The identity provider did not sign you in: ${error}${description ? ` (${description})` : ''}.`, pending.next);
    if (!code) return page(reply, 400, 'The identity provider sent no authorization code. Please sign in again.', pending.next);
    try {
      const { accessToken, expiresIn } = await client.finish(code, pending);
      const actor = await deps.verifier.verify(accessToken);
      request.log.info({ user: actor.id }, 'signed in through the identity provider');
      setCookie(reply, SESSION_COOKIE, accessToken, { ...helpers.sessionCookie, ...(expiresIn ? { maxAge: expiresIn } : {}) });
      const target = pending.next !== '/' ? pending.next : helpers.home[actor.role];
      // A page that moves on by itself: a redirect would still count as the provider's cross-site navigation,
      // and the browser would not send the Strict session cookie with it.
      return reply.type('text/html; charset=utf-8').send(layout({
        title: 'Signed in', head: `<meta http-equiv="refresh" content="0;url=${esc(target)}">`,
        main: `<h1>Signed in</h1><p class="message">Welcome, ${esc(actor.name)}. <a href="${esc(target)}">Continue</a>.</p>`,
      }));
    } catch (failure) {
      const { status, body } = toHttpError(failure);
      return page(reply, status, body.error.message, pending.next);
    }
  });
}
