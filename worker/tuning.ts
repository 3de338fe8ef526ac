import v8 from 'node:v8';
import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../src/config';
import { durationMs } from '../domain/duration';

/** Worker options plus the activation limit, which the SDK honours but leaves out of its type. */
export type TunedWorkerOptions = Partial<WorkerOptions> & { isolateExecutionTimeout?: number };

type TuningSettings = 'TAKEDOWN_WORKER_CACHED_WORKFLOWS' | 'TAKEDOWN_WORKER_STICKY_TIMEOUT' | 'TAKEDOWN_WORKER_WORKFLOW_TASKS' | 'TAKEDOWN_WORKER_ACTIVITY_TASKS' | 'TAKEDOWN_WORKER_WORKFLOW_THREADS' | 'TAKEDOWN_WORKER_ACTIVATION_TIMEOUT';

/**
 * The worker settings that matter at scale (README, "Scale"), from the environment; unset slots keep the SDK's
 * defaults. The cache holds workflows between their tasks: a target evicted from it is replayed from its history
 * at its next signal, so a cache smaller than the workflows alive trades memory for CPU. Ours holds 1,000: each
 * cached workflow costs the worker about 1 MB, and the SDK's default grows with the machine's memory (2,310 here),
 * so a worker's memory grew with the operation (1.65 GB at 1,000 targets, 2.34 GB at 2,000); at 1,000 it stays
 * flat (1.44 GB and 1.50 GB) for about a tenth more CPU in replays (bench/results/operation-*-cache1000.json).
 *
 * A task for a workflow this worker holds waits for it on the worker's own (sticky) queue; past the sticky timeout
 * the engine hands it to any worker, which must fetch and replay the whole history, and the task the busy worker
 * then reaches is void. The SDK's 10 s is shorter than a task's wait on a loaded machine: in a 10,000-target
 * operation 4,960 tasks timed out so, and the engine refused 4,096 stale ones (its metrics, 2026-12-02). Ours is a
 * minute: what a worker that dies without stopping costs its workflows' next tasks, at most.
 *
 * The activation limit is ours, not the SDK's 5 s, and so is its keeping (worker/takedown-worker.ts). The SDK stops
 * a longer activation with a vm timeout, meant for workflow code stuck in a loop; but stopped inside a promise
 * callback, Node's async-hook stack is left corrupt (nodejs/node#38503) and the whole worker process exits ("async
 * hook stack has become corrupted", sdk-typescript#939), and that timeout cost a watchdog thread on every call into
 * the workflow context. Our worker watches the workflow thread from its own instead and, when activations wait and
 * none has finished for the limit, names the longest-waiting workflow and exits. Honest work reaches 5 s on a
 * loaded machine (a case of 2,000 targets taking a burst of their reports, a worker thread descheduled or paused by
 * a collection), so the limit only guards against endless loops.
 * The SDK takes the option (its defaults are overridden by what is passed) but does not type it.
 */
export function workerTuning(config: Pick<Config, TuningSettings>): TunedWorkerOptions {
  return {
    isolateExecutionTimeout: durationMs(config.TAKEDOWN_WORKER_ACTIVATION_TIMEOUT),
    maxCachedWorkflows: config.TAKEDOWN_WORKER_CACHED_WORKFLOWS,
    stickyQueueScheduleToStartTimeout: durationMs(config.TAKEDOWN_WORKER_STICKY_TIMEOUT),
    ...(config.TAKEDOWN_WORKER_WORKFLOW_TASKS ? { maxConcurrentWorkflowTaskExecutions: config.TAKEDOWN_WORKER_WORKFLOW_TASKS } : {}),
    ...(config.TAKEDOWN_WORKER_ACTIVITY_TASKS ? { maxConcurrentActivityTaskExecutions: config.TAKEDOWN_WORKER_ACTIVITY_TASKS } : {}),
    ...(config.TAKEDOWN_WORKER_WORKFLOW_THREADS ? { workflowThreadPoolSize: config.TAKEDOWN_WORKER_WORKFLOW_THREADS } : {}),
  };
}

/**
 * How far V8 lets the worker's heaps (its own and each workflow thread's) grow past what survived the last full
 * collection before it collects again. Left to itself, V8 grows a heap by up to four times when collecting is
 * cheap, as it is here: in a 10,000-target operation the workflow thread's heap reached 1,919 MB while 486 MB
 * survived each full collection (`node --trace-gc`, 2026-12-02), so the worker's peak memory followed the garbage, not the cache that
 * bounds what is live. Set once per process, before the workers start; V8 reads the flag at every collection,
 * in every thread.
 */
export function applyHeapGrowth(config: Pick<Config, 'TAKEDOWN_WORKER_HEAP_GROWTH'>): void {
  v8.setFlagsFromString(`--heap-growing-percent=${config.TAKEDOWN_WORKER_HEAP_GROWTH}`);
}
