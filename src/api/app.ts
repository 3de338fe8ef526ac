import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyReply } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorSigningKey } from '../actor-keys';
import { idempotencyKeys, withIdempotency } from './temporal/idempotency';
import { healthRoutes } from '../health/routes';
import { identityRoutes } from '../identity/routes';
import { messagePage } from '../web/html';
import { webRoutes } from '../web/routes';
import { ackRoutes } from './ack/routes';
import { createCsrf } from './csrf';
import { addCommonRefusals } from './contract/common-refusals';
import { refuseBadUrls } from './contract/url-refusals';
import { answerClientError } from './client-errors';
import { checkTextLimits, maxListItems, maxTextChars } from './text-limits';
import { docsRoutes } from './docs';
import type { ApiDeps } from './deps';
import { toHttpError } from './errors';
import { withActorSigning } from './temporal/actor-signing';
import { withQueryDeadline } from './temporal/query-deadline';
import { caseTargetRoutes } from './routes/case-targets';
import { codecRoutes } from './routes/codec';
import { caseRoutes } from './routes/cases';
import { operationRoutes } from './routes/operations';
import { custodyRoutes } from './routes/custody';
import { leadRoutes } from './routes/leads';
import { disseminationRoutes } from './routes/disseminations';
import { outreachRoutes } from './routes/outreach';
import { metricsRoutes } from './routes/metrics';
import { reviewRoutes } from './routes/review';
import { sessionRoutes } from './routes/session';
import { targetRoutes } from './routes/targets';
import { targetTaskRoutes } from './routes/target-tasks';
import type { Api, RouteContext } from './types';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers people with HTML pages, so its errors are pages too. */
    html?: boolean;
    /** Top-level body fields that hold a whole file (an import), exempt from the per-field text limit. */
    longText?: string[];
  }
}

/** Request logs name the method and path only; an acknowledgement link's token is a credential, so it is cut. */
const loggerOptions = {
  level: 'info' as const,
  serializers: {
    req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url.replace(/\/ack\/[^/?#]+/, '/ack/[token]') }),
  },
  redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
};

const apiDescription = [
  'Cases, targets, legal review, warrants, acknowledgements, custody of seized domains and metrics.',
  'Authenticate with a bearer token (POST /identity/token on the embedded provider).',
  'Every operation lists each status it answers; every refusal has the Error body (a code of the error catalogue).',
  'Before any route: a URL path over 2,048 characters is answered 414, a method a known path does not take 405 (with Allow),',
  'an unknown path 404.',
  `In every body, beside each route's own limits: a string of at most ${maxTextChars.toLocaleString('en-US')} characters`,
  `and a list of at most ${maxListItems.toLocaleString('en-US')} items (a whole file in an import's content excepted).`,
].join(' ');

const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/**
 * The API process's one fastify instance: JSON API under /api (OpenAPI at /docs), the embedded identity
 * provider, the public acknowledgement pages, and the web UI. Everything it needs is handed in.
 */
export async function buildApi(deps: ApiDeps): Promise<Api> {
  const { logger } = deps.settings;
  const app = Fastify({ logger: logger === false ? false : logger === true ? loggerOptions : { ...loggerOptions, stream: logger }, bodyLimit: deps.settings.bodyLimit, trustProxy: deps.settings.trustProxy?.length ? deps.settings.trustProxy : false, routerOptions: { maxParamLength: 2048 },
    // The router's own refusals (a URL whose percent-encoding is not UTF-8) answer from the catalogue too.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const { status, body } = toHttpError(error);
      void reply.code(status).send(body);
    },
    clientErrorHandler: answerClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(formbody, { bodyLimit: 64 * 1024 });
  // Off by default; sign-in, the token endpoint and the acknowledgement pages opt in per route.
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Takedown API', version: '1.0.0', description: apiDescription },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // The shared schemas (the error body every refusal has) as components, referenced by each answer.
    transformObject: jsonSchemaTransformObject,
  });
  // Every documented route answers the refusals all routes share; a URL no route takes is refused on arrival.
  app.addHook('onRoute', addCommonRefusals);
  refuseBadUrls(app);

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // No Referer leaves our pages: an acknowledgement page's URL carries its token.
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/docs')) reply.header('content-security-policy', contentSecurityPolicy);
    if (request.url.startsWith('/api/') || request.url.startsWith('/ack/') || request.url.startsWith('/identity/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body, unexpected } = toHttpError(error);
    if (unexpected) request.log.error({ err: error }, 'unexpected error');
    if (request.routeOptions.config?.html) {
      return reply.code(status).type('text/html; charset=utf-8').send(messagePage(status === 400 ? 'Please check the form' : 'Something is not right', body.error.message));
    }
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } }));

  // After authentication and the route's own schema: no field of any body passes the text and list limits.
  app.addHook('preHandler', async (request) => {
    if (request.body !== null && typeof request.body === 'object') checkTextLimits(request.body, request.routeOptions.config?.longText ?? []);
  });

  // Every route talks to Temporal through a client that signs the actor of each Update it sends, names
  // the Update by the request's Idempotency-Key when it has one (src/api/temporal/idempotency.ts), and holds
  // each query to a deadline (src/api/temporal/query-deadline.ts).
  idempotencyKeys(app);
  const client = withActorSigning(withIdempotency(deps.client), actorSigningKey(deps.settings.actorKey));
  const signing = { ...deps, client: withQueryDeadline(client, deps.settings.queryTimeoutMs) };
  const context: RouteContext = { deps: signing, csrf: createCsrf(deps.settings.sessionSecret) };
  // Liveness and readiness (Temporal reachable, the SQLite file writable), for the orchestrator's probes.
  healthRoutes(app, deps.readiness ?? {});
  docsRoutes(app);
  if (deps.identity) identityRoutes(app, deps.identity, deps.settings.signInRateLimit);
  sessionRoutes(app, context);
  caseRoutes(app, context);
  operationRoutes(app, context);
  caseTargetRoutes(app, context);
  reviewRoutes(app, context);
  targetRoutes(app, context);
  targetTaskRoutes(app, context);
  custodyRoutes(app, context);
  metricsRoutes(app, context);
  leadRoutes(app, context);
  disseminationRoutes(app, context);
  outreachRoutes(app, context);
  ackRoutes(app, context);
  if (deps.settings.codec) codecRoutes(app, context, deps.settings.codec);
  webRoutes(app, context);
  return app;
}
