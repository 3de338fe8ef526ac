import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../src/config';

/**
 * The worker settings that matter at scale (README, "Scale"), from the environment; what is unset keeps the
 * SDK's default. The cache holds workflows between their tasks: a target evicted from it is replayed from its
 * history at its next signal, so a cache smaller than the targets in flight trades memory for CPU.
 */
export function workerTuning(config: Pick<Config, 'TAKEDOWN_WORKER_CACHED_WORKFLOWS' | 'TAKEDOWN_WORKER_WORKFLOW_TASKS' | 'TAKEDOWN_WORKER_ACTIVITY_TASKS'>): Partial<WorkerOptions> {
  return {
    ...(config.TAKEDOWN_WORKER_CACHED_WORKFLOWS ? { maxCachedWorkflows: config.TAKEDOWN_WORKER_CACHED_WORKFLOWS } : {}),
    ...(config.TAKEDOWN_WORKER_WORKFLOW_TASKS ? { maxConcurrentWorkflowTaskExecutions: config.TAKEDOWN_WORKER_WORKFLOW_TASKS } : {}),
    ...(config.TAKEDOWN_WORKER_ACTIVITY_TASKS ? { maxConcurrentActivityTaskExecutions: config.TAKEDOWN_WORKER_ACTIVITY_TASKS } : {}),
  };
}
