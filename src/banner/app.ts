import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { domainToUnicode } from 'node:url';
import { verificationUserAgent } from '../../domain/custody';
import type { AllowList, AllowListEntry } from '../../lib/banner-allow-list';
import { healthRoutes } from '../health/routes';
import type { ReadinessChecks } from '../health/readiness';
import type { FormTokens } from './form-token';
import type { HitCounter } from './hits';
import { hostKey } from './host';
import type { BannerPages, SeizureFacts } from './pages';
import { handleTip, type TipLimits } from './tip-route';
import type { TipStore } from './tips';

export interface BannerAppDeps {
  allowList: AllowList;
  hits: HitCounter;
  tips: TipStore;
  pages: BannerPages;
  formTokens: FormTokens;
  hashClient: (address: string) => string;
  publicServiceUrl: string;
  limits: TipLimits;
  /** Reverse proxies whose X-Forwarded-For names the client (the tip limit counts per client); empty: none. */
  trustProxy: string[];
  https?: { key: Buffer; cert: Buffer };
  /** What `/readyz` checks (src/banner/main.ts: the SQLite file with the allow-list); none when absent. */
  readiness?: ReadinessChecks;
  now?: () => Date;
}

/** Our pages load nothing from anywhere else; no cookies; every visit reaches us (and is counted). */
const securityHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on our own form post.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/**
 * The seizure banner: it answers only for hosts on the allow-list, keyed on the Host header. Any other
 * host (a site owner once pointed his own domain at the government's name servers and got the banner
 * without any seizure) gets a plain 404, whatever the path or method.
 */
const healthPaths = new Set(['/healthz', '/readyz']);

export function buildBannerApp(deps: BannerAppDeps): FastifyInstance {
  const now = deps.now ?? (() => new Date());
  const app = Fastify({ logger: false, trustProxy: deps.trustProxy.length > 0 ? deps.trustProxy : false, ...(deps.https ? { https: deps.https } : {}) }) as unknown as FastifyInstance;
  const seized = new WeakMap<FastifyRequest, AllowListEntry>();
  const plain = (reply: FastifyReply, code: number, text: string) => reply.code(code).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(`${text}\n`);

  app.addHook('onRequest', async (request, reply) => {
    const host = hostKey(request.host);
    const entry = host ? deps.allowList.activeFor(host) : undefined;
    // The probes reach the banner by its address, not a seized name: only they pass without an allow-listed host.
    if (!entry && healthPaths.has(request.url)) return;
    if (!entry) return plain(reply, 404, 'Not Found');
    seized.set(request, entry);
    reply.headers(securityHeaders);
  });
  const facts = (request: FastifyRequest): SeizureFacts => {
    const entry = seized.get(request)!;
    return { domain: entry.domain, displayDomain: domainToUnicode(entry.domain) || entry.domain, caseRef: entry.caseRef, court: entry.court, publicServiceUrl: deps.publicServiceUrl };
  };
  const html = (reply: FastifyReply, code: number, body: string) => reply.code(code).type('text/html; charset=utf-8').send(body);

  // A public form post, parsed by hand: small, flat, and refused with 413 beyond the limit.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: deps.limits.bodyBytes }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  healthRoutes(app, deps.readiness ?? {});
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());
  app.get('/public-service', async (request, reply) => html(reply, 200, deps.pages.publicService(facts(request))));
  app.post('/tip', async (request, reply) => {
    const outcome = handleTip(deps, seized.get(request)!, request, now());
    if (outcome.retryAfterSeconds) reply.header('retry-after', String(outcome.retryAfterSeconds));
    return html(reply, outcome.status, deps.pages.message({ ...facts(request), ...outcome.page }));
  });
  // Every other path of a seized host shows its page: old links to the shop land on the banner too.
  app.get('/*', async (request, reply) => {
    const entry = seized.get(request)!;
    // Visitors count; our own verification (daily, per seized domain) does not.
    if (request.headers['user-agent'] !== verificationUserAgent) deps.hits.count(entry.domain, now());
    if (entry.mode === 'public-service') return html(reply, 200, deps.pages.publicService(facts(request)));
    return html(reply, 200, deps.pages.seizure({ ...facts(request), formToken: deps.formTokens.issue(entry.domain), tipMaxChars: deps.limits.messageChars }));
  });

  app.setNotFoundHandler((_request, reply) => plain(reply, 404, 'Not Found'));
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const entry = seized.get(request);
    if (error.statusCode === 413 && entry) return html(reply, 413, deps.pages.message({ ...facts(request), heading: 'Your tip is too long', message: `Please keep a tip under ${deps.limits.messageChars} characters.` }));
    const code = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return plain(reply, code, code === 500 ? 'Internal Server Error' : 'Bad Request');
  });
  return app;
}
