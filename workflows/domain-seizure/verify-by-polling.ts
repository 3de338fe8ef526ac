import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso } from '../../domain/clock';
import type { CaseSettings } from '../../domain/settings';
import { durationMs } from '../../domain/duration';
import type { TargetState } from '../shared/target-state';

/** The domain workflow's own activity options (domain-seizure.ts uses the same). */
const acts = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 5 } });

/**
 * Step 7 as it ran before 'outage-waits', kept so those histories replay: the banner listing, then the
 * registry polled with backoff until the deadline; an activity's last failure failed the workflow.
 */
export async function verifyByPolling(
  state: TargetState,
  domain: string,
  listing: Parameters<Activities['addToBannerAllowList']>[0],
  settings: CaseSettings,
  withdrawn: () => boolean,
): Promise<'verified' | 'deadline' | 'withdrawn'> {
  await acts.addToBannerAllowList(listing);
  const deadline = Date.parse(nowIso()) + durationMs(settings.verificationDeadline);
  let wait = durationMs(settings.verificationPollEvery);
  for (;;) {
    const result = await acts.verifySeizure({ domain, caseRef: listing.caseRef });
    state.status.verifications.push(result);
    state.record(`verification ${result.state}: ${result.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'not yet'} (${c.seen})`).join('; ')}`);
    if (result.verified) return 'verified';
    if (Date.parse(nowIso()) + wait > deadline) return 'deadline';
    if (await condition(withdrawn, wait)) return 'withdrawn';
    wait = Math.min(wait * 2, durationMs(settings.verificationPollMax));
  }
}
