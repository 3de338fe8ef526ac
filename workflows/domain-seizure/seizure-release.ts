import { isCancellation } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import { nowIso, nowMs } from '../../domain/clock';
import { slug } from '../../domain/notice-request';
import type { OutageWait } from '../../domain/outage';
import type { TargetOutcome } from '../../domain/target';
import type { VerificationCheck } from '../../domain/verification';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import type { TerminalOutcome } from '../../domain/stages';
import { escalationRequest } from '../notice/case-notices';
import { causeMessage } from '../shared/cause-message';
import { deliverNotice } from '../notice/follow-up';
import { callUntilDeadline, gaveUp } from '../shared/outage-wait';
import { outsideCalls, targetDisplay, targetWait } from '../shared/seizure-verification';
import { watchRestoration } from '../custody/registry-restoration';
import type { TargetState } from '../shared/target-state';

export interface ReleaseOnceInput {
  domain: string;
  /** The case, for an escalation this target sends itself once its case has closed. */
  caseWorkflowId: string;
  caseId: string;
  caseTitle: string;
  withdrawal: { actor: Actor; reason: string };
  settings: CaseSettings;
  end(outcome: TerminalOutcome, detail?: string): Promise<TargetOutcome>;
  /** The registry's restoration, watched until its execution deadline. */
  watch(): Promise<{ restored: boolean; last?: VerificationCheck; outage?: OutageWait }>;
}

/**
 * A domain withdrawn after its notice went out (since 'withdraw-once'). The target is WITHDRAWN at once: its
 * case hears it, so a second withdrawal is refused (one release order, the case's) and no page offers one.
 * The banner lets the domain go, then the registry's restoration is watched until its deadline: the target
 * ends WITHDRAWN once the registry shows it restored, or needs a person (the case escalates it) when the
 * registry has not restored it, or the banner could not let it go, by then. An outage on the way is shown.
 * A case whose targets have all ended closes meanwhile: what it can no longer hear, this target says itself.
 */
export async function releaseOnce(state: TargetState, input: ReleaseOnceInput): Promise<TargetOutcome> {
  const { domain, withdrawal, settings } = input;
  const withdrawn = `withdrawn after notice by ${withdrawal.actor.name}: ${withdrawal.reason}`;
  await state.enter('WITHDRAWN', `${withdrawn}; the registry is ordered to restore it`);
  const unlisted = await callUntilDeadline(() => outsideCalls(settings).releaseFromBannerAllowList({ domain, reason: withdrawal.reason }),
    targetWait(state, settings, 'the seizure banner', nowMs() + durationMs(settings.registryExecutionWithin)));
  if (!unlisted.ok) return settle('FAILED_NEEDS_ATTENTION', `${withdrawn}; ${gaveUp('the banner still shows the seizure', unlisted)}`);
  const nameservers = state.status.registration?.nameservers.join(', ') || 'not recorded';
  state.record(`release requested: the banner no longer answers for ${domain}; the registry is asked to restore it (name servers ${nameservers})`, withdrawal.actor, { reason: withdrawal.reason });
  const seen = await input.watch();
  if (seen.restored) return settle('WITHDRAWN', `${withdrawn}; the registry shows it restored`);
  const why = seen.outage ? `registry RDAP unreachable since ${seen.outage.since} (${seen.outage.lastError})` : seen.last?.seen ?? 'the registry could not be checked';
  return settle('FAILED_NEEDS_ATTENTION', `${withdrawn}; the registry has not restored it by the deadline (${why})`);

  /** The end, reported to the case; a closed case cannot take it, so a person is told directly (the case's own escalation, same notice ID). */
  async function settle(outcome: TerminalOutcome, detail: string): Promise<TargetOutcome> {
    try {
      return await input.end(outcome, detail);
    } catch (error) {
      if (isCancellation(error)) throw error;
      state.record(`the case could not be told (${causeMessage(error)})`);
      if (outcome === 'FAILED_NEEDS_ATTENTION') await escalate(detail);
      return state.outcome(detail);
    }
  }

  async function escalate(detail: string): Promise<void> {
    const key = state.key;
    const sent = await deliverNotice(escalationRequest({
      caseWorkflowId: input.caseWorkflowId, caseId: input.caseId, title: input.caseTitle, level: 'coordinator', key: `${slug(key)}-failed`, subject: `${key} needs attention`,
      reason: `${key} stopped: ${detail}`, details: [{ label: 'Target', value: key }, { label: 'Workflow', value: state.status.workflowId }], at: nowIso(),
    }), { onNotice: (notice) => state.record(`escalation sent to ${notice.to.join(', ')}`, undefined, { data: { noticeId: notice.noticeId } }) });
    if (!sent.ok) state.record(`the escalation could not be sent: ${sent.failure}`);
  }
}

/** The registry's restoration, looked for with backoff until its execution deadline; `shown`: an outage on the status, the checks on the case's retries. */
export function restoredAtRegistry(state: TargetState, domain: string, settings: CaseSettings, shown: boolean): Promise<{ restored: boolean; last?: VerificationCheck; outage?: OutageWait }> {
  return watchRestoration({
    domain, restoreNameservers: state.status.registration?.nameservers ?? [], dueBy: Date.parse(nowIso()) + durationMs(settings.registryExecutionWithin),
    pollEveryMs: durationMs(settings.verificationPollEvery), pollMaxMs: durationMs(settings.verificationPollMax),
    record: (action) => state.record(action),
    ...(shown ? { show: targetDisplay(state).show, checkRelease: outsideCalls(settings).checkRelease } : {}),
    overdue: async () => false,
  });
}
