import { ApplicationFailure } from '@temporalio/common';
import { errorCodes } from '../../domain/errors';

/** The catalogue codes a registration lookup can fail with. */
export type LookupErrorCode = 'NOT_REGISTERED' | 'NO_RDAP_SERVER' | 'RATE_LIMITED' | 'BAD_RESPONSE' | 'LOOKUP_TIMEOUT';

/**
 * Retryability decided in one place (STYLE habit 10). A missing domain or an unknown TLD will not change
 * on retry; a throttle, a timeout, an unreachable server (reported as LOOKUP_TIMEOUT: it did not answer)
 * or a garbled answer (registries serve junk mid-deploy, 5xx) usually does. BAD_RESPONSE is retryable:
 * the workflow's retry policy caps it (we suggest maximumAttempts ≈ 5); HTTP 400/406 to our query are
 * marked non-retryable where they arise, since asking again cannot help.
 */
const nonRetryableByDefault: Record<LookupErrorCode, boolean> = {
  NOT_REGISTERED: true,
  NO_RDAP_SERVER: true,
  RATE_LIMITED: false,
  BAD_RESPONSE: false,
  LOOKUP_TIMEOUT: false,
};

export interface LookupFailureOptions {
  nonRetryable?: boolean;
  /** Milliseconds until the next attempt (from Retry-After). */
  nextRetryDelayMs?: number;
  /** Serialisable facts for the caller: url, status, sha256 of the stored raw answer, ... */
  details?: Record<string, unknown>;
  cause?: Error;
}

/** A Temporal ApplicationFailure whose `type` is the catalogue code. */
export function lookupFailure(code: LookupErrorCode, message: string, options: LookupFailureOptions = {}): ApplicationFailure {
  return ApplicationFailure.create({
    type: code,
    message: `${errorCodes[code]}: ${message}`,
    nonRetryable: options.nonRetryable ?? nonRetryableByDefault[code],
    nextRetryDelay: options.nextRetryDelayMs,
    details: options.details ? [options.details] : undefined,
    cause: options.cause,
  });
}

export function isLookupFailure(error: unknown, code?: LookupErrorCode): error is ApplicationFailure {
  return error instanceof ApplicationFailure && (code === undefined || error.type === code);
}

/** Default wait when a 429 carries no usable Retry-After: the registries' published limits are per second or per minute. */
export const defaultRetryAfterMs = 60_000;

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds from `now`,
 * never negative, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The timeout errors of fetch (AbortSignal.timeout → "TimeoutError") and whoiser ("Timeout").
 * Duck-typed: fetch's DOMException may come from another realm (jest), where `instanceof Error` fails.
 */
export function isTimeoutError(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | null;
  return typeof e === 'object' && e !== null && (e.name === 'TimeoutError' || e.name === 'AbortError' || e.message === 'Timeout');
}

/** A short description of a network error (fetch hides the useful part in `cause`). */
export function describeNetworkError(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } } | null;
  if (typeof e !== 'object' || e === null || typeof e.message !== 'string') return String(error);
  return e.cause?.code ? `${e.message} (${e.cause.code})` : e.cause?.message ? `${e.message} (${e.cause.message})` : e.message;
}
