import { nowIso, nowMs } from '../../domain/clock';
import { condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RemovalCheck } from '../../domain/profile-takedown';
import type { VerificationResult } from '../../domain/verification';
import type { Platform } from '../../domain/targets/types';
import { OutageTracker, type OutageDisplay } from '../shared/outage-wait';

const checks = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 5 } });

export type PollOutcome = 'removed' | 'stopped' | 'deadline' | 'interrupted';

export interface PollInput {
  url: string;
  platform: Platform;
  /** Epoch ms: the last look is taken at the deadline, then the poll gives up. */
  deadlineAt: number;
  firstWaitMs: number;
  maxWaitMs: number;
  /** Ends the poll early without a removal (e.g. the platform confirmed: verification takes over). */
  stop: () => boolean;
  interrupted: () => boolean;
  onCheck: (check: RemovalCheck) => void;
  /**
   * Where a check that fails after its retries is shown: the poll then waits and looks again on its clock
   * until the deadline. Without it (takedowns started before 'profile-outage-waits') such a failure fails
   * the workflow, as it did.
   */
  display?: OutageDisplay;
  /**
   * The activity to look with: with `display`, the case's outage retries (outageAttempts from outageRetryFirst,
   * workflows/shared/seizure-verification.ts outsideCalls), so a wait shows as soon as the case's settings say; else
   * five attempts from 2 s, as before.
   */
  checks?: Pick<Activities, 'checkProfileRemoved'>;
}

/**
 * Looks at the profile page with backoff (first wait doubling up to the maximum) until the platform's
 * rule says it is removed, `stop()`, an interruption (withdrawal), or the deadline after one last look.
 */
export async function pollRemoval(input: PollInput): Promise<PollOutcome> {
  let wait = input.firstWaitMs;
  const outage = input.display && new OutageTracker('the profile page check', input.display);
  for (;;) {
    if (input.interrupted()) return 'interrupted';
    if (input.stop()) return 'stopped';
    const startedAt = nowIso();
    const check: RemovalCheck | { failed: unknown } = await (input.checks ?? checks).checkProfileRemoved({ url: input.url, platform: input.platform }).catch((error: unknown) => {
      if (!outage || isCancellation(error)) throw error;
      return { failed: error };
    });
    const left = input.deadlineAt - nowMs();
    if ('failed' in check) {
      if (left <= 0) return 'deadline';
      outage!.failed(check.failed, startedAt, nowMs() + Math.min(wait, left), input.deadlineAt);
    } else {
      outage?.recovered();
      input.onCheck(check);
      if (check.removed) return 'removed';
    }
    if (left <= 0) return 'deadline';
    await condition(() => input.stop() || input.interrupted(), Math.min(wait, left));
    wait = Math.min(wait * 2, input.maxWaitMs);
  }
}

/** A profile check in the shape of the target's verifications (what the timeline and the web UI show). */
export function asVerification(check: RemovalCheck): VerificationResult {
  return {
    verified: check.removed,
    state: check.removed ? 'verified' : 'pending',
    checks: [{ name: 'http', ok: check.removed, expected: `${check.url} shows the profile as removed`, seen: check.seen }],
    at: check.at,
  };
}
