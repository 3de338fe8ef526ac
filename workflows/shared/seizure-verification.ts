import { condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso, nowMs } from '../../domain/clock';
import type { VerificationResult } from '../../domain/verification';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import { causeMessage } from './cause-message';
import { callUntilDeadline, gaveUp, isPermanent, OutageTracker, type OutageDisplay, type UntilDeadline } from './outage-wait';
import type { TargetState } from './target-state';

/** How the verification stage ended: seized, withdrawn while it looked, or a person must take over (why). */
export type VerificationEnd = { end: 'verified' } | { end: 'withdrawn' } | { end: 'needs-attention'; detail: string };

/**
 * Calls to things outside (a registry's RDAP, the banner's store), retried as the case's settings say
 * (`outageAttempts`, `outageRetryFirst`); when the retries run out the target waits visibly instead.
 */
export function outsideCalls(settings: Pick<CaseSettings, 'outageAttempts' | 'outageRetryFirst'>) {
  return proxyActivities<Activities>({
    startToCloseTimeout: '2m',
    retry: { initialInterval: durationMs(settings.outageRetryFirst), backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: settings.outageAttempts },
  });
}

/** A target shows a wait on its status (`waiting`, what the API and the target page show) and in its timeline. */
export function targetDisplay(state: TargetState): OutageDisplay {
  return { show: (wait) => { state.status.waiting = wait; }, record: (action) => state.record(action) };
}

/**
 * How a target waits on something outside until `dueBy`: shown on the target, called again on the case's
 * verification clock (first wait doubling to the maximum). The options of callUntilDeadline for a target.
 */
export function targetWait(state: TargetState, settings: Pick<CaseSettings, 'verificationPollEvery' | 'verificationPollMax'>, what: string, dueBy: number, interrupted?: () => boolean): UntilDeadline {
  return {
    what, dueBy, firstWaitMs: durationMs(settings.verificationPollEvery), maxWaitMs: durationMs(settings.verificationPollMax),
    display: targetDisplay(state), ...(interrupted ? { interrupted } : {}),
  };
}

export interface VerificationInput {
  domain: string;
  caseRef: string;
  court: string;
  /** Absent since 'sealed-banner': the public banner needs no docket (domain/banner-listing.ts). */
  docket?: string;
}

/**
 * Step 7 of a domain seizure: the banner lists the domain (with its case and court), then the registry,
 * the zone and the banner are checked with backoff until the verification deadline. A registry whose RDAP
 * cannot be reached is shown as such ("registry RDAP unreachable since …, next check …") and looked at
 * again on the same clock; past the deadline, or on a refusal no retry can mend, a person takes over.
 */
export async function verifyUntilDeadline(state: TargetState, input: VerificationInput, settings: CaseSettings, withdrawn: () => boolean): Promise<VerificationEnd> {
  const acts = outsideCalls(settings);
  const display = targetDisplay(state);
  const deadline = nowMs() + durationMs(settings.verificationDeadline);
  const firstWaitMs = durationMs(settings.verificationPollEvery);
  const maxWaitMs = durationMs(settings.verificationPollMax);

  // The banner answers only for domains on its allow-list: list this one before checking for it.
  const listed = await callUntilDeadline(
    () => acts.addToBannerAllowList({ domain: input.domain, caseRef: input.caseRef, court: input.court, docket: input.docket }),
    { what: 'the seizure banner', dueBy: deadline, firstWaitMs, maxWaitMs, display, interrupted: withdrawn },
  );
  if (withdrawn()) return { end: 'withdrawn' };
  if (!listed.ok) return { end: 'needs-attention', detail: gaveUp('the banner could not list the domain', listed) };

  const registry = new OutageTracker('registry RDAP', display);
  let wait = firstWaitMs;
  for (;;) {
    const startedAt = nowIso();
    let result: VerificationResult | undefined;
    let failure: unknown;
    try {
      result = await acts.verifySeizure({ domain: input.domain, caseRef: input.caseRef });
      registry.recovered();
    } catch (error) {
      if (isCancellation(error)) throw error;
      if (isPermanent(error)) {
        display.show(undefined);
        return { end: 'needs-attention', detail: `the seizure cannot be verified: ${causeMessage(error)}` };
      }
      failure = error;
    }
    // Withdrawn while it looked: even a seizure just verified is to be undone, not kept.
    if (withdrawn()) return { end: 'withdrawn' };
    if (result) {
      state.status.verifications.push(result);
      state.record(`verification ${result.state}: ${result.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'not yet'} (${c.seen})`).join('; ')}`);
      if (result.verified) return { end: 'verified' };
    }
    if (nowMs() + wait > deadline) {
      display.show(undefined);
      if (!failure) return { end: 'needs-attention', detail: 'the seizure was not verified by the deadline' };
      return { end: 'needs-attention', detail: `the seizure could not be verified by the deadline: registry RDAP unreachable since ${registry.current?.since ?? startedAt} (${causeMessage(failure)})` };
    }
    if (failure) registry.failed(failure, startedAt, nowMs() + wait, deadline);
    if (await condition(withdrawn, wait)) return { end: 'withdrawn' };
    wait = Math.min(wait * 2, maxWaitMs);
  }
}
