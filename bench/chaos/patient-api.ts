import { randomUUID } from 'node:crypto';
import type { CallOptions, CallResult } from '../../test/api/http';
import type { Username } from '../../test/api/api-world';
import type { BenchApi } from '../pipeline/api';

/** A request answered 503 (engine unreachable) that a person sent again, and how the repeat was answered. */
export interface Retried { method: string; url: string; by: string; attempts: number; finalStatus: number }

/** A person's action the API accepted (a POST answered 2xx, or 409 after a 503): the end checks look for each in the timeline. */
export interface Acted { by: string; url: string; status: number; at: string }

/**
 * The people of the run as people are: while the engine is restarting, the API answers 503
 * ENGINE_UNAVAILABLE (or the connection fails) and they send the same request again a moment later.
 * A repeat answered 409 (already decided, wrong state) after a 503 means the first one got through before
 * the answer was lost: done, and recorded in `retried`, so the end checks (every decision in the timeline)
 * judge it. Every other answer passes through as it came. A request that changes something carries one
 * Idempotency-Key for all its attempts, as a careful client's would: a repeat of an Update the engine took is
 * answered with the first result, never acted on twice (src/api/temporal/idempotency.ts).
 */
export function patientApi(api: BenchApi, options: { retryEveryMs: number; giveUpAfterMs: number }): BenchApi & { retried: Retried[]; acted: Acted[] } {
  const retried: Retried[] = [];
  const acted: Acted[] = [];
  const call = async (user: Username | null, asked: CallOptions): Promise<CallResult & { afterUnavailable: boolean }> => {
    const until = Date.now() + options.giveUpAfterMs;
    const request = asked.method === 'GET' ? asked : { ...asked, headers: { 'idempotency-key': randomUUID(), ...asked.headers } };
    for (let attempt = 1; ; attempt++) {
      const result = await api.call(user, request).catch((error: Error) => ({ statusCode: 0, body: error.message }) as CallResult);
      const unavailable = result.statusCode === 503 || result.statusCode === 0;
      if (!unavailable || Date.now() > until) {
        if (attempt > 1) retried.push({ method: request.method, url: request.url, by: user ?? 'anonymous', attempts: attempt, finalStatus: result.statusCode });
        const accepted = (result.statusCode >= 200 && result.statusCode < 300) || (attempt > 1 && result.statusCode === 409);
        if (request.method === 'POST' && accepted) acted.push({ by: user ?? 'anonymous', url: request.url, status: result.statusCode, at: new Date().toISOString() });
        return Object.assign(result, { afterUnavailable: attempt > 1 });
      }
      await new Promise((resolve) => setTimeout(resolve, options.retryEveryMs));
    }
  };
  return {
    baseUrl: api.baseUrl,
    largestAnswer: () => api.largestAnswer(),
    retried,
    acted,
    call,
    async ok<T>(user: Username | null, request: CallOptions): Promise<T> {
      const result = await call(user, request);
      if (result.afterUnavailable && result.statusCode === 409) return JSON.parse(result.body) as T;
      if (result.statusCode < 200 || result.statusCode > 299) throw new Error(`${request.method} ${request.url} as ${user ?? 'anonymous'}: ${result.statusCode} ${result.body.slice(0, 500)}`);
      return result.json<T>();
    },
    close: () => api.close(),
  };
}
