import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { nowMs } from '../domain/clock';
import type { VerificationCheck } from '../domain/records';
import { causeMessage } from './custody-failure';

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
}

/**
 * After a release order: asks the registry with backoff whether the lock is lifted and the seizure name
 * servers are gone (`checkRelease`), until it shows the domain restored or, past the deadline, the caller
 * stops. Used by custody's release and by a domain withdrawn after its notice.
 */
export async function watchRestoration(w: RestorationWatch): Promise<{ restored: boolean; last?: VerificationCheck }> {
  let wait = w.pollEveryMs;
  let last: VerificationCheck | undefined;
  for (;;) {
    try {
      const check = await checks.checkRelease({ domain: w.domain, restoreNameservers: w.restoreNameservers });
      if (check.seen !== last?.seen) w.record(`release check: ${check.ok ? 'restored' : 'not yet restored'} (${check.seen})`);
      w.onCheck?.(check);
      last = check;
    } catch (error) {
      w.record(`the release check could not run: ${causeMessage(error)}`);
    }
    if (last?.ok) return { restored: true, last };
    const left = w.dueBy - nowMs();
    if (left <= 0 && !(await w.overdue())) return { restored: false, last };
    const prompted = w.prompts?.() ?? 0;
    await condition(() => (w.prompts?.() ?? 0) > prompted, left > 0 ? Math.min(wait, left) : wait);
    wait = Math.min(wait * 2, w.pollMaxMs);
  }
}
