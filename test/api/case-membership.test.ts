import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../../domain/actors';
import { workflowIds } from '../../domain/ids';
import { decideLegalReviewUpdate } from '../../domain/review';
import { withdrawTargetUpdate } from '../../domain/case';
import type { CaseStatusView } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import { casePackage, operationOf } from '../helpers/case-fixtures';
import { recordHistory } from '../helpers/record-history';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { useApiTest, type Username } from './api-world';
import { addShop, shopUrl } from './domains';
import { noRegistryShop } from './task-targets';

/**
 * Case membership (issue 13, item 3) through the real API over the real dev server: rivera, okafor and
 * lindqvist are team miami-ipr, moreau (agent) and haddad (counsel) newark-ipr; patel (coordinator) and chen
 * (supervisor) read every case. The matrix of every action is in authorization.test.ts; these are the stories.
 */
const t = useApiTest();

const get = (user: Username, url: string) => t.api.call(user, { method: 'GET', url });
const post = (user: Username, url: string, payload?: unknown) => t.api.call(user, { method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
const refusal = (response: { statusCode: number; json(): unknown }) => ({ status: response.statusCode, ...(response.json() as { error: { code: string; message: string } }).error });

/**
 * A non-member is answered for an existing case, target or custody record exactly as for one that does not exist
 * (404 NOT_FOUND, the same message but for the ID), so case IDs cannot be probed. `ids`: each real ID and a missing
 * one to ask about instead.
 */
async function expectAsIfMissing(user: Username, method: 'GET' | 'POST', url: string, ids: Record<string, string>, payload?: unknown) {
  const swap = (text: string) => Object.entries(ids).reduce((out, [id, other]) => out.replaceAll(id, other), text);
  const call = (at: string) => t.api.call(user, { method, url: at, ...(payload === undefined ? {} : { payload }) });
  const [answer, missing] = [await call(url), await call(swap(url))];
  expect(missing.statusCode).toBe(404);
  expect([answer.statusCode, JSON.parse(swap(answer.body))]).toEqual([404, missing.json()]);
  expect(refusal(answer).code).toBe('NOT_FOUND');
}
const elsewhere = () => ({ caseId: casePackage([]).caseId, domain: `${unique('never-opened-')}.com` });

/** A case opened through the API by `user`, once its targets are listed. */
async function openedBy(user: Username, targets: string[], extra: Record<string, unknown> = {}) {
  const pkg = casePackage(targets);
  const opened = await post(user, '/api/cases', { ...pkg, ...extra });
  if (opened.statusCode !== 201) throw new Error(`not opened: ${opened.body}`);
  await waitFor('the targets listed', async () => ((await get('chen', `/api/cases/${pkg.caseId}`)).json() as CaseStatusView).targets.length === targets.length);
  return pkg;
}

test("an agent of another team reads nothing of a case and cannot withdraw its target; the case's own agent can", async () => {
  const domain = addShop(t.api.world);
  const pkg = await openedBy('rivera', [shopUrl(t.api.world, domain)]);
  const status = (await get('rivera', `/api/cases/${pkg.caseId}`)).json() as CaseStatusView;
  expect(status).toMatchObject({ team: 'miami-ipr', openedBy: { id: 'rivera', team: 'miami-ipr' } });

  // Not even that the case exists: what moreau is told is what a case ID that exists nowhere gets.
  const missing = elsewhere();
  const ids = { [pkg.caseId]: missing.caseId, [domain]: missing.domain };
  for (const url of [`/api/cases/${pkg.caseId}`, `/api/targets/${domain}`, `/api/targets?case=${pkg.caseId}`, `/api/cases/${pkg.caseId}/targets`, `/api/tasks?case=${pkg.caseId}`]) {
    await expectAsIfMissing('moreau', 'GET', url, ids);
    expect((await get('moreau', url)).body).not.toContain('miami-ipr');
  }
  await expectAsIfMissing('moreau', 'POST', `/api/cases/${pkg.caseId}/targets/${domain}/withdraw`, ids, { reason: 'not ours, but let us try' });
  // Nothing changed: the target lives on and the timeline has no withdrawal.
  const after = (await get('rivera', `/api/cases/${pkg.caseId}`)).json() as CaseStatusView;
  expect(after.targets[0]!.stage).not.toBe('WITHDRAWN');
  expect(after.timeline.map((e) => e.action)).not.toContainEqual(expect.stringContaining('withdrew'));

  // The same update sent straight to Temporal, past the API, is refused by the case's own validator.
  const intruder: Actor = { id: 'moreau', name: 'Special Agent Luc Moreau', role: 'agent', team: 'newark-ipr' };
  const direct = t.api.env.client.workflow.getHandle(workflowIds.case(pkg.caseId)).executeUpdate(withdrawTargetUpdate, { args: [{ actor: intruder, target: domain, reason: 'straight to the engine' }] });
  await expect(direct).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(direct).rejects.toMatchObject({ cause: { type: 'NOT_A_MEMBER' } });

  // rivera withdraws her own target.
  expect((await post('rivera', `/api/cases/${pkg.caseId}/targets/${domain}/withdraw`, { reason: 'the shop was a test store' })).statusCode).toBe(200);
});

test("an agent of another team cannot type a registration into another team's target waiting for its manual lookup", async () => {
  const { domain, link } = noRegistryShop(t.api);
  await openedBy('rivera', [link]);
  const target = async () => (await get('rivera', `/api/targets/${domain}`)).json() as TargetStatus;
  await waitFor('the manual-lookup task', async () => (await target()).task?.kind === 'manual-lookup', 60_000);
  const record = { registry: { name: 'Guyana .gy registry' }, registrar: { name: 'Outside Registrar', abuseEmail: 'inbox@attacker.example' }, nameservers: ['ns1.attacker.example'], foundAt: 'a registry web page' };
  const typed = await post('moreau', `/api/targets/${domain}/registration`, { record });
  expect(refusal(typed)).toEqual({ status: 404, code: 'NOT_FOUND', message: `no such workflow: domain:${domain}` });
  expect(await target()).toMatchObject({ task: { kind: 'manual-lookup' } });
  expect((await target()).registration).toBeUndefined();
  // Nor does the task appear in another team's task list; it does in the case's team's.
  const tasksOf = async (user: Username) => ((await get(user, '/api/tasks')).json() as { tasks: { target: string }[] }).tasks.map((task) => task.target);
  expect(await tasksOf('moreau')).not.toContain(domain);
  await waitFor("the task in rivera's list", async () => (await tasksOf('rivera')).includes(domain));
});

test('counsel of another team cannot decide, at the API or straight at the round, until a supervisor assigns them to the case', async () => {
  const pkg = await openedBy('rivera', [shopUrl(t.api.world, addShop(t.api.world))]);
  await waitFor('submitted', async () => (await post('rivera', `/api/cases/${pkg.caseId}/submit`)).statusCode === 200);
  const decide = () => post('haddad', `/api/cases/${pkg.caseId}/decision`, { decision: 'approve', packageVersion: 1 });
  const ids = { [pkg.caseId]: elsewhere().caseId };
  await expectAsIfMissing('haddad', 'POST', `/api/cases/${pkg.caseId}/decision`, ids, { decision: 'approve', packageVersion: 1 });
  await expectAsIfMissing('haddad', 'GET', `/api/cases/${pkg.caseId}`, ids);
  const haddad: Actor = { id: 'haddad', name: 'AUSA Samira Haddad', role: 'counsel', team: 'newark-ipr' };
  const round = t.api.env.client.workflow.getHandle(workflowIds.legalReview(pkg.caseId, 1));
  await expect(round.executeUpdate(decideLegalReviewUpdate, { args: [{ actor: haddad, decision: { decision: 'approve', packageVersion: 1 } }] })).rejects.toMatchObject({ cause: { type: 'NOT_A_MEMBER' } });

  // Only a coordinator or supervisor assigns counsel; the agent cannot bring in whom she likes.
  expect(refusal(await t.api.call('rivera', { method: 'PUT', url: `/api/cases/${pkg.caseId}/membership`, payload: { counsel: 'haddad' } }))).toMatchObject({ status: 403, code: 'ROLE_NOT_ALLOWED' });
  const assigned = await t.api.call('chen', { method: 'PUT', url: `/api/cases/${pkg.caseId}/membership`, payload: { counsel: 'haddad' } });
  expect(assigned.statusCode).toBe(200);
  expect(assigned.json()).toEqual({ team: 'miami-ipr', counsel: 'haddad' });
  // Assigned, haddad reads the case, finds it in the review queue, and decides it (the round heard of the assignment too).
  expect((await get('haddad', `/api/cases/${pkg.caseId}`)).json()).toMatchObject({ team: 'miami-ipr', counsel: 'haddad' });
  await waitFor('the case in haddad\'s review queue', async () => ((await get('haddad', '/api/cases?stage=IN_REVIEW')).json() as { cases: { caseId: string }[] }).cases.some((c) => c.caseId === pkg.caseId));
  const decided = await decide();
  expect(decided.statusCode).toBe(200);
  expect(decided.json()).toMatchObject({ decision: { decision: 'approve' }, actor: { id: 'haddad' } });
  // Histories with the membership recorded, refused and changed (patched 'case-membership') for the replay tests.
  await waitFor('the case awaiting its warrant', async () => (await get('chen', `/api/cases/${pkg.caseId}`)).json().stage === 'AWAITING_WARRANT');
  await recordHistory('case.membership', t.api.env.client.workflow.getHandle(workflowIds.case(pkg.caseId)));
  await recordHistory('legal-review.membership', round);
});

test('a list shows an agent and counsel only their cases, filtered in the visibility query; a coordinator sees every case', async () => {
  const miami = await openedBy('rivera', [shopUrl(t.api.world, addShop(t.api.world))]);
  const newarkDomain = addShop(t.api.world);
  const newark = await openedBy('moreau', [shopUrl(t.api.world, newarkDomain)]);
  const casesOf = async (user: Username) => ((await get(user, '/api/cases?limit=500')).json() as { cases: { caseId: string }[] }).cases.map((c) => c.caseId);
  const both = await waitFor('both cases listed for the coordinator', async () => { const ids = await casesOf('patel'); return ids.includes(miami.caseId) && ids.includes(newark.caseId) && ids; });
  expect(both).toEqual(expect.arrayContaining([miami.caseId, newark.caseId]));
  const rivera = await casesOf('rivera');
  expect(rivera).toContain(miami.caseId);
  expect(rivera).not.toContain(newark.caseId);
  for (const user of ['moreau', 'haddad'] as const) {
    const ids = await casesOf(user);
    expect(ids).toContain(newark.caseId);
    expect(ids).not.toContain(miami.caseId);
  }
  // The targets list too: moreau's target for moreau, not for rivera; both for the supervisor.
  const targetsOf = async (user: Username) => ((await get(user, '/api/targets?limit=500')).json() as { targets: { key: string; caseId?: string }[] }).targets.map((row) => row.caseId);
  await waitFor("newark's target listed for moreau", async () => (await targetsOf('moreau')).includes(newark.caseId));
  expect(new Set(await targetsOf('moreau'))).not.toContain(miami.caseId);
  expect(new Set(await targetsOf('rivera'))).not.toContain(newark.caseId);
  expect(await targetsOf('chen')).toEqual(expect.arrayContaining([miami.caseId, newark.caseId]));
  // moreau's own case is his to read and act on.
  expect((await get('moreau', `/api/cases/${newark.caseId}`)).json()).toMatchObject({ team: 'newark-ipr' });
  await expectAsIfMissing('rivera', 'GET', `/api/targets/${newarkDomain}`, { [newarkDomain]: elsewhere().domain });
});

test("an operation's cases belong to the team it names; its members see the operation and its cases, others do not", async () => {
  const operation = operationOf([shopUrl(t.api.world, addShop(t.api.world))], { team: 'newark-ipr', windowPollEvery: '200ms' });
  expect((await post('patel', '/api/operations', operation)).statusCode).toBe(201);
  expect((await get('moreau', `/api/operations/${operation.operationId}`)).statusCode).toBe(200);
  expect(refusal(await get('rivera', `/api/operations/${operation.operationId}`))).toMatchObject({ status: 403, code: 'NOT_A_MEMBER' });
  const listed = async (user: Username) => ((await get(user, '/api/operations')).json() as { operations: { operationId: string }[] }).operations.map((o) => o.operationId);
  await waitFor('the operation listed for moreau', async () => (await listed('moreau')).includes(operation.operationId));
  expect(await listed('rivera')).not.toContain(operation.operationId);
  const caseId = await waitFor('its case started', async () => ((await get('patel', `/api/operations/${operation.operationId}`)).json() as { cases: { caseId: string; state: string }[] }).cases.find((c) => c.state !== 'waiting')?.caseId);
  await waitFor('the case answers', async () => (await get('moreau', `/api/cases/${caseId}`)).statusCode === 200);
  expect((await get('moreau', `/api/cases/${caseId}`)).json()).toMatchObject({ team: 'newark-ipr' });
  await expectAsIfMissing('rivera', 'GET', `/api/cases/${caseId}`, { [caseId!]: elsewhere().caseId });
});
