import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { BenchArgs } from './args';
import { loadConfig } from '../src/config';
import { workerTuning, type TunedWorkerOptions } from '../worker/tuning';

/**
 * The worker settings of a run: what the command line sets, else the SDK's defaults, and the worker's own
 * activation limit (worker/tuning.ts), past which an activation ends the process. Both sides get the same.
 */
export function workerSettings(args: Pick<BenchArgs, 'workflowTasks' | 'activityTasks' | 'workflowThreads' | 'cache'>): TunedWorkerOptions {
  const product = workerTuning(loadConfig());
  return {
    isolateExecutionTimeout: product.isolateExecutionTimeout,
    maxCachedWorkflows: product.maxCachedWorkflows,
    stickyQueueScheduleToStartTimeout: product.stickyQueueScheduleToStartTimeout,
    ...(args.workflowTasks ? { maxConcurrentWorkflowTaskExecutions: args.workflowTasks } : {}),
    ...(args.activityTasks ? { maxConcurrentActivityTaskExecutions: args.activityTasks } : {}),
    ...(args.workflowThreads ? { workflowThreadPoolSize: args.workflowThreads } : {}),
    ...(args.cache ? { maxCachedWorkflows: args.cache } : {}),
  };
}

/** The settings an activity-only worker takes (the workflow worker runs in its own process, bench/workflow-worker.ts). */
export function activitySettings(settings: Partial<WorkerOptions>): Partial<WorkerOptions> {
  return settings.maxConcurrentActivityTaskExecutions ? { maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivityTaskExecutions } : {};
}

/** What a worker ended up with, for the report (the SDK fills in its defaults). */
export function settingsOf(worker: Worker): Record<string, unknown> {
  const o = worker.options as unknown as Record<string, unknown>;
  const pick = ['maxConcurrentWorkflowTaskExecutions', 'maxConcurrentActivityTaskExecutions', 'maxConcurrentLocalActivityExecutions', 'maxCachedWorkflows', 'maxConcurrentWorkflowTaskPolls', 'maxConcurrentActivityTaskPolls', 'reuseV8Context', 'workflowThreadPoolSize', 'maxHeapMemoryForVM', 'isolateExecutionTimeoutMs', 'stickyQueueScheduleToStartTimeoutMs'];
  const out: Record<string, unknown> = {};
  for (const key of pick) if (o[key] !== undefined) out[key] = o[key];
  // With the default tuner, slot counts sit in the tuner rather than in the options.
  const tuner = o.tuner as Record<string, { numSlots?: number }> | undefined;
  if (tuner && out.maxConcurrentWorkflowTaskExecutions === undefined) {
    for (const [key, slot] of Object.entries(tuner)) if (slot && typeof slot === 'object' && 'numSlots' in slot) out[`${key}.numSlots`] = slot.numSlots;
  }
  return out;
}

/** Runs `fn` while the given workers poll, then shuts them down. */
export async function whileRunning<T>(workers: Worker[], fn: () => Promise<T>): Promise<T> {
  let run: Promise<T> = fn();
  for (const worker of workers) run = worker.runUntil(run);
  return run;
}

export type { NativeConnection };
