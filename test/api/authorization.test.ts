import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CaseStatusView } from '../../domain/case-view';
import { allowed, caseActions, permissions, type Action } from '../../src/api/permissions';
import { casePackage, operationOf, warrantFor } from '../helpers/case-fixtures';
import { bundleWorkflows, connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { roleOf, startApiWorld, teamOf, type ApiWorld, type Username } from './api-world';
import type { CallOptions } from './http';
import { domainInCustody, today } from './custody-fixtures';
import { addShop, shopUrl } from './domains';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let api: ApiWorld;
let caseId: string;
let domain: string;
let seized: string;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
  api = await startApiWorld(env, bundle);
  // One case in review, opened by the agent: every action below is tried on it by every role.
  domain = addShop(api.world);
  const pkg = casePackage([shopUrl(api.world, domain)]);
  caseId = pkg.caseId;
  await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg });
  await waitFor('targets listed', async () => ((await api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json() as CaseStatusView).targets.length === 1);
  expect((await api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/submit` })).statusCode).toBe(200);
  // And one seized domain in custody, for the custody actions.
  seized = (await domainInCustody(api)).domain;
});
afterAll(async () => {
  await api?.close();
  await env?.teardown();
});

/**
 * One request per action, harmless to repeat: stale versions, unknown targets and unapproved warrants
 * reach the workflow (so its own role rules are exercised too) without moving the case on.
 */
const requests: Record<Action, () => CallOptions> = {
  openCase: () => ({ method: 'POST', url: '/api/cases', payload: casePackage([`${unique('never-registered-')}.com`]) }),
  addTargets: () => ({ method: 'POST', url: `/api/cases/${caseId}/targets`, payload: { targets: ['192.0.2.1'] } }),
  submitForReview: () => ({ method: 'POST', url: `/api/cases/${caseId}/submit` }),
  amendPackage: () => ({ method: 'PUT', url: `/api/cases/${caseId}/package`, payload: { package: { ...casePackage([domain]), caseId }, note: 'no change, a new version' } }),
  reopenReview: () => ({ method: 'POST', url: `/api/cases/${caseId}/reopen`, payload: { reason: 'counsel was away' } }),
  withdrawTarget: () => ({ method: 'POST', url: `/api/cases/${caseId}/targets/not-in-this-case.com/withdraw`, payload: { reason: 'wrong shop' } }),
  targetTasks: () => ({ method: 'POST', url: `/api/targets/${domain}/portal-submission`, payload: { kind: 'takedown', reference: 'LERS-1', submittedAt: '2026-11-20T10:00:00Z' } }),
  decide: () => ({ method: 'POST', url: `/api/cases/${caseId}/decision`, payload: { decision: 'approve', packageVersion: 999 } }),
  recordWarrant: () => ({ method: 'POST', url: `/api/cases/${caseId}/warrants`, payload: warrantFor([domain]) }),
  normalize: () => ({ method: 'POST', url: '/api/normalize', payload: { inputs: ['example.com'] } }),
  viewCases: () => ({ method: 'GET', url: `/api/cases/${caseId}` }),
  viewTargets: () => ({ method: 'GET', url: `/api/targets?case=${caseId}` }),
  viewMetrics: () => ({ method: 'GET', url: `/api/metrics?case=${caseId}` }),
  exportReport: () => ({ method: 'GET', url: `/api/report?format=csv&case=${caseId}` }),
  viewCustody: () => ({ method: 'GET', url: `/api/custody/${seized}` }),
  startOperation: () => ({ method: 'POST', url: '/api/operations', payload: operationOf([`${unique('never-registered-')}.com`]) }),
  viewOperations: () => ({ method: 'GET', url: '/api/operations/OP-NONE-SUCH' }),
  decodePayloads: () => ({ method: 'POST', url: '/codec/decode', payload: { payloads: [] } }),
  // Recorded once, then refused as recorded already; an extension with no complaint clock running is refused too.
  recordCustodyFact: () => ({ method: 'POST', url: `/api/custody/${seized}/personal-notice`, payload: { sentOn: today(), to: ['registrant'] } }),
  recordCourtAct: () => ({ method: 'POST', url: `/api/custody/${seized}/extensions`, payload: { clock: 'complaint', until: '2027-12-31', sealed: true, order: '26-MJ-1 (sealed)' } }),
  // Assigns the counsel the case has in its team already: a change that moves nothing on.
  setCaseMembership: () => ({ method: 'PUT', url: `/api/cases/${caseId}/membership`, payload: { counsel: 'okafor' } }),
  // Leads: a lead of one's own; the list; triage of a lead that does not exist (refused as NOT_FOUND past the role check).
  submitLead: () => ({ method: 'POST', url: '/api/leads', payload: { summary: 'authorization check', text: 'a shop worth a look' } }),
  viewLeads: () => ({ method: 'GET', url: '/api/leads' }),
  triageLead: () => ({ method: 'POST', url: '/api/leads/LEAD-999999/triage' }),
  // Dissemination and outreach: a dissemination and an event that do not exist (NOT_FOUND past the role check); the list.
  disseminate: () => ({ method: 'GET', url: '/api/disseminations/DIS-999999' }),
  recordOutreach: () => ({ method: 'POST', url: '/api/outreach/OUT-999999/outcomes', payload: { kind: 'other', date: '2026-01-02', organisation: 'Example Platform', description: 'authorization check' } }),
  viewOutreach: () => ({ method: 'GET', url: '/api/outreach' }),
};

/**
 * The third dimension: membership. The case and the custody record belong to team miami-ipr (rivera's); moreau
 * (agent) and haddad (counsel) are of newark-ipr, so for every action on a case they are answered where their
 * role alone would let them exactly as for a case (target, custody record) that does not exist: 404 NOT_FOUND,
 * the same body but for the ID, so a non-member cannot tell an existing case ID from a missing one.
 * Coordinators and supervisors act on every case as their role allows.
 */
const users: Username[] = ['rivera', 'okafor', 'lindqvist', 'moreau', 'haddad', 'patel', 'chen', 'vantage'];
const readsEveryCase = (user: Username) => roleOf[user] === 'coordinator' || roleOf[user] === 'supervisor';
const isMember = (user: Username) => readsEveryCase(user) || teamOf[user] === 'miami-ipr';
type Expected = 'allowed' | 'ROLE_NOT_ALLOWED' | 'as if missing';
const expectedFor = (action: Action, user: Username): Expected =>
  !allowed(action, roleOf[user] as never) ? 'ROLE_NOT_ALLOWED' : caseActions.includes(action) && !isMember(user) ? 'as if missing' : 'allowed';

/** The same request with the case, the target and the seized domain replaced by IDs that exist nowhere. */
async function withMissingIds<T>(call: () => Promise<T>): Promise<{ result: T; ids: Record<string, string> }> {
  const real = { caseId, domain, seized };
  const ids = { [caseId]: casePackage(['example.com']).caseId, [domain]: `${unique('never-opened-')}.com`, [seized]: `${unique('never-seized-')}.com` };
  [caseId, domain, seized] = [ids[caseId]!, ids[domain]!, ids[seized]!];
  try {
    return { result: await call(), ids };
  } finally {
    ({ caseId, domain, seized } = real);
  }
}
const matrix = (Object.keys(permissions) as Action[]).flatMap((action) => users.map((user) => [action, user, roleOf[user]!, isMember(user) ? 'member' : 'not a member', expectedFor(action, user)] as const));

test('the matrix covers every action, every role, and members and non-members of each role that acts on its own cases', () => {
  expect(new Set(matrix.map(([action]) => action))).toEqual(new Set(Object.keys(requests)));
  expect(new Set(matrix.map(([, , role]) => role))).toEqual(new Set(['agent', 'counsel', 'coordinator', 'supervisor', 'partner']));
  for (const role of ['agent', 'counsel']) expect(new Set(matrix.filter(([, , r]) => r === role).map(([, , , member]) => member))).toEqual(new Set(['member', 'not a member']));
  // Every case action is allowed to someone (and answered as if missing to the non-members of a role that may take it).
  for (const action of caseActions) expect(matrix.some(([a, , , , expected]) => a === action && expected === 'allowed')).toBe(true);
});

test.each(matrix)('%s as %s (%s, %s): %s', async (action, user, _role, _member, expected) => {
  const response = await api.call(user, requests[action]());
  const code = response.statusCode >= 400 ? (response.json() as { error: { code: string } }).error.code : undefined;
  if (expected === 'allowed') {
    // Past the API's checks and the workflow's own role and membership rules; a business refusal (stale version, wrong state) is fine.
    expect(['ROLE_NOT_ALLOWED', 'NOT_A_MEMBER']).not.toContain(code);
    expect(response.statusCode).not.toBe(401);
    expect(response.statusCode).toBeLessThan(500);
  } else if (expected === 'as if missing') {
    // Exactly what the same person is told for IDs that exist nowhere: the status, the code, the message but for the ID.
    const { result: missing, ids } = await withMissingIds(() => api.call(user, requests[action]()));
    expect(missing.statusCode).toBe(404);
    let shown = response.body;
    for (const [id, missingId] of Object.entries(ids)) shown = shown.replaceAll(id, missingId);
    expect([response.statusCode, JSON.parse(shown)]).toEqual([404, missing.json()]);
    expect(code).toBe('NOT_FOUND');
  } else {
    expect(response.statusCode).toBe(403);
    expect(code).toBe(expected);
  }
});

test.each(Object.keys(requests) as Action[])('%s without a token is refused with 401', async (action) => {
  const response = await api.call(null, requests[action]());
  expect(response.statusCode).toBe(401);
  expect(response.json().error.code).toBe('UNAUTHENTICATED');
});

test('a forged or foreign token is refused, and an actor in the body is never used', async () => {
  const [header, payload] = api.tokens.rivera.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const promoted = `${header}.${Buffer.from(JSON.stringify({ ...claims, roles: ['counsel'] })).toString('base64url')}.${api.tokens.rivera.split('.')[2]}`;
  const forged = await api.call(null, { ...requests.decide(), headers: { authorization: `Bearer ${promoted}` } });
  expect(forged.statusCode).toBe(401);
  expect(forged.json().error.message).toContain('signature');
  const withActor = await api.call('rivera', { method: 'POST', url: `/api/cases/${caseId}/decision`, payload: { decision: 'approve', packageVersion: 1, actor: { id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel' } } });
  expect(withActor.statusCode).toBe(403);
  expect(withActor.json().error.code).toBe('ROLE_NOT_ALLOWED');
});
