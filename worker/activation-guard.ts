import type { Workflow, WorkflowCreator } from '@temporalio/worker/lib/workflow/interface';

/** What the guard reports about a workflow whose activation outlived the limit. */
export interface StuckActivation { workflowId: string; runId: string; workflowType: string; what: 'activation' | 'creation'; limitMs: number }

/**
 * Bounds every workflow activation from the worker's own thread, with one timer each, in place of the vm
 * timeout the SDK sets on each of its calls into the workflow context. That timeout starts a watchdog thread
 * per call (Node's `vm` with `timeout`: a thread created and joined every time, about 45 µs here) and an
 * activation makes several such calls, so it was a sixth of the workflow worker's CPU (worker/takedown-worker.ts).
 *
 * A workflow thread running an activation past the limit is looping: it cannot be interrupted from outside, and
 * the SDK's own timeout, stopping it inside a promise callback, already ended the process (worker/tuning.ts). So
 * `onStuck` is told which workflow it was, and the worker exits; the engine hands that workflow's task to another
 * worker after its task timeout.
 */
export function guardActivations(creator: WorkflowCreator, limitMs: number, onStuck: (stuck: StuckActivation) => void): WorkflowCreator {
  const within = <T>(work: Promise<T>, stuck: Omit<StuckActivation, 'limitMs'>): Promise<T> => {
    const timer = setTimeout(() => onStuck({ ...stuck, limitMs }), limitMs);
    return work.finally(() => clearTimeout(timer));
  };
  return {
    async createWorkflow(options) {
      const { workflowId, runId, workflowType } = options.info;
      const workflow = await within(creator.createWorkflow(options), { workflowId, runId, workflowType, what: 'creation' });
      const guarded: Workflow = {
        activate: (activation) => within(workflow.activate(activation), { workflowId, runId, workflowType, what: 'activation' }),
        getAndResetSinkCalls: () => workflow.getAndResetSinkCalls(),
        dispose: () => workflow.dispose(),
      };
      return guarded;
    },
    destroy: () => creator.destroy(),
  };
}
