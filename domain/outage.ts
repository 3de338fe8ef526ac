/**
 * Something outside the engine is down (a registry's RDAP, the banner's store) and a target waits for it:
 * shown on the target's status and in its timeline until it answers again or the stage's deadline passes.
 */
export interface OutageWait {
  /** What could not be reached, as people name it: "registry RDAP", "the seizure banner". */
  what: string;
  /** When the first call that failed began. */
  since: string;
  /** Calls that failed since then (each after its own retries). */
  failures: number;
  /** The last failure, as the activity reported it. */
  lastError: string;
  /** When the next call is made. */
  nextCheckAt: string;
  /** The stage's deadline: past it the target needs a person. */
  dueBy: string;
  /** One line for people: "registry RDAP unreachable since …, next check …". */
  summary: string;
}

export function outageSummary(wait: Omit<OutageWait, 'summary'>): string {
  return `${wait.what} unreachable since ${wait.since}, next check ${wait.nextCheckAt} (${wait.failures} failed, gives up at ${wait.dueBy}): ${wait.lastError}`;
}
