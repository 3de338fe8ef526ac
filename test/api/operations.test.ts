import { workflowIds } from '../../domain/ids';
import type { OperationStatus } from '../../domain/operation';
import { type MachineEstimate, type OperationSample, type OperationSeries } from '../../domain/operation-progress';
import { unique } from '../helpers/temporal';
import { maxTargetsPerCase } from '../../domain/case-package';
import { casePackage, operationOf } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

test('a coordinator starts an operation: every row answered at once, the cases started in the background, its status readable', async () => {
  const [a, b] = [addShop(t.api.world), addShop(t.api.world, 'cheap-watches-')];
  const operation = operationOf([shopUrl(t.api.world, a), 'http://', b, b], { targetsPerCase: 1, windowPollEvery: '200ms' });
  const started = await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: operation });
  expect(started.statusCode).toBe(201);
  const answer = started.json();
  expect(answer.rows.map((r: { line: number; status: string; caseId?: string }) => [r.line, r.status, r.caseId])).toEqual([
    [1, 'planned', `${operation.operationId}-001`], [2, 'refused', undefined], [3, 'planned', `${operation.operationId}-002`], [4, 'repeat', undefined],
  ]);
  expect(answer.cases).toEqual([{ caseId: `${operation.operationId}-001`, targets: 1 }, { caseId: `${operation.operationId}-002`, targets: 1 }]);

  const status: OperationStatus = await waitFor('the operation started its cases', async () => {
    const s = (await t.api.call('chen', { method: 'GET', url: `/api/operations/${operation.operationId}` })).json() as OperationStatus;
    return s.state === 'STARTED' && s;
  }, 60_000);
  expect(status).toMatchObject({ openedBy: { id: 'patel', role: 'coordinator' }, rows: { total: 4, planned: 2, refused: 1, repeats: 1 } });
  // Its cases are ordinary cases of the operation: listed by it, waiting for the package to be submitted.
  // Listing goes through Temporal's visibility, which follows a just-started case a moment later.
  const listed = async () => ((await t.api.call('patel', { method: 'GET', url: `/api/cases?operation=${operation.operationId}` })).json().cases as { caseId: string }[]).map((c) => c.caseId).sort();
  await waitFor('both cases listed by the operation', async () => (await listed()).length === 2);
  expect(await listed()).toEqual([`${operation.operationId}-001`, `${operation.operationId}-002`]);
  const targets = await waitFor('the targets listed by operation', async () => { const r = (await t.api.call('patel', { method: 'GET', url: `/api/targets?operation=${operation.operationId}` })).json().targets as { key: string }[]; return r.length === 2 && r; });
  expect(targets.map((x) => x.key).sort()).toEqual([a, b].sort());
}, 90_000);

test('who may start one, what is refused, and why', async () => {
  const operation = operationOf(['shop-one.com']);
  const byAgent = await t.api.call('rivera', { method: 'POST', url: '/api/operations', payload: operation });
  expect(byAgent.statusCode).toBe(403);
  expect(byAgent.json().error.code).toBe('ROLE_NOT_ALLOWED');
  const tooBig = await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: { ...operation, targetsPerCase: maxTargetsPerCase + 1 } });
  expect(tooBig.statusCode).toBe(400);
  expect(tooBig.json().error.fields).toHaveProperty('targetsPerCase');
  expect((await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: operation })).statusCode).toBe(201);
  const again = await t.api.call('chen', { method: 'POST', url: '/api/operations', payload: operation });
  expect(again.statusCode).toBe(409);
  expect(again.json().error).toMatchObject({ code: 'OPERATION_EXISTS', message: `operation ${operation.operationId} exists already; choose another ID` });
  expect((await t.api.call('patel', { method: 'GET', url: '/api/operations/OP-NONE-SUCH' })).json().error).toMatchObject({ code: 'NOT_FOUND' });

  // One case holds at most maxTargetsPerCase targets: a larger list is an operation.
  const big = casePackage(Array.from({ length: maxTargetsPerCase + 1 }, (_, i) => `shop-${i}.com`));
  const refused = await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: big });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error.fields.targets).toEqual([`a case holds at most ${maxTargetsPerCase} targets; start an operation for a larger sweep`]);
});

interface Progress {
  now: OperationSample;
  series: { everyMs: number; samples: OperationSample[] };
  needsPerson: { total: number; failed: number; breached: number; manualLookup: number; portalSubmission: number; allChecked: boolean };
  refused: number;
  machine: MachineEstimate;
}

test("an operation's progress: its targets by stage now and over time, who needs a person, its refusals, the machine side's end", async () => {
  const [a, b] = [addShop(t.api.world), addShop(t.api.world, 'cheap-watches-')];
  // No registry answers for .gy: the target waits in LOOKUP with a manual-lookup task for a person.
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  // The sweep is for rivera's team: she reads its progress below (an operation is its team's, see case-membership.test.ts).
  const operation = operationOf([shopUrl(t.api.world, a), 'http://', b, b, noRegistry], { targetsPerCase: 2, windowPollEvery: '200ms', sampleEvery: '1s', team: 'miami-ipr' });
  expect((await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: operation })).statusCode).toBe(201);
  const progress = async () => {
    const response = await t.api.call('patel', { method: 'GET', url: `/api/operations/${operation.operationId}/progress` });
    expect(response.statusCode).toBe(200);
    return response.json() as Progress;
  };

  // Nobody submitted the cases: the shops wait for legal review, the .gy domain for its manual lookup. The
  // operation may record that it started a case a moment after that case's targets have moved (its own task
  // runs later on a busy server): settled is when it has, too.
  const settled = await waitFor('two targets at legal review, one manual lookup, every case started', async () => {
    const p = await progress();
    return p.now.byStage.LEGAL_REVIEW === 2 && p.now.tasks.manualLookup === 1 && p.now.waiting === 0 && p;
  }, 60_000);
  expect(settled.now).toMatchObject({ total: 3, running: 3, waiting: 0, machine: 1, byStage: { LEGAL_REVIEW: 2, LOOKUP: 1 }, tasks: { manualLookup: 1, portalSubmission: 0, checked: 1, candidates: 1 } });
  expect(Object.values(settled.now.byStage).reduce((n, c) => n + c, 0)).toBe(settled.now.total);
  expect(settled.needsPerson).toEqual({ total: 1, failed: 0, breached: 0, manualLookup: 1, portalSubmission: 0, allChecked: true });
  expect(settled.refused).toBe(1);
  // The target left waiting for a person is not the machine's: nothing is left to look up or capture.
  expect(settled.machine).toMatchObject({ state: 'done', remaining: 0 });

  // Over time: the samples the operation's progress workflow keeps, in order, each adding up.
  // A sample is some 25 visibility counts: on a busy machine the first may already show the legal review, so
  // the series is read until it holds more than one.
  const series = await waitFor('a sample showing the legal review, and a series of more than one', async () => {
    const p = await progress();
    return p.series.samples.some((s) => s.byStage.LEGAL_REVIEW === 2) && p.series.samples.length >= 2 && p.series;
  }, 30_000);
  expect(series.everyMs).toBe(1000);
  for (const s of series.samples) {
    expect(Object.values(s.byStage).reduce((n, c) => n + c, 0)).toBe(s.total);
    expect(s.waiting + s.total).toBeLessThanOrEqual(3);
  }
  const times = series.samples.map((s) => Date.parse(s.at));
  expect(times).toEqual([...times].sort((x, y) => x - y));
  expect(series.samples.length).toBeGreaterThanOrEqual(2);

  const listed = await waitFor('the operation listed', async () => {
    const r = (await t.api.call('chen', { method: 'GET', url: '/api/operations' })).json().operations as { operationId: string; title?: string }[];
    return r.find((o) => o.operationId === operation.operationId);
  });
  expect(listed).toMatchObject({ title: 'Cyber Monday sweep' });
  expect((await t.api.call('rivera', { method: 'GET', url: `/api/operations/${operation.operationId}/progress` })).statusCode).toBe(200);
  expect((await t.api.call('patel', { method: 'GET', url: '/api/operations/OP-NONE-SUCH/progress' })).json().error).toMatchObject({ code: 'NOT_FOUND' });
}, 120_000);

test('a target failed to a person counts as needing one; once no target runs, the operation stops counting and ends', async () => {
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  const operation = { ...operationOf([noRegistry], { sampleEvery: '1s', windowPollEvery: '200ms' }), settings: { manualTaskExpireAfter: '1s' } };
  expect((await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: operation })).statusCode).toBe(201);
  const counting = t.api.env.client.workflow.getHandle(workflowIds.operationProgress(operation.operationId));
  await waitFor('the operation to start counting', () => counting.describe().then(() => true));
  const ended: OperationSeries = await counting.result();
  const last = ended.samples.at(-1)!;
  expect(last).toMatchObject({ total: 1, running: 0, byStage: { FAILED_NEEDS_ATTENTION: 1 } });
  const p = (await t.api.call('patel', { method: 'GET', url: `/api/operations/${operation.operationId}/progress` })).json() as Progress;
  expect(p.needsPerson).toMatchObject({ total: 1, failed: 1 });
  expect(p.machine.state).toBe('done');
}, 90_000);
