import { performance } from 'node:perf_hooks';
import { lookupFailure } from './errors';

/**
 * Politeness towards registries and registrars: at most one request per `minIntervalMs` per host,
 * one at a time, queued (never dropped), shared by every lookup in this process (module state on
 * purpose: two `createLookup` instances in one worker must not double the rate).
 *
 * The spacing runs from the end of one request to the start of the next, so the server itself sees
 * gaps of at least `minIntervalMs` whatever the network jitter (OpenSRS publishes 1/s per IP, CentralNic
 * 1,800 per 15 min per /24).
 *
 * This only holds inside one process. The guarantee across workers comes from running lookups on their
 * own task queue with a server-side limit (`maxTaskQueueActivitiesPerSecond` on the lookup worker), which
 * the worker wires; this queue keeps a single worker from bursting at one host within that budget.
 */
interface HostState {
  tail: Promise<unknown>;
  /** performance.now() when the last request to this host finished. */
  lastEnd: number;
  /** performance.now() before which the host asked us (Retry-After) not to come back. */
  blockedUntil: number;
  retryAfterText?: string;
}

const hosts = new Map<string, HostState>();

function stateOf(host: string): HostState {
  let state = hosts.get(host);
  if (!state) {
    state = { tail: Promise.resolve(), lastEnd: -Infinity, blockedUntil: -Infinity };
    hosts.set(host, state);
  }
  return state;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `request` when its turn for `host` ("hostname[:port]") comes. */
export function throttled<T>(host: string, minIntervalMs: number, request: () => Promise<T>): Promise<T> {
  const state = stateOf(host);
  const run = state.tail.then(async () => {
    // A host that sent Retry-After is not asked again in this process before then: fail fast with
    // the remaining delay so Temporal schedules the retry instead of an activity sleeping for an hour.
    const blockedFor = state.blockedUntil - performance.now();
    if (blockedFor > 0) {
      throw lookupFailure('RATE_LIMITED', `${host} asked us to wait (Retry-After: ${state.retryAfterText}); ${Math.ceil(blockedFor / 1000)} s left`, {
        nextRetryDelayMs: Math.ceil(blockedFor),
        details: { host, retryAfter: state.retryAfterText },
      });
    }
    // setTimeout may fire a fraction of a millisecond early; loop until the interval has really passed.
    for (let wait = state.lastEnd + minIntervalMs - performance.now(); wait > 0; wait = state.lastEnd + minIntervalMs - performance.now()) {
      await sleep(Math.ceil(wait));
    }
    try {
      return await request();
    } finally {
      state.lastEnd = performance.now();
    }
  });
  state.tail = run.catch(() => undefined);
  return run;
}

/** Records a host's Retry-After so queued and later calls in this process respect it too. */
export function blockHost(host: string, delayMs: number, retryAfterText: string): void {
  const state = stateOf(host);
  state.blockedUntil = Math.max(state.blockedUntil, performance.now() + delayMs);
  state.retryAfterText = retryAfterText;
}
