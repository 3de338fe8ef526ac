import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Csrf } from './csrf';
import type { ApiDeps } from './deps';

/** The fastify instance with zod-typed routes. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What every route module gets. */
export interface RouteContext {
  deps: ApiDeps;
  csrf: Csrf;
}
