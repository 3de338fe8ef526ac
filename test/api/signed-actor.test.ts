import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '../../domain/actors';
import { decideLegalReviewUpdate, legalReviewStatusQuery } from '../../domain/review';
import { recordWarrantUpdate, submitForReviewUpdate, withdrawTargetUpdate } from '../../domain/case';
import type { CaseStatusView } from '../../domain/case-view';
import { workflowIds } from '../../domain/ids';
import { actorPublicKeys, actorSigningKey } from '../../src/actor-keys';
import { loadConfig } from '../../src/config';
import { casePackage, warrantFor } from '../helpers/case-fixtures';
import { developmentActorKey, signedFor, unsignedClient } from '../helpers/signed-actor';
import { bundleWorkflowsAt, connectTestEnv } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startApiWorld, type ApiWorld, type Username } from './api-world';
import { addShop, shopUrl } from './domains';

// The signed actor (issue 13): a person who can reach Temporal but does not hold the API's key cannot act
// as anyone. The API and its worker run as deployed after a key rotation: the API signs with its current
// key, the worker accepts that key and the previous one (TAKEDOWN_ACTOR_PUBLIC_KEYS), not the public
// development key.
const currentKey = 'actor-key-of-this-deployment-2026-12-0123456789abcdef';
const previousKey = 'actor-key-of-this-deployment-2026-06-0123456789abcdef';
const current = actorSigningKey(currentKey);
const previous = actorSigningKey(previousKey);
const attacker = actorSigningKey('a-key-the-attacker-made-up-0123456789abcdef');

let env: TestWorkflowEnvironment;
let api: ApiWorld;
/** What the attacker holds: Temporal access, no key. */
let temporal: Client;
beforeAll(async () => {
  env = await connectTestEnv();
  const workerKeys = actorPublicKeys(loadConfig({ TAKEDOWN_ACTOR_PUBLIC_KEYS: `${current.publicKey},${previous.publicKey}` }));
  api = await startApiWorld(env, await bundleWorkflowsAt(require.resolve('../../workflows'), workerKeys), { actorKey: currentKey });
  temporal = unsignedClient(env);
});
afterAll(async () => {
  await api?.close();
  await env?.teardown();
});

/** okafor as the API names her: the actor an attacker would copy from any history. */
const okafor: Actor = { id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel', team: 'miami-ipr' };
const statusOf = async (caseId: string): Promise<CaseStatusView> => (await api.call('rivera', { method: 'GET', url: `/api/cases/${caseId}` })).json();
const post = (user: Username, url: string, payload?: unknown) => api.call(user, { method: 'POST', url, payload });

async function submittedCase() {
  const domain = addShop(api.world);
  const pkg = casePackage([shopUrl(api.world, domain)]);
  expect((await post('rivera', '/api/cases', pkg)).statusCode).toBe(201);
  await waitFor('targets listed', async () => (await statusOf(pkg.caseId)).targets.length === 1);
  expect((await post('rivera', `/api/cases/${pkg.caseId}/submit`)).statusCode).toBe(200);
  const round = await waitFor('round 1', async () => (await statusOf(pkg.caseId)).rounds[0]);
  return { pkg, domain, roundId: round.workflowId, caseId: workflowIds.case(pkg.caseId) };
}

async function refusedAsUnsigned(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(error).toMatchObject({ cause: { type: 'ACTOR_SIGNATURE_INVALID' } });
  expect((error as WorkflowUpdateFailedError).cause?.message).toMatch(message);
}

test('an approval sent straight to Temporal as counsel is refused by the validator however it is forged; the same approval through the API works', async () => {
  const { pkg, roundId, caseId } = await submittedCase();
  const round = temporal.workflow.getHandle(roundId);
  const approve = { actor: okafor, decision: { decision: 'approve' as const, packageVersion: 1 } };
  const send = (message: object) => round.executeUpdate(decideLegalReviewUpdate, { args: [message as typeof approve] });

  await refusedAsUnsigned(send(approve), /carries no signature of the API/);
  await refusedAsUnsigned(send(signedFor(attacker, roundId, decideLegalReviewUpdate, approve)), /not one of the API's keys/);
  // The public development key, which npm start signs with, is not a key of this deployment.
  await refusedAsUnsigned(send(signedFor(developmentActorKey, roundId, decideLegalReviewUpdate, approve)), /not one of the API's keys/);
  // A genuine signature of the API, taken from another workflow's history, another action, or another message.
  await refusedAsUnsigned(send(signedFor(current, caseId, decideLegalReviewUpdate, approve)), /this workflow/);
  await refusedAsUnsigned(send(signedFor(current, roundId, { name: recordWarrantUpdate.name }, approve)), /this action/);
  const signedReject = signedFor(current, roundId, decideLegalReviewUpdate, { actor: okafor, decision: { decision: 'reject' as const, packageVersion: 1, reason: 'not enough evidence' } });
  await refusedAsUnsigned(send({ ...signedReject, decision: approve.decision }), /this message/);
  await refusedAsUnsigned(send({ ...signedFor(current, roundId, decideLegalReviewUpdate, { ...approve, actor: { ...okafor, id: 'lindqvist' } }), actor: okafor }), /this message/);
  // A genuine signature for this very approval, but read from a history long after: too old.
  await refusedAsUnsigned(send(signedFor(current, roundId, decideLegalReviewUpdate, approve, new Date(Date.now() - 11 * 60_000))), /good for 10 minutes/);

  // None of it was recorded: the round still waits, and its history holds no Update at all.
  expect(await round.query(legalReviewStatusQuery)).toMatchObject({ state: 'waiting' });
  const events = (await round.fetchHistory()).events ?? [];
  expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);

  const decided = await post('okafor', `/api/cases/${pkg.caseId}/decision`, { decision: 'approve', packageVersion: 1 });
  expect(decided.statusCode).toBe(200);
  expect(decided.json()).toMatchObject({ round: 1, decision: { decision: 'approve' }, actor: { id: 'okafor', role: 'counsel' } });
  await waitFor('approved', async () => (await statusOf(pkg.caseId)).stage === 'AWAITING_WARRANT');
});

test('the case refuses every unsigned human action too: submit, withdraw, and counsel recording a warrant', async () => {
  const { pkg, domain, caseId } = await submittedCase();
  const handle = temporal.workflow.getHandle(caseId);
  const rivera: Actor = { id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' };
  await refusedAsUnsigned(handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: rivera }] }), /submitForReview carries no signature/);
  await refusedAsUnsigned(handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: rivera, target: domain, reason: 'a forged withdrawal' }] }), /withdrawTarget carries no signature/);
  expect((await post('okafor', `/api/cases/${pkg.caseId}/decision`, { decision: 'approve', packageVersion: 1 })).statusCode).toBe(200);
  await waitFor('approved', async () => (await statusOf(pkg.caseId)).stage === 'AWAITING_WARRANT');
  await refusedAsUnsigned(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: okafor, warrant: warrantFor([domain]) }] }), /recordWarrant carries no signature/);
  expect((await statusOf(pkg.caseId)).warrants).toHaveLength(0);
});

test('key rotation: a signature by the previous key, still listed, is accepted; one by a key not listed is refused', async () => {
  const { pkg, roundId } = await submittedCase();
  const round = temporal.workflow.getHandle(roundId);
  const approve = { actor: okafor, decision: { decision: 'approve' as const, packageVersion: 1 } };
  await refusedAsUnsigned(round.executeUpdate(decideLegalReviewUpdate, { args: [signedFor(attacker, roundId, decideLegalReviewUpdate, approve)] }), /not one of the API's keys/);
  // An API still on the previous key (during the rollover) is taken at its word.
  const decided = await round.executeUpdate(decideLegalReviewUpdate, { args: [signedFor(previous, roundId, decideLegalReviewUpdate, approve)] });
  expect(decided).toMatchObject({ decision: { decision: 'approve' }, actor: okafor });
  await waitFor('approved', async () => (await statusOf(pkg.caseId)).stage === 'AWAITING_WARRANT');
});
