/** The task queue our workflows and most activities run on. */
export const TASK_QUEUE = 'takedown';

/**
 * Registration lookups run on their own queue, `<main>-lookups`, whose workers set a server-enforced
 * rate (maxTaskQueueActivitiesPerSecond): registries see a polite rate however many workers run.
 */
export function lookupQueueOf(mainQueue: string): string {
  return `${mainQueue}-lookups`;
}
