import type { CaseStatus } from '../../domain/records';
import type { ImportReport } from '../../src/api/cases/add-targets';
import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

async function openCase(): Promise<string> {
  const pkg = casePackage([shopUrl(t.api.world, addShop(t.api.world))]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  return pkg.caseId;
}

test('a CSV import answers every row: good rows started, bad rows refused with their reason, repeats flagged, none dropped', async () => {
  const caseId = await openCase();
  const [a, b] = [addShop(t.api.world, 'cheap-watches-'), addShop(t.api.world, 'replica-bags-')];
  const csv = [
    'target,note',
    `${shopUrl(t.api.world, a)},first shop`,
    '# a comment line is skipped',
    '192.0.2.7,an IP address',
    '"https://www.' + b + '/shop?x=1,2",quoted with a comma',
    ',an empty target',
    `${a.toUpperCase()},the first shop again`,
    'com,a bare TLD',
    'https://twitter.com/cheapkicks,a profile',
    '',
  ].join('\r\n');
  const response = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets/import`, payload: { format: 'csv', content: csv } });
  expect(response.statusCode).toBe(200);
  const report: ImportReport = response.json();
  expect(report.rows.map((r) => [r.line, r.status, r.error?.code])).toEqual([
    [2, 'started', undefined],
    [4, 'refused', 'TARGET_IP_ADDRESS'],
    [5, 'started', undefined],
    [6, 'refused', 'TARGET_EMPTY'],
    [7, 'duplicate', 'DUPLICATE_TARGET'],
    [8, 'refused', 'TARGET_BARE_TLD'],
    [9, 'started', undefined],
  ]);
  expect(report.counts).toEqual({ started: 3, refused: 3, duplicate: 1 });
  expect(report.rows[0]).toMatchObject({ key: a, workflowId: `domain:${a}` });
  expect(report.rows[1]!.error!.message).toContain('192.0.2.7');

  // The started rows are in the case (with the package's first target), and their workflows run.
  const status: CaseStatus = (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();
  expect(status.targets.map((t) => t.key)).toEqual(expect.arrayContaining([a, b, 'x:cheapkicks']));
  expect(status.packageVersion).toBe(2);
  await waitFor('the imported domains looked up', async () => {
    const rows = (await t.api.call('patel', { method: 'GET', url: `/api/targets?case=${caseId}&kind=domain` })).json().targets as { key: string; registrar?: string }[];
    return [a, b].every((d) => rows.some((r) => r.key === d && r.registrar));
  });
});

test('a JSON import and a pasted list give the same per-row report', async () => {
  const caseId = await openCase();
  const good = addShop(t.api.world, 'fake-perfume-');
  const json = JSON.stringify([good, { target: 'not a domain at all' }, { domain: 'http://' }, 42]);
  const report: ImportReport = (await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets/import`, payload: { format: 'json', content: json } })).json();
  expect(report.rows.map((r) => [r.line, r.status])).toEqual([[1, 'started'], [2, 'refused'], [3, 'refused'], [4, 'refused']]);
  expect(report.rows[3]!.error!.code).toBe('TARGET_EMPTY');

  const pasted: ImportReport = (await t.api.call('patel', { method: 'POST', url: `/api/cases/${caseId}/targets`, payload: { targets: [good, 'mooo.com.example.invalid'] } })).json();
  expect(pasted.rows.map((r) => r.status)).toEqual(['duplicate', 'refused']);
});

test('an unreadable file is refused naming the field, and the case is left as it was', async () => {
  const caseId = await openCase();
  const broken = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets/import`, payload: { format: 'json', content: '[not json' } });
  expect(broken.statusCode).toBe(400);
  expect(broken.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { content: [expect.stringContaining('not valid JSON')] } });
  const wrongFormat = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets/import`, payload: { format: 'xlsx', content: 'x' } });
  expect(wrongFormat.statusCode).toBe(400);
  expect(Object.keys(wrongFormat.json().error.fields)).toEqual(['format']);
  expect(((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatus).packageVersion).toBe(1);
});

test('targets cannot be added once the case is approved: the whole request is refused with WRONG_STATE', async () => {
  const caseId = await openCase();
  await waitFor('targets listed', async () => ((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatus).targets.every((t) => t.stage !== 'STARTING'));
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/submit` })).statusCode).toBe(200);
  expect((await t.api.call('okafor', { method: 'POST', url: `/api/cases/${caseId}/decision`, payload: { decision: 'approve', packageVersion: 1 } })).statusCode).toBe(200);
  await waitFor('approved', async () => ((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatus).stage === 'AWAITING_WARRANT');
  const late = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets`, payload: { targets: [addShop(t.api.world)] } });
  expect(late.statusCode).toBe(409);
  expect(late.json().error.code).toBe('WRONG_STATE');
});
