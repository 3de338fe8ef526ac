/** The task queue our workflows and most activities run on. */
export const TASK_QUEUE = 'takedown';

/**
 * Registration lookups run on their own queue, `<main>-lookups`: each request is a task whose fairness key
 * is the RDAP/WHOIS host it asks, and the queue's per-key rate limit (worker/lookup-queue.ts) keeps every
 * host at TAKEDOWN_LOOKUP_HOST_RATE however many workers run, while different hosts go in parallel.
 */
export function lookupQueueOf(mainQueue: string): string {
  return `${mainQueue}-lookups`;
}
