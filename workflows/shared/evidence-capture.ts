import { patched } from '@temporalio/workflow';
import { nowMs } from '../../domain/clock';
import type { EvidenceSnapshot } from '../../domain/evidence-snapshot';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import { callUntilDeadline, gaveUp } from './outage-wait';
import { outsideCalls, targetWait } from './seizure-verification';
import type { TargetState } from './target-state';

export type EvidenceOutcome = { ok: true; evidence: EvidenceSnapshot[] } | { ok: false; withdrawn: true } | { ok: false; withdrawn?: undefined; detail: string };

/**
 * A target's evidence capture. A page that cannot be fetched is not a failure of the call: the activity
 * records it as a failed capture. What fails the call is our own side (the evidence store cannot be
 * written): the target waits, showing since when and when it tries again, and past the manual-task clock
 * needs a person. Targets that captured before 'evidence-outage-wait' replay their one call, whose failure
 * failed the workflow.
 */
export async function captureEvidence(state: TargetState, args: { urls: string[]; capturedBy: string; scope?: string }, settings: CaseSettings, withdrawn: () => boolean, legacy: () => Promise<EvidenceSnapshot[]>): Promise<EvidenceOutcome> {
  if (!patched('evidence-outage-wait')) return { ok: true, evidence: await legacy() };
  const dueBy = nowMs() + durationMs(settings.manualTaskExpireAfter);
  const attempt = await callUntilDeadline(() => outsideCalls(settings).captureEvidence(args), targetWait(state, settings, 'the evidence store', dueBy, withdrawn));
  if (attempt.ok) return { ok: true, evidence: attempt.value };
  return attempt.why === 'interrupted' ? { ok: false, withdrawn: true } : { ok: false, detail: gaveUp('the evidence could not be kept', attempt) };
}
