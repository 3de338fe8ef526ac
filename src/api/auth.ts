import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { readCookie } from './cookies';
import type { Csrf } from './csrf';
import type { ApiDeps } from './deps';
import { requireAllowed, type Action } from './permissions';

/** The web UI's session cookie: the same bearer token, where page scripts cannot read it. */
export const SESSION_COOKIE = 'takedown_session';

export interface Session {
  actor: Actor;
  /** Cookie sessions need a CSRF token on unsafe requests; bearer headers are never sent by a browser on its own. */
  via: 'bearer' | 'cookie';
  token: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    session?: Session;
  }
}

/** The verified session of a request: the Authorization header first, then the cookie; a signed-out token is refused. */
export async function sessionOf(request: FastifyRequest, deps: ApiDeps): Promise<Session | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new TakedownError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    return { actor: await verified(deps, match[1]!), via: 'bearer', token: match[1]! };
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  if (cookie) return { actor: await verified(deps, cookie), via: 'cookie', token: cookie };
  return undefined;
}

async function verified(deps: ApiDeps, token: string): Promise<Actor> {
  const actor = await deps.verifier.verify(token);
  if (deps.revokedTokens.isRevoked(token)) throw new TakedownError('UNAUTHENTICATED', 'the token was refused: it was signed out; sign in again');
  return actor;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The preValidation hook of every staff route: a verified identity, a CSRF token for cookie sessions on
 * unsafe methods, and a role allowed to take the action. It runs before the body is validated, so a
 * stranger learns nothing of the schema. The actor of every workflow action comes from here.
 */
export function guard(deps: ApiDeps, csrf: Csrf, action: Action): preValidationAsyncHookHandler {
  return async function (request: FastifyRequest, _reply: FastifyReply) {
    const session = await sessionOf(request, deps);
    if (!session) throw new TakedownError('UNAUTHENTICATED');
    if (session.via === 'cookie' && !safeMethods.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
      csrf.checkSession(session.token, typeof header === 'string' ? header : typeof field === 'string' ? field : undefined);
    }
    requireAllowed(action, session.actor);
    request.session = session;
  };
}

/** The actor a guarded route acts as. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new TakedownError('UNAUTHENTICATED');
  return request.session.actor;
}
