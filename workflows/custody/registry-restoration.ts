import { condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso, nowMs } from '../../domain/clock';
import type { OutageWait } from '../../domain/outage';
import type { VerificationCheck } from '../../domain/verification';
import { OutageTracker } from '../shared/outage-wait';

const checks = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 5 } });

export interface RestorationWatch {
  domain: string;
  /** The name servers before the seizure (reported, not required: the registrant may choose others). */
  restoreNameservers: string[];
  /** When the registry must have restored it (epoch ms). */
  dueBy: number;
  pollEveryMs: number;
  pollMaxMs: number;
  /** The timeline: what the registry showed, each time it changed, and a look that could not run. */
  record(action: string): void;
  /** Every look at the registry, e.g. to show the last one. */
  onCheck?(check: VerificationCheck): void;
  /** Past the deadline: resolves true to keep looking (custody), false to give up (a withdrawn target). */
  overdue(): Promise<boolean>;
  /** A count that rises when something should prompt a look at once (the registry's acknowledgement). */
  prompts?: () => number;
  /** Shows an outage of the registry's RDAP while it lasts (a target's `waiting`); the timeline has it anyway. */
  show?(wait: OutageWait | undefined): void;
  /** The release check to call, when the caller retries it on its own settings. */
  checkRelease?: Activities['checkRelease'];
}

/**
 * After a release order: asks the registry with backoff whether the lock is lifted and the seizure name
 * servers are gone (`checkRelease`), until it shows the domain restored or, past the deadline, the caller
 * stops. Used by custody's release and by a domain withdrawn after its notice.
 */
export async function watchRestoration(w: RestorationWatch): Promise<{ restored: boolean; last?: VerificationCheck; outage?: OutageWait }> {
  let wait = w.pollEveryMs;
  let last: VerificationCheck | undefined;
  // A look that cannot run (the registry's RDAP down) is shown as an outage, since when and the next look.
  const outage = new OutageTracker('registry RDAP', { show: (shown) => w.show?.(shown), record: (action) => w.record(action) });
  const checkRelease = w.checkRelease ?? checks.checkRelease;
  for (;;) {
    const startedAt = nowIso();
    let failure: unknown;
    try {
      const check = await checkRelease({ domain: w.domain, restoreNameservers: w.restoreNameservers });
      outage.recovered();
      if (check.seen !== last?.seen) w.record(`release check: ${check.ok ? 'restored' : 'not yet restored'} (${check.seen})`);
      w.onCheck?.(check);
      last = check;
    } catch (error) {
      if (isCancellation(error)) throw error;
      failure = error;
    }
    if (last?.ok) return { restored: true, last };
    const left = w.dueBy - nowMs();
    const pause = left > 0 ? Math.min(wait, left) : wait;
    if (failure) outage.failed(failure, startedAt, nowMs() + pause, w.dueBy);
    if (left <= 0 && !(await w.overdue())) {
      const down = outage.current;
      w.show?.(undefined);
      return { restored: false, last, ...(down ? { outage: down } : {}) };
    }
    const prompted = w.prompts?.() ?? 0;
    await condition(() => (w.prompts?.() ?? 0) > prompted, pause);
    wait = Math.min(wait * 2, w.pollMaxMs);
  }
}
