import { caseStatusQuery } from '../../domain/case';
import { operationStatusQuery } from '../../domain/operation';
import { workflowIds } from '../../domain/ids';
import { searchAttributes } from '../../domain/search-attributes';
import { createTargetActivities } from '../../activities/targets';
import { operationWorkflow } from '../../workflows/operation/operation';
import { addShop, shopUrl } from '../api/domains';
import { coordinator, operationOf } from '../helpers/case-fixtures';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { recordHistory } from '../helpers/record-history';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';

const t = useWorkflowTest(startWorld);

test('an operation answers every row, splits its targets into cases, and starts the next case only when the last one has opened its targets', async () => {
  const [a, b, c] = [addShop(t.world), addShop(t.world, 'cheap-watches-'), addShop(t.world, 'replica-bags-')];
  const rows = [shopUrl(t.world, a), b, 'not a domain', a, c, '192.0.2.7'];
  const operation = operationOf(rows, { targetsPerCase: 2, window: 1, windowPollEvery: '200ms', casesPerRun: 1 });
  const { operationId } = operation;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(operationWorkflow, {
      taskQueue, workflowId: `operation:${operationId}`,
      args: [{ operation, openedBy: coordinator }],
    });
    const final = await handle.result();
    expect(final).toMatchObject({ state: 'STARTED', rows: { total: 6, planned: 3, refused: 2, repeats: 1 } });
    expect(final.answered.map((r) => [r.line, r.status, r.error?.code])).toEqual([[3, 'refused', 'TARGET_INVALID_LABEL'], [4, 'repeat', 'DUPLICATE_TARGET'], [6, 'refused', 'TARGET_IP_ADDRESS']]);
    // One case per run (casesPerRun 1): the second was started by the run the first continued as.
    expect(final.run).toBe(1);
    const [first, second] = final.cases;
    expect(final.cases.map((x) => [x.caseId, x.targets])).toEqual([[`${operationId}-001`, 2], [`${operationId}-002`, 1]]);
    // Window 1: the second case started only once the first had looked up and captured all its targets.
    expect(first!.state).toBe('opened');
    expect(Date.parse(second!.startedAt!)).toBeGreaterThan(Date.parse(first!.startedAt!));

    const case1 = await t.env.client.workflow.getHandle(first!.workflowId).query(caseStatusQuery);
    expect(case1.targets.map((x) => [x.key, x.stage])).toEqual([[a, 'LEGAL_REVIEW'], [b, 'LEGAL_REVIEW']]);
    expect(case1.packageVersions[0]!.package).toMatchObject({ operationId, title: 'Cyber Monday sweep (part 1 of 2)', offence: 'Trafficking in counterfeit goods' });
    expect(case1.openedBy).toMatchObject({ id: coordinator.id });
    // The second case's target carries the operation too (it may still be starting when the operation returns).
    await waitFor('the operation on the second case\'s target', async () => (await t.env.client.workflow.getHandle(`domain:${c}`).describe().catch(() => undefined))?.typedSearchAttributes.get(searchAttributes.OperationId) === operationId);
    expect((await handle.query(operationStatusQuery)).timeline.map((e) => e.action)).toEqual(expect.arrayContaining([`case ${operationId}-002 started with 1 target(s)`]));
    await recordHistory('operation', handle);
    await recordHistory('operation-progress', t.env.client.workflow.getHandle(workflowIds.operationProgress(operationId)));
    for (const x of final.cases) await t.env.client.workflow.getHandle(x.workflowId).terminate('test over');
  });
});

test("an operation's window does not wait on a case nobody can find any more", async () => {
  const { caseOpening } = createTargetActivities({ client: t.env.client });
  expect(await caseOpening('case:NO-SUCH-CASE-EVER')).toEqual({ opening: 0, targets: 0, gone: true });
});

test("a case tells its operation when its targets have opened, so the next case starts without waiting for the window's poll", async () => {
  const [a, b] = [addShop(t.world), addShop(t.world, 'cheap-watches-')];
  // Polling once an hour: only the case's own word can free the window within the test.
  const operation = operationOf([a, b], { targetsPerCase: 1, window: 1, windowPollEvery: '1h' });
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(operationWorkflow, { taskQueue, workflowId: `operation:${operation.operationId}`, args: [{ operation, openedBy: coordinator }] });
    const final = await handle.result();
    // The operation ends once its last case has opened too: its page shows every case as it is.
    expect(final.cases.map((x) => x.state)).toEqual(['opened', 'opened']);
    expect(final.timeline.at(-1)?.action).toBe('every case has opened its targets');
    const case1 = await t.env.client.workflow.getHandle(final.cases[0]!.workflowId).query(caseStatusQuery);
    expect(case1.targets.map((x) => x.stage)).toEqual(['LEGAL_REVIEW']);
    for (const x of final.cases) await t.env.client.workflow.getHandle(x.workflowId).terminate('test over');
  });
});
