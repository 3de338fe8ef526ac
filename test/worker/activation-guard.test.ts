import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Workflow, WorkflowCreator, WorkflowCreateOptions } from '@temporalio/worker/lib/workflow/interface';
import { guardActivations, type StuckActivation } from '../../worker/activation-guard';
import { stuckActivationExitCode } from '../../worker/takedown-worker';
import { connectTestEnv, unique } from '../helpers/temporal';

const never = new Promise<never>(() => undefined);
const info = { workflowId: 'domain:replica-bags.example', runId: 'run-1', workflowType: 'domainSeizureWorkflow' };
const completion = { runId: 'run-1', successful: { commands: [] } };

/**
 * A creator whose workflows answer activations one at a time, as a workflow thread does, each after `ms` of
 * work, or never.
 */
function creatorAnsweringAfter(ms: number | 'never'): WorkflowCreator & { disposed: number } {
  let line: Promise<unknown> = Promise.resolve();
  const workflow: Workflow = {
    activate: () => {
      const answer = line.then(() => (ms === 'never' ? never : new Promise<typeof completion>((resolve) => setTimeout(() => resolve(completion), ms))));
      line = answer;
      return answer;
    },
    getAndResetSinkCalls: async () => [],
    dispose: async () => { creator.disposed++; },
  };
  const creator = { disposed: 0, createWorkflow: async () => workflow, destroy: async () => undefined };
  return creator;
}

const create = (creator: WorkflowCreator) => creator.createWorkflow({ info } as unknown as WorkflowCreateOptions);

describe('the activation guard (worker/activation-guard.ts)', () => {
  it('lets an activation that ends within the limit through, with its completion, and reports nothing', async () => {
    const stuck: StuckActivation[] = [];
    const workflow = await create(guardActivations(creatorAnsweringAfter(10), 200, (s) => stuck.push(s)));
    await expect(workflow.activate({ runId: 'run-1' })).resolves.toEqual(completion);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stuck).toEqual([]);
  });

  it('does not count the wait in line as work: activations that keep finishing pass, though the last waited past the limit', async () => {
    const stuck: StuckActivation[] = [];
    const workflow = await create(guardActivations(creatorAnsweringAfter(60), 150, (s) => stuck.push(s)));
    const started = Date.now();
    await Promise.all(Array.from({ length: 6 }, () => workflow.activate({ runId: 'run-1' })));
    expect(Date.now() - started).toBeGreaterThan(300);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stuck).toEqual([]);
  });

  it('reports an activation past the limit once, naming the workflow, and passes dispose through', async () => {
    const stuck: StuckActivation[] = [];
    const inner = creatorAnsweringAfter('never');
    const workflow = await create(guardActivations(inner, 50, (s) => stuck.push(s)));
    void workflow.activate({ runId: 'run-1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stuck).toEqual([{ ...info, what: 'activation', limitMs: 50 }]);
    await workflow.dispose();
    expect(inner.disposed).toBe(1);
  });
});

// The whole path on the real dev server: a worker process of ours meets a workflow whose activation never ends.
// Its thread cannot be stopped, so the worker names the workflow and exits; the workflow is not failed by it.
test('a worker whose workflow loops past the activation limit names it and exits with its own code', async () => {
  const env = await connectTestEnv();
  const taskQueue = unique('looping-');
  const workflowId = unique('looping-workflow-');
  try {
    const handle = await env.client.workflow.start('loopingWorkflow', { taskQueue, workflowId, workflowTaskTimeout: '60s' });
    const tsx = pathToFileURL(path.resolve(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, path.join(__dirname, 'looping-worker.ts')], { env: { ...process.env, LOOPING_TASK_QUEUE: taskQueue }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(output).toContain('polling');
    expect(code).toBe(stuckActivationExitCode);
    expect(output).toContain(`loopingWorkflow ${workflowId} (run ${handle.firstExecutionRunId}): its activation waited first while the workflow thread finished nothing for 1000 ms`);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test cleanup');
  } finally {
    await env.teardown();
  }
}, 120_000);
