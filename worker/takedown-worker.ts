import { Worker, type CompiledWorkerOptions, type Logger } from '@temporalio/worker';
import type { WorkflowCreator } from '@temporalio/worker/lib/workflow/interface';
import { guardActivations, type StuckActivation } from './activation-guard';

/** The exit code of a worker that stopped because a workflow activation would not end. */
export const stuckActivationExitCode = 70;

/**
 * The SDK's worker, whose workflow threads run without a vm timeout on each call: the activation limit
 * (`isolateExecutionTimeout`, TAKEDOWN_WORKER_ACTIVATION_TIMEOUT) is kept by activation-guard.ts from this
 * thread instead. Measured (`operation --targets 1000 --no-baseline`, 2026-12-02): the workflow worker's CPU went
 * from 66 s to 59 s and the run from 105 s to 98 s. `createWorkflowCreator` is the SDK's protected hook for
 * this; every worker of ours that runs workflows is made with `TakedownWorker.create`, the tests' included.
 */
export class TakedownWorker extends Worker {
  protected static override async createWorkflowCreator(bundle: Parameters<typeof Worker['createWorkflowCreator']>[0], options: CompiledWorkerOptions, logger: Logger): Promise<WorkflowCreator> {
    const limitMs = options.isolateExecutionTimeoutMs;
    // With no timeout the SDK calls into the workflow context without Node's per-call watchdog thread.
    const creator = await super.createWorkflowCreator(bundle, { ...options, isolateExecutionTimeoutMs: undefined as unknown as number }, logger);
    return guardActivations(creator, limitMs, (stuck) => stopStuckWorker(stuck, logger));
  }
}

function stopStuckWorker(stuck: StuckActivation, logger: Logger): void {
  logger.error(`${stuck.workflowType} ${stuck.workflowId} (run ${stuck.runId}): its ${stuck.what} waited first while the workflow thread finished nothing for ${stuck.limitMs} ms (TAKEDOWN_WORKER_ACTIVATION_TIMEOUT). The thread is looping and cannot be stopped, so the worker exits; the engine gives the workflow's task to another worker after its task timeout`, { ...stuck });
  process.exit(stuckActivationExitCode);
}
