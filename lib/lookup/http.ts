import type { RawResponse } from '../../domain/registration';
import type { BlobStore } from '../store/blob-store';
import { describeNetworkError, isTimeoutError, lookupFailure, parseRetryAfter, defaultRetryAfterMs } from './errors';
import { isAllowedUrl } from './bootstrap';
import { blockHost, throttled } from './rate-limit';

export interface HttpDeps {
  fetch: typeof fetch;
  blobs: BlobStore;
  timeoutMs: number;
  minIntervalMs: number;
}

/**
 * The largest RDAP or WHOIS answer read. A domain record is a few kilobytes; a server sending more is
 * broken or hostile, and what we read of it travels on in workflow payloads (Temporal refuses 2 MB).
 */
export const maxLookupBodyBytes = 256 * 1024;

/** Thrown inside the read when the body passes the limit, to tell it from a network error. */
class BodyTooLarge extends Error {}

/** The body, read chunk by chunk and abandoned as soon as it passes `limit` bytes. */
async function readCapped(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) { await response.body?.cancel(); throw new BodyTooLarge(); }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).byteLength;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

export interface Fetched {
  status: number;
  text: string;
  raw: RawResponse;
}

/**
 * One polite GET for an RDAP document: queued per host, bounded by `timeoutMs` (headers and body),
 * and the body kept byte for byte in the blob store, whatever the status, for the chain of custody.
 * A 429 becomes RATE_LIMITED carrying Retry-After; everything else is returned for the caller to judge.
 */
export function getRdap(deps: HttpDeps, url: string): Promise<Fetched> {
  const host = new URL(url).host;
  return throttled(host, deps.minIntervalMs, async () => {
    const fetchedAt = new Date().toISOString();
    const signal = AbortSignal.timeout(deps.timeoutMs);
    let response: Response;
    let body: Buffer;
    try {
      response = await deps.fetch(url, { headers: { accept: 'application/rdap+json, application/json;q=0.9' }, signal });
      body = await readCapped(response, maxLookupBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw lookupFailure('BAD_RESPONSE', `${url} answered more than ${maxLookupBodyBytes / 1024} KiB; an RDAP domain record is a few kilobytes, so the answer is not read`, { nonRetryable: true, details: { url } });
      }
      if (isTimeoutError(error)) throw lookupFailure('LOOKUP_TIMEOUT', `${url} did not answer within ${deps.timeoutMs} ms`, { details: { url } });
      // Unreachable is "did not answer" too (retryable); the catalogue has no separate code for it.
      throw lookupFailure('LOOKUP_TIMEOUT', `${url} could not be reached: ${describeNetworkError(error)}`, { details: { url } });
    }
    const sha256 = await deps.blobs.put(body);
    // Record where the answer really came from; a redirect must not downgrade us to plain http.
    const from = response.url || url;
    const fetched: Fetched = { status: response.status, text: body.toString('utf8'), raw: { url: from, fetchedAt, status: response.status, sha256 } };
    if (!isAllowedUrl(from)) throw lookupFailure('BAD_RESPONSE', `${url} redirected to plain-http ${from}`, { nonRetryable: true, details: { ...fetched.raw } });
    if (response.status === 429) {
      const header = response.headers.get('retry-after');
      const delayMs = parseRetryAfter(header) ?? defaultRetryAfterMs;
      blockHost(host, delayMs, header ?? `none, assumed ${defaultRetryAfterMs / 1000} s`);
      throw lookupFailure('RATE_LIMITED', `${host} answered 429 (Retry-After: ${header ?? 'absent'}); next try in ${Math.ceil(delayMs / 1000)} s`, {
        nextRetryDelayMs: delayMs,
        details: { ...fetched.raw, retryAfter: header },
      });
    }
    return fetched;
  });
}

/**
 * Turns an unexpected HTTP status into a failure. 5xx and most 4xx are retryable BAD_RESPONSE (servers
 * recover, some answer 403 while throttling); 400 and 406 mean our request itself is wrong, so retrying
 * cannot help.
 */
export function unexpectedStatus(fetched: Fetched, what: string): Error {
  return lookupFailure('BAD_RESPONSE', `${what} ${fetched.raw.url} answered HTTP ${fetched.status}`, {
    nonRetryable: fetched.status === 400 || fetched.status === 406,
    details: { ...fetched.raw },
  });
}
