import type { Actor } from '../domain/actors';
import { nowMs } from '../domain/clock';
import type { OutageWait } from '../domain/outage';
import type { TargetOutcome, VerificationCheck } from '../domain/records';
import { durationMs, type CaseSettings } from '../domain/settings';
import type { TerminalOutcome } from '../domain/stages';
import { callUntilDeadline, gaveUp } from './outage-wait';
import { outsideCalls, targetDisplay } from './seizure-verification';
import type { TargetState } from './target-state';

export interface ReleaseOnceInput {
  domain: string;
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
 */
export async function releaseOnce(state: TargetState, input: ReleaseOnceInput): Promise<TargetOutcome> {
  const { domain, withdrawal, settings } = input;
  const withdrawn = `withdrawn after notice by ${withdrawal.actor.name}: ${withdrawal.reason}`;
  await state.enter('WITHDRAWN', `${withdrawn}; the registry is ordered to restore it`);
  const unlisted = await callUntilDeadline(() => outsideCalls(settings).releaseFromBannerAllowList({ domain, reason: withdrawal.reason }), {
    what: 'the seizure banner', dueBy: nowMs() + durationMs(settings.registryExecutionWithin),
    firstWaitMs: durationMs(settings.verificationPollEvery), maxWaitMs: durationMs(settings.verificationPollMax), display: targetDisplay(state),
  });
  if (!unlisted.ok) return input.end('FAILED_NEEDS_ATTENTION', `${withdrawn}; ${gaveUp('the banner still shows the seizure', unlisted)}`);
  const nameservers = state.status.registration?.nameservers.join(', ') || 'not recorded';
  state.record(`release requested: the banner no longer answers for ${domain}; the registry is asked to restore it (name servers ${nameservers})`, withdrawal.actor, { reason: withdrawal.reason });
  const seen = await input.watch();
  if (seen.restored) return input.end('WITHDRAWN', `${withdrawn}; the registry shows it restored`);
  const why = seen.outage ? `registry RDAP unreachable since ${seen.outage.since} (${seen.outage.lastError})` : seen.last?.seen ?? 'the registry could not be checked';
  return input.end('FAILED_NEEDS_ATTENTION', `${withdrawn}; the registry has not restored it by the deadline (${why})`);
}
