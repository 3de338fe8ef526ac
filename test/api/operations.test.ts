import type { OperationStatus } from '../../domain/operation';
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
