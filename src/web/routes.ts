import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { SESSION_COOKIE, sessionOf, type Session } from '../api/auth';
import { clearCookie, readCookie, setCookie } from '../api/cookies';
import { allowed, permissions, type Action } from '../api/permissions';
import type { Api, RouteContext } from '../api/types';
import { layout, messagePage } from './html';
import { createOidcClient } from './oidc-client';
import { oidcSignInRoutes } from './oidc-routes';
import { signInPage } from './sign-in-page';

const FORM_COOKIE = 'takedown_sign_in_form';
const assetsDir = path.join(__dirname, 'assets');
const contentTypes: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** The pages of the web UI: each is a shell whose ES module talks to the JSON API (and only to it). */
const pages: { url: string; title: string; script: string; param?: string }[] = [
  { url: '/cases', title: 'Cases', script: 'cases.js' },
  { url: '/cases/:caseId', title: 'Case', script: 'case.js', param: 'caseId' },
  { url: '/review', title: 'Review queue', script: 'review.js' },
  { url: '/review/:caseId', title: 'Review', script: 'review-case.js', param: 'caseId' },
  { url: '/dashboard', title: 'Dashboard', script: 'dashboard.js' },
  { url: '/targets/:target', title: 'Target', script: 'target.js', param: 'target' },
  { url: '/custody', title: 'Custody', script: 'custody.js' },
  { url: '/custody/:domain', title: 'Custody of', script: 'custody-domain.js', param: 'domain' },
  { url: '/operations', title: 'Operations', script: 'operations.js' },
  { url: '/operations/:operationId', title: 'Operation', script: 'operation.js', param: 'operationId' },
  { url: '/tasks', title: 'My tasks', script: 'tasks.js' },
  { url: '/leads', title: 'Leads', script: 'leads.js' },
  { url: '/leads/:leadId', title: 'Lead', script: 'lead.js', param: 'leadId' },
  { url: '/outreach', title: 'Outreach', script: 'outreach.js' },
  { url: '/report', title: 'Report', script: 'report.js' },
];

/** The actions a role may take (`data-may` on <main>), so a page offers only the forms the API will accept. */
const actionsOf = (role: Actor['role']) => (Object.keys(permissions) as Action[]).filter((action) => allowed(action, role)).join(' ');

const home: Record<Actor['role'], string> = { partner: '/leads', agent: '/cases', counsel: '/review', coordinator: '/dashboard', supervisor: '/dashboard', recipient: '/sign-in', system: '/sign-in' };

/** Only a path on this site may follow sign-in (no open redirect). */
const localPath = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export function webRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { settings } = deps;
  const sessionCookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: settings.cookieSecure };
  const formCookie = { ...sessionCookie, path: '/sign-in' };

  /** The page's session, or a redirect to sign-in; a token that no longer verifies is cleared. */
  async function pageSession(request: FastifyRequest, reply: FastifyReply): Promise<Session | undefined> {
    try {
      const session = await sessionOf(request, deps);
      if (session) return session;
    } catch {
      clearCookie(reply, SESSION_COOKIE, sessionCookie);
    }
    void reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    return undefined;
  }

  app.get('/assets/:file', { schema: { hide: true, params: z.object({ file: z.string().regex(/^[a-z0-9-]+\.(css|js|svg)$/) }) } }, async (request, reply) => {
    const file = path.join(assetsDir, request.params.file);
    if (!fs.existsSync(file)) throw new TakedownError('NOT_FOUND', `no asset ${request.params.file}`);
    return reply.type(contentTypes[path.extname(file)]!).header('cache-control', 'no-cache').send(fs.readFileSync(file));
  });

  app.get('/', { schema: { hide: true }, config: { html: true } }, async (request, reply) => {
    const session = await pageSession(request, reply);
    if (session) return reply.redirect(home[session.actor.role], 303);
  });

  for (const page of pages) {
    app.get(page.url, { schema: { hide: true }, config: { html: true } }, async (request, reply) => {
      const session = await pageSession(request, reply);
      if (!session) return;
      const param = page.param ? (request.params as Record<string, string>)[page.param] : undefined;
      const csrfToken = csrf.forSession(session.token);
      return reply.type('text/html; charset=utf-8').send(layout({
        title: param ? `${page.title} ${param}` : page.title, actor: session.actor, csrfToken, script: page.script,
        data: { page: page.script.replace('.js', ''), role: session.actor.role, actor: session.actor.id, may: actionsOf(session.actor.role), ...(page.param && param ? { [page.param.toLowerCase()]: param } : {}) },
        main: `<p class="loading" role="status">Loading…</p>`,
      }));
    });
  }

  app.get('/sign-in', { schema: { hide: true, querystring: z.object({ next: z.string().max(500).optional() }) }, config: { html: true } }, async (request, reply) => {
    const { nonce, field } = csrf.newFormNonce();
    setCookie(reply, FORM_COOKIE, nonce, formCookie);
    return reply.type('text/html; charset=utf-8').send(signInPage({ formToken: field, next: localPath(request.query.next), embedded: deps.identity !== undefined, organisation: settings.oidcSignIn !== undefined }));
  });

  app.post('/sign-in', {
    schema: { hide: true, body: z.object({ _csrf: z.string().max(200), username: z.string().max(100), password: z.string().max(200), next: z.string().max(500).optional() }) },
    config: { html: true, rateLimit: { max: settings.signInRateLimit, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { username, password, next } = request.body;
    const again = (status: number, error: string) => {
      const { nonce, field } = csrf.newFormNonce();
      setCookie(reply, FORM_COOKIE, nonce, formCookie);
      return reply.code(status).type('text/html; charset=utf-8').send(signInPage({ formToken: field, next: localPath(next), error, username, embedded: deps.identity !== undefined, organisation: settings.oidcSignIn !== undefined }));
    };
    try {
      csrf.checkForm(readCookie(request, FORM_COOKIE), request.body._csrf);
    } catch {
      return again(403, 'The form had expired. Please sign in again.');
    }
    const issued = deps.identity ? await deps.identity.signIn(username, password) : undefined;
    if (!issued) return again(401, 'Unknown user name or wrong password.');
    request.log.info({ user: issued.actor.id }, 'signed in');
    clearCookie(reply, FORM_COOKIE, formCookie);
    setCookie(reply, SESSION_COOKIE, issued.accessToken, { ...sessionCookie, maxAge: issued.expiresIn });
    return reply.redirect(next && localPath(next) !== '/' ? localPath(next) : home[issued.actor.role], 303);
  });

  if (settings.oidcSignIn) oidcSignInRoutes(app, { deps, csrf }, createOidcClient(settings.oidcSignIn), { sessionCookie, home, localPath });

  app.post('/sign-out', { schema: { hide: true, body: z.object({ _csrf: z.string().max(200).optional() }) }, config: { html: true } }, async (request, reply) => {
    const session = await sessionOf(request, deps).catch(() => undefined);
    if (session?.via === 'cookie') {
      try {
        csrf.checkSession(session.token, request.body._csrf);
      } catch {
        return reply.code(403).type('text/html; charset=utf-8').send(messagePage('Not signed out', 'The form had expired; reload the page and try again.', session.actor, csrf.forSession(session.token)));
      }
    }
    // The token is ended, not just forgotten by this browser: a copy of it is refused from now on.
    if (session) deps.revokedTokens.revoke(session.token);
    clearCookie(reply, SESSION_COOKIE, sessionCookie);
    return reply.redirect('/sign-in', 303);
  });
}
