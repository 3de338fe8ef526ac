import type { CaseStatusView } from '../../domain/case-view';
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
  const status: CaseStatusView = (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();
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
  expect(((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatusView).packageVersion).toBe(1);
});

test('targets cannot be added once the case is approved: the whole request is refused with WRONG_STATE', async () => {
  const caseId = await openCase();
  await waitFor('targets listed', async () => ((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatusView).targets.every((t) => t.stage !== 'STARTING'));
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/submit` })).statusCode).toBe(200);
  expect((await t.api.call('okafor', { method: 'POST', url: `/api/cases/${caseId}/decision`, payload: { decision: 'approve', packageVersion: 1 } })).statusCode).toBe(200);
  await waitFor('approved', async () => ((await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatusView).stage === 'AWAITING_WARRANT');
  const late = await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets`, payload: { targets: [addShop(t.api.world)] } });
  expect(late.statusCode).toBe(409);
  expect(late.json().error.code).toBe('WRONG_STATE');
});

test("a case's page lists targets by name; its page of targets holds each in full, by position or by key, to members only", async () => {
  const caseId = await openCase();
  const shops = [addShop(t.api.world, 'page-a-'), addShop(t.api.world, 'page-b-'), addShop(t.api.world, 'page-c-')];
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/targets`, payload: { targets: shops.map((s) => shopUrl(t.api.world, s)) } })).statusCode).toBe(200);
  const view: CaseStatusView = await waitFor('every target looked up and captured', async () => {
    const s: CaseStatusView = (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();
    return s.targets.length === 4 && s.targets.every((x) => x.stage === 'LEGAL_REVIEW' && x.registrar) && s;
  }, 60_000);
  // The case's page names each registrar and registry, and no target's registration or evidence in full.
  for (const line of view.targets) {
    expect(line.registrar).toEqual(expect.any(String));
    expect(line).not.toHaveProperty('registration');
    expect(line).not.toHaveProperty('evidence');
  }
  // In the order added, two at a time: the second page holds the third and fourth, each in full.
  const page = (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}/targets?offset=2&limit=2` })).json();
  expect(page).toMatchObject({ total: 4, offset: 2, limit: 2 });
  expect(page.targets.map((x: { key: string }) => x.key)).toEqual(view.targets.slice(2).map((x) => x.key));
  for (const entry of page.targets) {
    expect(entry.registration.registrar.name).toBe(view.targets.find((x) => x.key === entry.key)!.registrar);
    expect(entry.evidence[0]).toMatchObject({ status: 200, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }
  // By key: only those named, whatever their position; a key the case does not hold is left out.
  const byKey = (await t.api.call('patel', { method: 'GET', url: `/api/cases/${caseId}/targets?key=${shops[2]},nowhere.example` })).json();
  expect(byKey.targets.map((x: { key: string }) => x.key)).toEqual([shops[2]]);
  // A page larger than allowed is refused for what it is; another team's agent may not read the case's targets.
  const tooMany = await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}/targets?limit=501` });
  expect(tooMany.statusCode).toBe(400);
  expect(tooMany.json().error.message).toContain('limit');
  const outsider = await t.api.call('moreau', { method: 'GET', url: `/api/cases/${caseId}/targets` });
  expect(outsider.json()).toEqual({ error: { code: 'NOT_FOUND', message: `no such workflow: case:${caseId}` } });
  expect(outsider.statusCode).toBe(404);
});
