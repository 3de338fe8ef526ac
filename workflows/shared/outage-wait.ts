import { ActivityFailure, ApplicationFailure, condition, isCancellation } from '@temporalio/workflow';
import { nowIso, nowMs } from '../../domain/clock';
import { outageSummary, type OutageWait } from '../../domain/outage';
import { causeMessage } from './cause-message';

/**
 * An activity whose retries run out must never fail the workflow (Temporal would end it Failed, and nobody
 * would be told). Something outside being down is a state people see: the target waits, says what is down
 * since when and when it looks again, and past its stage's deadline needs a person.
 */

/** Where a wait is shown: on the status (undefined clears it) and in the timeline. */
export interface OutageDisplay {
  show(wait: OutageWait | undefined): void;
  record(action: string): void;
}

/** A failure that retrying cannot mend (the activity said so, or its input is wrong). */
export function isPermanent(error: unknown): boolean {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    if (current instanceof ActivityFailure && current.retryState === 'NON_RETRYABLE_FAILURE') return true;
    if (current instanceof ApplicationFailure && current.nonRetryable) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * One outage across calls: the first failure opens it ("registry RDAP unreachable since …, next check …"),
 * each further failure updates it, a success closes it. Loops that poll anyway (verification, a release
 * check) use it directly; one-off calls go through `callUntilDeadline`.
 */
export class OutageTracker {
  private wait: OutageWait | undefined;

  constructor(private readonly what: string, private readonly display: OutageDisplay) {}

  get current(): OutageWait | undefined {
    return this.wait;
  }

  /** A call begun at `startedAt` failed for good (after its retries); the next one is due at `nextCheckAt`. */
  failed(error: unknown, startedAt: string, nextCheckAt: number, dueBy: number): OutageWait {
    const facts = {
      what: this.what, since: this.wait?.since ?? startedAt, failures: (this.wait?.failures ?? 0) + 1, lastError: causeMessage(error),
      nextCheckAt: new Date(nextCheckAt).toISOString(), dueBy: new Date(dueBy).toISOString(),
    };
    this.wait = { ...facts, summary: outageSummary(facts) };
    this.display.show(this.wait);
    this.display.record(this.wait.summary);
    return this.wait;
  }

  /** The call went through: the wait ends, and the timeline says for how long it lasted. */
  recovered(): void {
    if (!this.wait) return;
    this.display.record(`${this.what} answers again (unreachable from ${this.wait.since}, ${this.wait.failures} failed)`);
    this.wait = undefined;
    this.display.show(undefined);
  }
}

export interface UntilDeadline {
  what: string;
  /** Epoch ms: the stage's deadline; no call starts after it. */
  dueBy: number;
  firstWaitMs: number;
  maxWaitMs: number;
  display: OutageDisplay;
  /** Ends the wait early (a withdrawal). */
  interrupted?: () => boolean;
}

export type Attempted<T> =
  | { ok: true; value: T }
  | { ok: false; why: 'permanent' | 'deadline' | 'interrupted'; error: string; wait?: OutageWait };

/**
 * Calls until the call goes through, waiting visibly between calls (backoff from `firstWaitMs`, doubling up
 * to `maxWaitMs`) until the deadline. Never throws an activity's failure: the caller decides what the end
 * is (FAILED_NEEDS_ATTENTION). A cancellation still propagates.
 */
export async function callUntilDeadline<T>(call: () => Promise<T>, w: UntilDeadline): Promise<Attempted<T>> {
  const outage = new OutageTracker(w.what, w.display);
  let waitMs = w.firstWaitMs;
  for (;;) {
    const startedAt = nowIso();
    try {
      const value = await call();
      outage.recovered();
      return { ok: true, value };
    } catch (error) {
      if (isCancellation(error)) throw error;
      const stop = (why: 'permanent' | 'deadline' | 'interrupted'): Attempted<T> => {
        const wait = outage.current;
        w.display.show(undefined);
        return { ok: false, why, error: causeMessage(error), ...(wait ? { wait } : {}) };
      };
      if (isPermanent(error)) {
        w.display.record(`${w.what} refused the request: ${causeMessage(error)}`);
        return stop('permanent');
      }
      const left = w.dueBy - nowMs();
      if (left <= 0) return stop('deadline');
      const pause = Math.min(waitMs, left);
      outage.failed(error, startedAt, nowMs() + pause, w.dueBy);
      if (await condition(() => w.interrupted?.() ?? false, pause)) return stop('interrupted');
      waitMs = Math.min(waitMs * 2, w.maxWaitMs);
    }
  }
}

/** Why a stage ends needing a person, in the words of the wait that ran out (or the refusal). */
export function gaveUp(what: string, attempt: Extract<Attempted<unknown>, { ok: false }>): string {
  if (attempt.why === 'permanent') return `${what}: refused (${attempt.error})`;
  return `${what}: ${attempt.wait ? `${attempt.wait.what} unreachable since ${attempt.wait.since}` : 'unreachable'} until the deadline (${attempt.error})`;
}
