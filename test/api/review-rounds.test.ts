import type { CaseStatusView } from '../../domain/case-view';
import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { type Username, useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

const statusOf = async (caseId: string): Promise<CaseStatusView> => (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();
const post = (user: Username, url: string, payload?: unknown) => t.api.call(user, { method: 'POST', url, payload });

async function openAndSubmit(targets = [shopUrl(t.api.world, addShop(t.api.world))], settings?: object) {
  const pkg = casePackage(targets);
  expect((await post('rivera', '/api/cases', { ...pkg, settings })).statusCode).toBe(201);
  await waitFor('targets listed', async () => (await statusOf(pkg.caseId)).targets.length === targets.length);
  expect((await post('rivera', `/api/cases/${pkg.caseId}/submit`)).statusCode).toBe(200);
  return pkg;
}

test('request changes, amend (a new version and round), then reject: each round decided on its own workflow', async () => {
  const pkg = await openAndSubmit();
  const changes = await post('lindqvist', `/api/cases/${pkg.caseId}/decision`, { decision: 'request-changes', packageVersion: 1, changes: 'Add the second undercover purchase.' });
  expect(changes.statusCode).toBe(200);
  await waitFor('changes requested', async () => (await statusOf(pkg.caseId)).stage === 'CHANGES_REQUESTED');

  // Deciding again is refused: the round has ended.
  const twice = await post('okafor', `/api/cases/${pkg.caseId}/decision`, { decision: 'approve', packageVersion: 1 });
  expect(twice.statusCode).toBe(409);
  expect(twice.json().error.code).toBe('ALREADY_DECIDED');

  const amended = { ...pkg, evidence: { ...pkg.evidence, summary: 'Three undercover purchases delivered counterfeit handbags; the rights holder confirmed all.' } };
  const amend = await t.api.call('rivera', { method: 'PUT', url: `/api/cases/${pkg.caseId}/package`, payload: { package: amended, note: 'second purchase added' } });
  expect(amend.statusCode).toBe(200);
  expect(amend.json()).toMatchObject({ version: 2, by: { id: 'rivera' }, note: 'second purchase added' });
  const round2 = await waitFor('round 2', async () => { const s = await statusOf(pkg.caseId); return s.round === 2 && s; });
  expect(round2.rounds.map((r) => [r.round, r.packageVersion, r.outcome])).toEqual([[1, 1, 'request-changes'], [2, 2, undefined]]);
  expect(round2.packageVersions.at(-1)!.package.evidence.summary).toContain('Three undercover purchases');

  const reject = await post('okafor', `/api/cases/${pkg.caseId}/decision`, { decision: 'reject', packageVersion: 2, reason: 'The evidence does not tie the shop to the seller.' });
  expect(reject.statusCode).toBe(200);
  expect(reject.json()).toMatchObject({ round: 2, decision: { decision: 'reject' }, actor: { id: 'okafor' } });
  await waitFor('rejected', async () => (await statusOf(pkg.caseId)).stage === 'REJECTED');
});

test('four eyes: a supervisor who amended the package may not decide it; the refusal carries its catalogue code', async () => {
  const pkg = await openAndSubmit();
  const amend = await t.api.call('chen', { method: 'PUT', url: `/api/cases/${pkg.caseId}/package`, payload: { package: { ...pkg, title: 'Counterfeit luxury handbags and wallets' }, note: 'wallets added to the title' } });
  expect(amend.statusCode).toBe(200);
  await waitFor('round 2', async () => (await statusOf(pkg.caseId)).round === 2);
  const own = await post('chen', `/api/cases/${pkg.caseId}/decision`, { decision: 'approve', packageVersion: 2 });
  expect(own.statusCode).toBe(403);
  expect(own.json().error.code).toBe('FOUR_EYES');
});

test('withdraw a target; an unknown one is refused with UNKNOWN_TARGET', async () => {
  const domain = addShop(t.api.world);
  const pkg = await openAndSubmit([shopUrl(t.api.world, domain)]);
  const unknown = await post('rivera', `/api/cases/${pkg.caseId}/targets/nothing-here.com/withdraw`, { reason: 'wrong shop' });
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json().error.code).toBe('UNKNOWN_TARGET');
  const noReason = await post('rivera', `/api/cases/${pkg.caseId}/targets/${domain}/withdraw`, { reason: '' });
  expect(noReason.statusCode).toBe(400);
  expect(noReason.json().error.fields).toEqual({ reason: ['a withdrawal needs a reason'] });
  const withdrawn = await post('rivera', `/api/cases/${pkg.caseId}/targets/${domain}/withdraw`, { reason: 'the shop belongs to a cooperating witness' });
  expect(withdrawn.statusCode).toBe(200);
  expect(withdrawn.json().key).toBe(domain);
  await waitFor('withdrawn', async () => (await statusOf(pkg.caseId)).targets[0]!.stage === 'WITHDRAWN');
});

test('an expired review is reopened by the agent: a new round on the same version', async () => {
  const pkg = await openAndSubmit(undefined, { reviewReminderEvery: '1h', reviewEscalateAfter: '1h', reviewExpireAfter: '1s' });
  const early = await post('rivera', `/api/cases/${pkg.caseId}/reopen`, { reason: 'counsel was on leave' });
  expect([409, 200]).toContain(early.statusCode); // it may already have expired on a slow machine
  if (early.statusCode === 409) {
    expect(early.json().error.code).toBe('WRONG_STATE');
    await waitFor('review expired', async () => (await statusOf(pkg.caseId)).stage === 'REVIEW_EXPIRED');
    const reopened = await post('rivera', `/api/cases/${pkg.caseId}/reopen`, { reason: 'counsel was on leave' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ round: 2, packageVersion: 1 });
  }
  const status = await statusOf(pkg.caseId);
  expect(status.rounds[0]!.outcome).toBe('expired');
  expect((status as CaseStatusView & { review?: unknown }).review).toMatchObject({ round: 2 });
});

test('cases are listed by stage and by who opened them; unknown cases and bad IDs are named', async () => {
  const pkg = await openAndSubmit();
  const queue = await waitFor('in the review queue', async () => {
    const rows = (await t.api.call('okafor', { method: 'GET', url: '/api/cases?stage=IN_REVIEW' })).json().cases as { caseId: string }[];
    return rows.some((r) => r.caseId === pkg.caseId) && rows;
  });
  expect(queue.find((r) => r.caseId === pkg.caseId)).toMatchObject({ stage: 'IN_REVIEW', title: pkg.title, openedBy: { id: 'rivera', name: 'Special Agent Dana Rivera' }, running: true });
  expect(((await t.api.call('rivera', { method: 'GET', url: '/api/cases?mine=true' })).json().cases as { caseId: string }[]).some((r) => r.caseId === pkg.caseId)).toBe(true);
  expect(((await t.api.call('chen', { method: 'GET', url: '/api/cases?mine=true' })).json().cases as { caseId: string }[]).some((r) => r.caseId === pkg.caseId)).toBe(false);

  const missing = await t.api.call('rivera', { method: 'GET', url: '/api/cases/NO-SUCH-CASE-1' });
  expect(missing.statusCode).toBe(404);
  expect(missing.json().error.code).toBe('NOT_FOUND');
  const badId = await t.api.call('rivera', { method: 'GET', url: '/api/cases/x' });
  expect(badId.statusCode).toBe(400);
  expect(badId.json().error.fields).toHaveProperty('caseId');
  const noTarget = await t.api.call('rivera', { method: 'GET', url: '/api/targets/never-added-anywhere.com' });
  expect(noTarget.statusCode).toBe(404);
  const notATarget = await t.api.call('rivera', { method: 'GET', url: '/api/targets/192.0.2.1' });
  expect(notATarget.statusCode).toBe(422);
  expect(notATarget.json().error.code).toBe('TARGET_IP_ADDRESS');
  const quote = await t.api.call('patel', { method: 'GET', url: `/api/targets?registrar=${encodeURIComponent("x' OR 1=1")}` });
  expect(quote.statusCode).toBe(400);
  expect(quote.json().error.fields).toHaveProperty('registrar');
});

test('validation errors name each field; the workflow never sees a malformed package', async () => {
  const pkg = casePackage(['example.com']);
  const bad = await post('rivera', '/api/cases', { ...pkg, statutes: ['section 2320'], contact: { name: 'D', email: 'not-an-email' }, targets: [] });
  expect(bad.statusCode).toBe(400);
  const { fields, message } = bad.json().error;
  expect(Object.keys(fields).sort()).toEqual(['contact.email', 'statutes.0', 'targets']);
  expect(message).toContain('statutes.0: must be cited as "18 U.S.C. § 2320"');
  const badDecision = await post('okafor', `/api/cases/${pkg.caseId}/decision`, { decision: 'reject', packageVersion: 1 });
  expect(badDecision.statusCode).toBe(400);
  expect(badDecision.json().error.fields).toHaveProperty('reason');
  const notJson = await t.api.call('rivera', { method: 'POST', url: '/api/cases', headers: { 'content-type': 'application/json' }, payload: '{"caseId":' });
  expect(notJson.statusCode).toBe(400);
  expect(notJson.json().error.code).toBe('VALIDATION_FAILED');
});
