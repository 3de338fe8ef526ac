import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createAllowList } from '../../lib/banner-allow-list';
import type { Db } from '../../lib/store/database';
import type { Config } from '../config';
import { databaseWritable } from '../health/readiness';
import { buildBannerApp, type BannerAppDeps } from './app';
import { createFormTokens } from './form-token';
import { createHitCounter } from './hits';
import { loadBannerPages } from './pages';
import { durationMs } from '../../domain/duration';
import { clientHasher, createTipStore, type TipStore } from './tips';

/** Form bodies beyond the message limit plus room for URL-encoding and the other fields are refused early. */
const bodyBytesFor = (messageChars: number) => messageChars * 9 + 4096;

/** The banner's dependencies from configuration, over the shared SQLite file. */
export function bannerDepsFromConfig(config: Config, db: Db): Omit<BannerAppDeps, 'https'> {
  return {
    allowList: createAllowList(db),
    hits: createHitCounter(db),
    tips: createTipStore(db),
    pages: loadBannerPages(),
    formTokens: createFormTokens(config.TAKEDOWN_BANNER_SECRET),
    hashClient: clientHasher(config.TAKEDOWN_BANNER_SECRET),
    publicServiceUrl: config.TAKEDOWN_PUBLIC_SERVICE_URL,
    limits: { messageChars: config.TAKEDOWN_BANNER_TIP_MAX_CHARS, bodyBytes: bodyBytesFor(config.TAKEDOWN_BANNER_TIP_MAX_CHARS), perHour: config.TAKEDOWN_BANNER_TIPS_PER_HOUR },
    trustProxy: config.TAKEDOWN_TRUST_PROXY,
    readiness: { database: databaseWritable(db) },
  };
}

/** The certificate and key for HTTPS, when both are configured; one without the other is a configuration error. */
export function tlsFromConfig(config: Config): { key: Buffer; cert: Buffer } | undefined {
  const { TAKEDOWN_BANNER_TLS_CERT: cert, TAKEDOWN_BANNER_TLS_KEY: key } = config;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new Error(`invalid configuration:\n  ${cert ? 'TAKEDOWN_BANNER_TLS_KEY' : 'TAKEDOWN_BANNER_TLS_CERT'}: required when ${cert ? 'TAKEDOWN_BANNER_TLS_CERT' : 'TAKEDOWN_BANNER_TLS_KEY'} is set`);
  return { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

/** The client hash outlives the one-hour rate window by a margin, then goes. */
const clientHashMs = 24 * 3_600_000;
const sweepEveryMs = 3_600_000;

/** Applies the tip retention now and every hour while the banner runs; each sweep that removes something says so. */
export function startTipRetention(config: Config, tips: TipStore, log: (line: string) => void = console.log): () => void {
  const policy = { clientHashMs, tipsMs: durationMs(config.TAKEDOWN_TIP_RETENTION) };
  const sweep = () => {
    const { clientsForgotten, tipsDeleted } = tips.applyRetention(new Date(), policy);
    if (clientsForgotten || tipsDeleted) log(`tip retention: ${tipsDeleted} tip(s) older than ${config.TAKEDOWN_TIP_RETENTION} deleted, ${clientsForgotten} client hash(es) forgotten`);
  };
  sweep();
  const timer = setInterval(sweep, sweepEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

export interface RunningBanner {
  http: FastifyInstance;
  https?: FastifyInstance;
  urls: string[];
  close(): Promise<void>;
}

/** HTTP always; HTTPS too when a certificate is configured (same pages, same allow-list). */
export async function startBanner(config: Config, db: Db): Promise<RunningBanner> {
  const deps = bannerDepsFromConfig(config, db);
  const tls = tlsFromConfig(config);
  const stopRetention = startTipRetention(config, deps.tips);
  const http = buildBannerApp(deps);
  const https = tls ? buildBannerApp({ ...deps, https: tls }) : undefined;
  const host = config.TAKEDOWN_BANNER_HOST;
  const urls = [await http.listen({ host, port: config.TAKEDOWN_BANNER_PORT })];
  if (https) urls.push(await https.listen({ host, port: config.TAKEDOWN_BANNER_HTTPS_PORT }));
  return { http, https, urls, close: async () => { stopRetention(); await Promise.all([http.close(), https?.close()]); } };
}
