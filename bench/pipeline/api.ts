import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { openDatabase } from '../../lib/store/database';
import { buildApi } from '../../src/api/app';
import { storesOf, testIdentity, testSettings, type Username } from '../../test/api/api-world';
import { call, type CallOptions, type CallResult } from '../../test/api/http';

const retriesOn503 = 8;

/** The real API, built in-process over the run's client (as src/api/main.ts builds it), listening on loopback. */
export interface BenchApi {
  baseUrl: string;
  /** A request as a seeded user, or anonymous (`null`, e.g. a registrar following a notice link). */
  call(user: Username | null, options: CallOptions): Promise<CallResult>;
  /** The same, refusing any answer but a 2xx. */
  ok<T = unknown>(user: Username | null, options: CallOptions): Promise<T>;
  /** The largest answer the run read (a case's status grows with its targets; the engine carries a query answer in one 4 MB gRPC message). */
  largestAnswer(): { url: string; bytes: number } | undefined;
  close(): Promise<void>;
}

export async function startApi(client: Client, taskQueue: string, dataDir: string): Promise<BenchApi> {
  const db = openDatabase(path.join(dataDir, 'bench-api.db'));
  const { identity, verifier, tokens } = await testIdentity();
  // Rate limits of the public pages are per client address: every "person" here shares loopback.
  const app = await buildApi({ client, verifier, identity, ...storesOf(db), settings: testSettings(taskQueue, { signInRateLimit: 1_000_000, ackRateLimit: 1_000_000, bodyLimit: 64 * 1024 * 1024 }) });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  let largest: { url: string; bytes: number } | undefined;
  const as = async (user: Username | null, options: CallOptions) => {
    const result = await call(baseUrl, { ...options, headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...options.headers } });
    const bytes = Buffer.byteLength(result.body);
    if (bytes > (largest?.bytes ?? 0)) largest = { url: `${options.method} ${options.url}`, bytes };
    return result;
  };
  return {
    baseUrl,
    call: as,
    largestAnswer: () => largest,
    async ok<T>(user: Username | null, options: CallOptions): Promise<T> {
      // A person told "the workflow engine is not reachable; try again shortly" (503, a busy engine's answer to a
      // decision it could not take in time) tries again, with the same Idempotency-Key so it acts once.
      const request = options.method === 'GET' ? options : { ...options, headers: { 'idempotency-key': randomUUID(), ...options.headers } };
      for (let attempt = 1; ; attempt++) {
        const result = await as(user, request);
        if (result.statusCode === 503 && attempt < retriesOn503) {
          await new Promise((r) => setTimeout(r, 2000 * attempt));
          continue;
        }
        if (result.statusCode < 200 || result.statusCode > 299) throw new Error(`${options.method} ${options.url} as ${user ?? 'anonymous'}: ${result.statusCode} ${result.body.slice(0, 500)}`);
        return result.json<T>();
      }
    },
    async close() { await app.close(); db.close(); },
  };
}
