import { heartbeat } from '@temporalio/activity';

/**
 * Runs `each` over the items with at most `inFlight` at once (enough to keep the engine's frontend busy, few
 * enough to stay polite), heartbeating every hundred so a long batch is not timed out while it moves.
 */
export async function forEachInFlight<T>(items: readonly T[], inFlight: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < items.length) {
      await each(items[next++]!);
      if (++done % 100 === 0) heartbeat(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, lane));
}
