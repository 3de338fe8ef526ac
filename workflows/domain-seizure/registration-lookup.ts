import { isCancellation, proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RegistrationRecord } from '../../domain/registration';
import { lookupQueueOf } from '../../domain/task-queues';

/** Retries of a lookup request: a 429's Retry-After (nextRetryDelay) overrides the backoff. */
export const lookupRetry: ActivityOptions['retry'] = { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 6, nonRetryableErrorTypes: ['NOT_REGISTERED', 'NO_RDAP_SERVER'] };

const planner = proxyLocalActivities<Activities>({ startToCloseTimeout: '10s', retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['NO_RDAP_SERVER'] } });

/**
 * Who holds a domain, one request per task: the registry's record, then the registrar's, each on the
 * lookup queue (`<queue>-lookups`) under its host as the task's fairness key. The server caps every key
 * at TAKEDOWN_LOOKUP_HOST_RATE tasks a second (the queue's fairness-key rate limit, set when the worker
 * starts), so one host is asked politely however many workers poll, while different hosts go in parallel.
 * Which host comes first is configuration (the RDAP bootstrap, the WHOIS table): a local activity reads it.
 *
 * Throws what the registry step throws (NOT_REGISTERED, NO_RDAP_SERVER, or a retryable failure after its
 * retries). The registrar's record is a bonus: when its step fails for good, the registry's record stands.
 */
export async function lookupRegistrationPerHost(domain: string, mainQueue: string): Promise<RegistrationRecord> {
  const on = (fairnessKey: string) => proxyActivities<Activities>({ taskQueue: lookupQueueOf(mainQueue), startToCloseTimeout: '2m', retry: lookupRetry, priority: { fairnessKey } });
  const plan = await planner.planLookup(domain);
  const answer = await on(plan.fairnessKey).lookupRegistry(domain);
  if (!answer.registrar) return answer.record;
  try {
    return await on(answer.registrar.fairnessKey).lookupRegistrar({ record: answer.record, registrar: answer.registrar });
  } catch (error) {
    if (isCancellation(error)) throw error;
    return answer.record;
  }
}

/** Before 'per-host-lookups' (histories that replay): the whole lookup in one task on the lookup queue. */
export function lookupRegistrationInOneTask(domain: string, mainQueue: string): Promise<RegistrationRecord> {
  const lookups = proxyActivities<Activities>({
    taskQueue: lookupQueueOf(mainQueue),
    startToCloseTimeout: '2m',
    retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m', maximumAttempts: 6, nonRetryableErrorTypes: ['NOT_REGISTERED', 'NO_RDAP_SERVER'] },
  });
  return lookups.lookupRegistration(domain);
}
