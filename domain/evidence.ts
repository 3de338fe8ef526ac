/**
 * Evidence, honestly: a capture holds a page (status, headers, the body's SHA-256); a failed attempt
 * holds why there is no page. A failure is never hashed as content, never logged as "captured" and never
 * cited in a notice as evidence. Pure: used by workflows, the notice builder and the API.
 */

/** Why an attempt captured nothing: refused by our own rules, no answer in time, no DNS answer, no connection, an HTTP error. */
export const evidenceFailureKinds = ['refused', 'timeout', 'dns', 'connection', 'http'] as const;
export type EvidenceFailureKind = (typeof evidenceFailureKinds)[number];

export interface EvidenceFailure {
  kind: EvidenceFailureKind;
  reason: string;
}

/** What these helpers read of a snapshot, or of the reference a notice cites. */
interface Attempt {
  url: string;
  status: number;
  failure?: EvidenceFailure;
  /** Records from before failures were marked. */
  error?: string;
}

/**
 * Whether an attempt holds no page: it says so, or it is a record from before failures were marked (no
 * answer, status 0, or an error status whose page is the server's complaint, not the site).
 */
export function isFailedCapture(attempt: Pick<Attempt, 'status' | 'failure'>): boolean {
  return attempt.failure !== undefined || attempt.status === 0 || attempt.status >= 400;
}

/** Why an attempt failed, for people (legacy records included). */
export function failureOf(attempt: Attempt): EvidenceFailure | undefined {
  if (attempt.failure) return attempt.failure;
  if (!isFailedCapture(attempt)) return undefined;
  if (attempt.status >= 400) return { kind: 'http', reason: `HTTP ${attempt.status}` };
  return { kind: 'connection', reason: attempt.error ?? 'no answer' };
}

/** The captured pages only: what a notice may present as evidence. */
export function capturedOnly<T extends Pick<Attempt, 'status' | 'failure'>>(attempts: readonly T[]): T[] {
  return attempts.filter((a) => !isFailedCapture(a));
}

/** The timeline line for one round of capture: what was captured, and what failed and why. */
export function evidenceAction(attempts: readonly Attempt[]): string {
  const captured = attempts.filter((a) => !isFailedCapture(a));
  const failed = attempts.filter((a) => isFailedCapture(a));
  const parts = [
    ...captured.map((a) => `${a.url} → HTTP ${a.status}`),
    ...failed.map((a) => { const f = failureOf(a)!; return `${a.url} → ${f.kind}: ${f.reason}`; }),
  ];
  if (attempts.length === 0) return 'no evidence URL to capture';
  if (failed.length === 0) return `evidence captured: ${parts.join('; ')}`;
  if (captured.length === 0) return `evidence capture failed, nothing captured: ${parts.join('; ')}`;
  return `evidence partly captured (${captured.length} of ${attempts.length}; ${failed.length} failed): ${parts.join('; ')}`;
}
