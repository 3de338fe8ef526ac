import type { WorkflowCreator } from '@temporalio/worker/lib/workflow/interface';

/** What the guard reports about a workflow whose activation would not end. */
export interface StuckActivation { workflowId: string; runId: string; workflowType: string; what: 'activation' | 'creation'; limitMs: number }

interface Pending { workflowId: string; runId: string; workflowType: string; what: StuckActivation['what'] }

/**
 * Bounds workflow activations from the worker's own thread, in place of the vm timeout the SDK sets on each of
 * its calls into the workflow context. That timeout starts a watchdog thread per call (Node's `vm` with
 * `timeout`: a thread created and joined every time, about 45 µs here), and an activation makes several such
 * calls, so it was a sixth of the workflow worker's CPU (worker/takedown-worker.ts).
 *
 * From here an activation's time would include its wait behind the others given to the workflow thread (up to
 * the worker's task slots), which a loaded worker makes long with nothing wrong. A thread that loops finishes
 * nothing, so the guard trips only when work is pending and none of it has finished for the whole limit, and
 * names the longest-pending workflow.
 *
 * A looping thread cannot be interrupted from outside, and the SDK's own timeout, stopping it inside a promise
 * callback, already ended the process (worker/tuning.ts). So `onStuck` is told once, and the worker exits; the
 * engine hands that workflow's task to another worker after its task timeout.
 */
export function guardActivations(creator: WorkflowCreator, limitMs: number, onStuck: (stuck: StuckActivation) => void): WorkflowCreator {
  const pending = new Map<symbol, Pending>(); // in the order given: the first is the longest-pending
  let lastProgress = Date.now();
  let tripped = false;
  const check = setInterval(() => {
    if (tripped || pending.size === 0 || Date.now() - lastProgress < limitMs) return;
    tripped = true;
    clearInterval(check);
    onStuck({ ...pending.values().next().value!, limitMs });
  }, Math.max(10, Math.floor(limitMs / 4)));
  check.unref();
  const tracked = <T>(work: Promise<T>, what: Pending): Promise<T> => {
    const key = Symbol(what.runId);
    if (pending.size === 0) lastProgress = Date.now(); // an idle thread was not stalled
    pending.set(key, what);
    return work.finally(() => { pending.delete(key); lastProgress = Date.now(); });
  };
  return {
    async createWorkflow(options) {
      const { workflowId, runId, workflowType } = options.info;
      const workflow = await tracked(creator.createWorkflow(options), { workflowId, runId, workflowType, what: 'creation' });
      return {
        activate: (activation) => tracked(workflow.activate(activation), { workflowId, runId, workflowType, what: 'activation' }),
        getAndResetSinkCalls: () => workflow.getAndResetSinkCalls(),
        dispose: () => workflow.dispose(),
      };
    },
    destroy: () => { clearInterval(check); return creator.destroy(); },
  };
}
