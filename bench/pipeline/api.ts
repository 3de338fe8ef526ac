import path from 'node:path';
import type { Client } from '@temporalio/client';
import { openDatabase } from '../../activities/store/database';
import { buildApi } from '../../src/api/app';
import { storesOf, testIdentity, testSettings, type Username } from '../../test/api/api-world';
import { call, type CallOptions, type CallResult } from '../../test/api/http';

/** The real API, built in-process over the run's client (as src/api/main.ts builds it), listening on loopback. */
export interface BenchApi {
  baseUrl: string;
  /** A request as a seeded user, or anonymous (`null`, e.g. a registrar following a notice link). */
  call(user: Username | null, options: CallOptions): Promise<CallResult>;
  /** The same, refusing any answer but a 2xx. */
  ok<T = unknown>(user: Username | null, options: CallOptions): Promise<T>;
  close(): Promise<void>;
}

export async function startApi(client: Client, taskQueue: string, dataDir: string): Promise<BenchApi> {
  const db = openDatabase(path.join(dataDir, 'bench-api.db'));
  const { identity, verifier, tokens } = await testIdentity();
  // Rate limits of the public pages are per client address: every "person" here shares loopback.
  const app = await buildApi({ client, verifier, identity, ...storesOf(db), settings: testSettings(taskQueue, { signInRateLimit: 1_000_000, ackRateLimit: 1_000_000, bodyLimit: 64 * 1024 * 1024 }) });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const as = (user: Username | null, options: CallOptions) => call(baseUrl, { ...options, headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...options.headers } });
  return {
    baseUrl,
    call: as,
    async ok<T>(user: Username | null, options: CallOptions): Promise<T> {
      const result = await as(user, options);
      if (result.statusCode < 200 || result.statusCode > 299) throw new Error(`${options.method} ${options.url} as ${user ?? 'anonymous'}: ${result.statusCode} ${result.body.slice(0, 500)}`);
      return result.json<T>();
    },
    async close() { await app.close(); db.close(); },
  };
}
