import type { NativeConnection } from '@temporalio/worker';

/** The raw gRPC service of a connection (the worker's NativeConnection, or a Client's Connection). */
type WorkflowService = Pick<NativeConnection['workflowService'], 'updateTaskQueueConfig'>;
/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY (@temporalio/proto is not a dependency of ours). */
const activityTaskQueue = 2;

/**
 * Politeness towards registries, enforced by the server: every fairness key of the lookup queue (one
 * RDAP/WHOIS host, workflows/domain-seizure/registration-lookup.ts) is dispatched at most `perHostRate` tasks a second,
 * across every worker, while different hosts run in parallel. It is the queue's configuration
 * (UpdateTaskQueueConfig, the same as `temporal task-queue config set --task-queue-type activity
 * --fairness-key-rps-limit-default <rate>`), kept by the server, so the worker that starts last sets it.
 *
 * The server honours it only with task-queue fairness on (dynamic config `matching.enableFairness=true`,
 * which scripts/temporal-server.ts passes to the dev server), and counts it per partition: give the lookup
 * queue one partition (`matching.numTaskqueueReadPartitions` / `WritePartitions` = 1).
 */
export async function applyLookupHostRate(service: WorkflowService, options: { namespace: string; taskQueue: string; perHostRate: number; identity?: string }): Promise<void> {
  await service.updateTaskQueueConfig({
    namespace: options.namespace,
    identity: options.identity ?? 'takedown-worker',
    taskQueue: options.taskQueue,
    taskQueueType: activityTaskQueue,
    updateFairnessKeyRateLimitDefault: { rateLimit: { requestsPerSecond: options.perHostRate }, reason: 'TAKEDOWN_LOOKUP_HOST_RATE: lookups per second per RDAP/WHOIS host' },
  });
}
