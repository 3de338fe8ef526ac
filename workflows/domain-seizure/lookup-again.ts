import { condition } from '@temporalio/workflow';
import { nowMs } from '../../domain/clock';
import type { RegistrationRecord } from '../../domain/registration';
import { callUntilDeadline, type OutageDisplay } from '../shared/outage-wait';

/** How the registry is asked again while a manual lookup waits: first after 15 s, doubling up to an hour, for at most a day. */
export const lookupAgain = { firstWaitMs: 15_000, maxWaitMs: 60 * 60_000, forAtMostMs: 24 * 60 * 60_000 };

/** The registry's answer once it came (the manual lookup is then no longer needed). */
export interface LookupAgain { answer?: RegistrationRecord }

/**
 * A registry that was only unreachable (429, 503, a dropped connection: its retries ran out, nothing refused
 * the request) is asked again in the background, with backoff, while the manual-lookup task waits for a
 * person: a one-minute outage then ends with the registry's own record and no person's work, and a long one
 * still leaves the task to the agent. The wait shows on the target ("… unreachable since …, next check …").
 * Stops when `stopped()` (the record entered by hand, a withdrawal, a decision) or after `forAtMostMs`.
 */
export function lookUpAgain(lookUp: () => Promise<RegistrationRecord>, display: OutageDisplay, taskDueBy: number, stopped: () => boolean): LookupAgain {
  const again: LookupAgain = {};
  const dueBy = Math.min(taskDueBy, nowMs() + lookupAgain.forAtMostMs);
  void (async () => {
    if (await condition(stopped, lookupAgain.firstWaitMs)) return;
    const attempt = await callUntilDeadline(lookUp, { what: 'the registry RDAP', dueBy, firstWaitMs: lookupAgain.firstWaitMs, maxWaitMs: lookupAgain.maxWaitMs, display, interrupted: stopped });
    if (attempt.ok && !stopped()) again.answer = attempt.value;
  })().catch(() => undefined); // a cancellation: the workflow's own path handles it
  return again;
}
