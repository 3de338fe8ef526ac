import type { CaseStatusView } from '../../domain/case-view';
import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

/**
 * A person whose request timed out or met a 503 sends it again. With the same Idempotency-Key the case acts
 * once and answers the first result; without one, the same request is a second action.
 */
const t = useApiTest();
const statusOf = async (caseId: string): Promise<CaseStatusView> => (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();

test('an amendment sent twice with one Idempotency-Key makes one new version and answers the same twice', async () => {
  const pkg = casePackage([shopUrl(t.api.world, addShop(t.api.world))]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the case open', async () => (await statusOf(pkg.caseId)).targets.length === 1);
  const amend = (key?: string) => t.api.call('rivera', {
    method: 'PUT', url: `/api/cases/${pkg.caseId}/package`, headers: key ? { 'idempotency-key': key } : {},
    payload: { package: { ...pkg, title: 'Counterfeit luxury handbags and wallets' }, note: 'wallets added' },
  });

  const first = await amend('amend-7f3a');
  const again = await amend('amend-7f3a');
  expect(first.statusCode).toBe(200);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toEqual(first.json());
  expect(first.json()).toMatchObject({ version: 2 });
  expect((await statusOf(pkg.caseId)).packageVersions).toHaveLength(2);

  // Another key, or none, is another request.
  expect((await amend('amend-9c01')).json()).toMatchObject({ version: 3 });
  expect((await amend()).json()).toMatchObject({ version: 4 });
  expect((await statusOf(pkg.caseId)).packageVersions).toHaveLength(4);
});

test('a malformed Idempotency-Key is refused, naming the header, and nothing is done', async () => {
  const pkg = casePackage([shopUrl(t.api.world, addShop(t.api.world))]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the case open', async () => (await statusOf(pkg.caseId)).targets.length === 1);
  const refused = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit`, headers: { 'idempotency-key': 'x'.repeat(201) } });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'Idempotency-Key': [expect.stringContaining('1 to 200')] } });
  expect((await statusOf(pkg.caseId)).stage).toBe('DRAFT');
});
