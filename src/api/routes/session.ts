import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { SESSION_COOKIE, sessionOf } from '../auth';
import { clearCookie } from '../cookies';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers } from '../contract/responses';

/** Who am I: the verified actor, and the CSRF token a cookie session's page scripts send back; and signing out. */
export function sessionRoutes(app: Api, { deps, csrf }: RouteContext): void {
  app.get('/api/session', {
    schema: {
      tags: ['identity'], summary: 'The signed-in actor (from the verified token) and, for cookie sessions, the CSRF token',
      response: answers({ 200: bodies.session }, [401]),
    },
  }, async (request) => {
    const session = await sessionOf(request, deps);
    if (!session) throw new TakedownError('UNAUTHENTICATED');
    return { actor: session.actor, ...(session.via === 'cookie' ? { csrfToken: csrf.forSession(session.token) } : {}) };
  });

  app.post('/api/session/sign-out', {
    schema: { tags: ['identity'], summary: 'Sign out: the token (bearer or cookie) is refused from now on, though it has not expired',
      response: answers({ 204: z.undefined().describe('signed out: no body') }, [401, 403]),
    },
  }, async (request, reply) => {
    const session = await sessionOf(request, deps);
    if (!session) throw new TakedownError('UNAUTHENTICATED');
    if (session.via === 'cookie') {
      const header = request.headers['x-csrf-token'];
      csrf.checkSession(session.token, typeof header === 'string' ? header : undefined);
      clearCookie(reply, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.settings.cookieSecure });
    }
    deps.revokedTokens.revoke(session.token);
    request.log.info({ user: session.actor.id }, 'signed out');
    return reply.code(204).send(undefined);
  });
}
