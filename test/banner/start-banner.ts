import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { createAllowList, type AllowList } from '../../lib/banner-allow-list';
import type { Db } from '../../lib/store/database';
import { buildBannerApp } from '../../src/banner/app';
import { createFormTokens } from '../../src/banner/form-token';
import { createHitCounter, type HitCounter } from '../../src/banner/hits';
import { loadBannerPages } from '../../src/banner/pages';
import type { TipLimits } from '../../src/banner/tip-route';
import { clientHasher, createTipStore, type TipStore } from '../../src/banner/tips';

export const bannerSecret = 'test-banner-secret-0123456789abcdef';

export interface TestBanner {
  app: FastifyInstance;
  port: number;
  /** http://127.0.0.1:PORT: send requests here with the seized domain in the Host header. */
  url: string;
  allowList: AllowList;
  hits: HitCounter;
  tips: TipStore;
  close(): Promise<void>;
}

/** The real banner app over a test database, on 127.0.0.1 and a free port (small tip limits for tests). */
export async function startTestBanner(db: Db, limits: Partial<TipLimits> = {}, https?: { key: Buffer; cert: Buffer }, trustProxy: string[] = []): Promise<TestBanner> {
  const allowList = createAllowList(db);
  const hits = createHitCounter(db);
  const tips = createTipStore(db);
  const app = buildBannerApp({
    allowList, hits, tips,
    pages: loadBannerPages(),
    formTokens: createFormTokens(bannerSecret),
    hashClient: clientHasher(bannerSecret),
    publicServiceUrl: '/public-service',
    limits: { messageChars: 500, bodyBytes: 8192, perHour: 3, ...limits },
    trustProxy,
    https,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return { app, port, url: `${https ? 'https' : 'http'}://127.0.0.1:${port}`, allowList, hits, tips, close: () => app.close() };
}
