import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bareActivities } from '../../bench/bare/activities';
import { endRunning } from '../../bench/bare/end-running';
import { acknowledgeSignal, bareCaseStatusQuery, bareOperation, decisionSignal, submitSignal, warrantSignal } from '../../bench/bare/workflows';
import { TakedownWorker } from '../../worker/takedown-worker';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';

/**
 * The benchmark's plain-Temporal operation (bench/bare/) opens its cases as the pipeline's operation does, at most
 * `window` still opening, and what a given-up baseline leaves running is ended before the pipeline runs.
 */
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  env = await connectTestEnv();
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../bench/bare/workflows'), logger: new DefaultLogger('WARN') });
});
afterAll(() => env?.teardown());

const cases = (run: string) => [{ caseId: `${run}-1`, targets: 3 }, { caseId: `${run}-2`, targets: 2 }, { caseId: `${run}-3`, targets: 2 }];

/** The operation's history, in order: which case each child start named, and each case's word that it opened. */
async function openingOrder(operationId: string): Promise<string[]> {
  const history = await env.client.workflow.getHandle(`bare-op:${operationId}`).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    if (e.startChildWorkflowExecutionInitiatedEventAttributes) return [`start ${e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId}`];
    if (e.workflowExecutionSignaledEventAttributes?.signalName === 'caseOpened') return ['opened'];
    return [];
  });
}

/** Drives a case as the benchmark does: once every target waits at review, the three human steps, then each notice acknowledged. */
async function driveCase(caseId: string, targets: number): Promise<void> {
  const handle = env.client.workflow.getHandle(`bare-case:${caseId}`);
  await waitFor(`${caseId} at review`, async () => ((await handle.query(bareCaseStatusQuery)).byStage.LEGAL_REVIEW ?? 0) === targets);
  await handle.signal(submitSignal);
  await handle.signal(decisionSignal);
  await handle.signal(warrantSignal);
  await waitFor(`${caseId}'s notices`, async () => (await handle.query(bareCaseStatusQuery)).noticesSent >= 2);
  for (const n of [0, 1]) await handle.signal(acknowledgeSignal, { noticeId: `${caseId}/notice-${n}` });
}

async function runOperation(window: number): Promise<{ seized: number; order: string[] }> {
  const taskQueue = unique('bench-bare-test-');
  const operationId = unique('op');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: bareActivities });
  return worker.runUntil(async () => {
    const operation = await env.client.workflow.start(bareOperation, { taskQueue, workflowId: `bare-op:${operationId}`, args: [{ operationId, cases: cases(operationId), notices: 2, window }] });
    await Promise.all(cases(operationId).map((c) => driveCase(c.caseId, c.targets)));
    return { seized: await operation.result(), order: await openingOrder(operationId) };
  });
}

describe('the plain-Temporal operation of the benchmark', () => {
  it('opens one case at a time with a window of 1: each starts after the one before says its targets wait at review', async () => {
    const { seized, order } = await runOperation(1);
    expect(seized).toBe(7);
    expect(order.map((o) => o.replace(/:op[0-9a-f]+-/, ':'))).toEqual(['start bare-case:1', 'opened', 'start bare-case:2', 'opened', 'start bare-case:3', 'opened']);
  });

  it('opens two at once with a window of 2, and every target is still SEIZED', async () => {
    const { seized, order } = await runOperation(2);
    expect(seized).toBe(7);
    expect(order.slice(0, 2).map((o) => o.replace(/:op[0-9a-f]+-/, ':'))).toEqual(['start bare-case:1', 'start bare-case:2']);
    expect(order.filter((o) => o === 'opened')).toHaveLength(3);
  });

  it('ends everything a given-up baseline left running on its queue: the operation, its cases and their targets', async () => {
    const taskQueue = unique('bench-bare-test-');
    const operationId = unique('op');
    const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: bareActivities });
    // The worker stops once the first case's targets wait at review: nobody will signal them any more.
    await worker.runUntil(async () => {
      await env.client.workflow.start(bareOperation, { taskQueue, workflowId: `bare-op:${operationId}`, args: [{ operationId, cases: cases(operationId), notices: 2, window: 1 }] });
      await waitFor('the first case at review', async () => ((await env.client.workflow.getHandle(`bare-case:${operationId}-1`).query(bareCaseStatusQuery)).byStage.LEGAL_REVIEW ?? 0) === 3);
    });
    const running = `TaskQueue='${taskQueue}' AND ExecutionStatus='Running'`;
    await waitFor('visibility to list the operation, a case and its targets', async () => (await env.client.workflow.count(running)).count >= 5);

    const ended = await endRunning(env.client, taskQueue);

    expect(ended).toBeGreaterThanOrEqual(2);
    expect((await env.client.workflow.count(running)).count).toBe(0);
    const statuses = await Promise.all([`bare-op:${operationId}`, `bare-case:${operationId}-1`, `bare-target:${operationId}-1:0`].map(async (id) => (await env.client.workflow.getHandle(id).describe()).status.name));
    expect(statuses).toEqual(['TERMINATED', 'TERMINATED', 'TERMINATED']);
  });
});
