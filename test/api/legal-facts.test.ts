import { recordPublicationUpdate } from '../../domain/custody';
import { workflowIds } from '../../domain/ids';
import { recordWarrantUpdate } from '../../domain/case';
import type { CaseStatusView } from '../../domain/case-view';
import { casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { bannerRequest } from '../banner/http';
import { useApiTest, type Username } from './api-world';
import { domainInCustody, today } from './custody-fixtures';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const errorOf = (response: { statusCode: number; json: () => unknown }) => ({ status: response.statusCode, ...(response.json() as { error: object }).error });

test('a custody fact dated before the seizure or in the future is refused by the API and by the workflow; one dated today is recorded', async () => {
  const { domain, handle } = await domainInCustody(t.api);
  const post = (path: string, payload: object) => t.api.call('rivera', { method: 'POST', url: `/api/custody/${domain}/${path}`, payload });

  const backdated = await post('publication', { firstDay: day(-300) });
  expect(errorOf(backdated)).toMatchObject({ status: 422, code: 'FACT_DATE_OUT_OF_RANGE', fields: { firstDay: [expect.stringContaining('before the seizure')] } });
  const future = await post('personal-notice', { sentOn: day(3), to: ['registrant'] });
  expect(errorOf(future)).toMatchObject({ status: 422, code: 'FACT_DATE_OUT_OF_RANGE', fields: { sentOn: [expect.stringContaining('in the future')] } });
  const futureInstant = await post('claims', { claimant: 'Shop Owner Ltd.', filedOn: new Date(Date.now() + 3_600_000).toISOString() });
  expect(errorOf(futureInstant)).toMatchObject({ status: 422, code: 'FACT_DATE_OUT_OF_RANGE', fields: { filedOn: [expect.stringContaining('in the future')] } });

  // Straight to Temporal, past the API: the workflow's validator refuses it too, and nothing is recorded.
  await expect(handle.executeUpdate(recordPublicationUpdate, { args: [{ actor: counsel, firstDay: day(-300) }] }))
    .rejects.toMatchObject({ cause: { type: 'FACT_DATE_OUT_OF_RANGE', message: expect.stringContaining('before the seizure') } });
  const before = (await t.api.call('rivera', { method: 'GET', url: `/api/custody/${domain}` })).json();
  expect(before.forfeiture).toEqual({ claims: [], extensions: [] });

  const published = await post('publication', { firstDay: today() });
  expect(published.statusCode).toBe(200);
  expect(published.json().forfeiture.publication).toMatchObject({ firstDay: today() });
});

test('a warrant dated in the future, or expiring before its issue, is refused; the case\'s author may not record its warrant', async () => {
  const domain = addShop(t.api.world);
  const pkg = casePackage([shopUrl(t.api.world, domain)]);
  const caseOf = async (): Promise<CaseStatusView> => (await t.api.call('chen', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json();
  // A supervisor opens and submits the case; counsel approves it.
  expect((await t.api.call('chen', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the target at legal review', async () => (await caseOf()).targets[0]?.stage === 'LEGAL_REVIEW');
  expect((await t.api.call('chen', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` })).statusCode).toBe(200);
  expect((await t.api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion: 1 } })).statusCode).toBe(200);
  await waitFor('awaiting the warrant', async () => (await caseOf()).stage === 'AWAITING_WARRANT');
  const record = (user: 'chen' | 'okafor', overrides: object = {}) => t.api.call(user, { method: 'POST', url: `/api/cases/${pkg.caseId}/warrants`, payload: warrantFor([domain], overrides) });

  // The supervisor who opened the case may not also attest its warrant: a second person must.
  expect(errorOf(await record('chen'))).toMatchObject({ status: 403, code: 'FOUR_EYES', message: expect.stringContaining('may not record its warrant') });
  // The warrant dated 2027-01-15 of the hands-on run, and one dated three days ahead.
  expect(errorOf(await record('okafor', { issuedOn: '2027-01-15' }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: { issuedOn: [expect.stringContaining('future')] } });
  expect(errorOf(await record('okafor', { issuedOn: day(3) }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: { issuedOn: [expect.stringContaining('future')] } });
  expect(errorOf(await record('okafor', { issuedOn: day(-5), expiresOn: day(-6) }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', fields: { expiresOn: ['a warrant expires after the day it was issued'] } });
  // Straight to Temporal: the case's validator refuses the future date too.
  const handle = t.api.env.client.workflow.getHandle(workflowIds.case(pkg.caseId));
  await expect(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([domain], { issuedOn: '2027-01-15' }) }] }))
    .rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringContaining('in the future') } });
  expect((await caseOf()).warrants).toEqual([]);

  const made = await record('okafor', { issuedOn: day(-1), expiresOn: day(12) });
  expect(made.statusCode).toBe(201);
  expect(made.json()).toMatchObject({ warrantId: 'w1', actor: { id: 'okafor' }, warrant: { issuedOn: day(-1), expiresOn: day(12) } });
});

test('an administrative forfeiture waits for counsel: due, the banner unchanged, confirmed through the API, then FORFEITED and on the timeline', async () => {
  const { domain, handle } = await domainInCustody(t.api, { personalNoticeWithin: '1m', publicationFor: '1s', claimAfterPublication: '1s', claimAfterDirectNotice: '1s' });
  const post = (user: Username, path: string, payload: object) => t.api.call(user, { method: 'POST', url: `/api/custody/${domain}/${path}`, payload });
  const custody = async () => (await t.api.call('okafor', { method: 'GET', url: `/api/custody/${domain}` })).json();

  // Not due yet: there is nothing to confirm.
  expect(errorOf(await post('okafor', 'forfeiture/confirm', {}))).toMatchObject({ status: 409, code: 'WRONG_STATE', message: expect.stringContaining('no forfeiture is due') });
  expect((await post('rivera', 'personal-notice', { sentOn: today(), to: ['registrant'] })).statusCode).toBe(200);
  expect((await post('rivera', 'publication', { firstDay: today() })).statusCode).toBe(200);

  const due = await waitFor('the forfeiture due', async () => { const s = await custody(); return s.forfeiture.due ? s : undefined; });
  expect(due).toMatchObject({ state: 'IN_CUSTODY', bannerMode: 'seizure' });
  expect((await bannerRequest(t.api.world.banner.url, { host: domain })).body).toContain('data-takedown-banner="seizure"');
  expect(errorOf(await post('rivera', 'forfeiture/confirm', {}))).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED' });

  const confirmed = await post('okafor', 'forfeiture/confirm', { note: 'no claim on file at the deadline' });
  expect(confirmed.statusCode).toBe(200);
  expect(confirmed.json().forfeiture.confirmation).toMatchObject({ actor: { id: 'okafor', role: 'counsel' }, note: 'no claim on file at the deadline' });
  const final = await handle.result();
  expect(final).toMatchObject({ state: 'FORFEITED', bannerMode: 'public-service' });
  expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['forfeiture confirmed by AUSA Grace Okafor: no claim on file at the deadline']));
  expect((await bannerRequest(t.api.world.banner.url, { host: domain })).body).toContain('data-takedown-banner="public-service"');
});

test("judicial forfeiture (Rule G): the action's notice and publication follow the complaint; a claim's answer falls due and is alerted, then recorded", async () => {
  const { domain } = await domainInCustody(t.api, { personalNoticeWithin: '1m', clockAlertBefore: '1s', judicialClaimAfterPublication: '30s', judicialClaimAfterDirectNotice: '30s', judicialAnswerWithin: '2s' });
  const post = (user: Username, path: string, payload: object) => t.api.call(user, { method: 'POST', url: `/api/custody/${domain}/${path}`, payload });
  const custody = async () => (await t.api.call('okafor', { method: 'GET', url: `/api/custody/${domain}` })).json();

  // Before the complaint there is no action to give notice of or to claim in.
  expect(errorOf(await post('rivera', 'judicial/publication', { firstDay: today() }))).toMatchObject({ status: 409, code: 'WRONG_STATE', message: expect.stringContaining('no forfeiture complaint is recorded') });
  expect((await post('okafor', 'complaint', { filedOn: today(), docket: '1:26-cv-07731' })).statusCode).toBe(200);
  // Sent and published now: with this test's clocks, claims close 30 s later.
  expect((await post('rivera', 'judicial/notice', { sentOn: new Date().toISOString(), to: ['Lux Outlet LLC'] })).statusCode).toBe(200);
  const published = await post('rivera', 'judicial/publication', { firstDay: new Date().toISOString() });
  expect(published.statusCode).toBe(200);
  expect(published.json().clocks.judicialClaimDeadline).toEqual(expect.any(String));

  // A claim in the action: timely, and its answer falls due (here in 2 s), is alerted overdue, and is then recorded.
  const claimed = await post('rivera', 'judicial/claims', { claimant: 'Lux Outlet LLC', filedOn: new Date().toISOString() });
  expect(claimed.json().forfeiture.judicialClaims).toEqual([expect.objectContaining({ claimant: 'Lux Outlet LLC', timely: true })]);
  expect(errorOf(await post('rivera', 'judicial/answers', { claimant: 'Someone Else', filedOn: today() }))).toMatchObject({ status: 409, message: expect.stringContaining('no claim of Someone Else is recorded in the forfeiture action (Lux Outlet LLC)') });
  // Overdue: alerted, and the domain's deadline state (what the dashboard lists) is BREACHED.
  await waitFor('the answer overdue', async () => { const s = await custody(); return s.deadlineState === 'BREACHED' && s.alerts.some((a: { kind: string }) => a.kind === 'judicial-answer-overdue'); }, 30_000);
  const answered = await post('rivera', 'judicial/answers', { claimant: 'Lux Outlet LLC', filedOn: new Date().toISOString() });
  expect(answered.statusCode).toBe(200);
  expect(answered.json().clocks.judicialAnswerDue).toBeUndefined();
  expect((await custody()).timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining([expect.stringContaining('Lux Outlet LLC answered the complaint')]));
});
