import { TakedownError } from '../../../domain/errors';
import { sessionOf } from '../auth';
import type { Api, RouteContext } from '../types';

/** Who am I: the verified actor, and the CSRF token a cookie session's page scripts send back. */
export function sessionRoutes(app: Api, { deps, csrf }: RouteContext): void {
  app.get('/api/session', { schema: { tags: ['identity'], summary: 'The signed-in actor (from the verified token) and, for cookie sessions, the CSRF token' } }, async (request) => {
    const session = await sessionOf(request, deps);
    if (!session) throw new TakedownError('UNAUTHENTICATED');
    return { actor: session.actor, ...(session.via === 'cookie' ? { csrfToken: csrf.forSession(session.token) } : {}) };
  });
}
