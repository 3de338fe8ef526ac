import { ApplicationFailure } from '@temporalio/common';
import { recordWarrantUpdate, withdrawTargetUpdate } from '../../domain/case';
import { agent, counsel, warrantFor } from '../helpers/case-fixtures';
import { caseStatus, decide, domainStage, openCase, registerDomains, submit } from '../helpers/case-actions';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { roleMailboxes, seizureNameservers, startWorld } from '../helpers/world';

// What a case does when something it relies on breaks: it never ends Failed, it says so and a person is told.
const t = useWorkflowTest(startWorld);
const toCoordinator = () => t.world.sink.messages.filter((m) => m.envelope.to.includes(roleMailboxes.coordinator[0]!));

test('two withdrawals of the same target sent at the same moment: one is taken, the other refused, and one release order goes out', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const [domain] = registerDomains(t.world, 1) as [string];
    const { handle } = await openCase(t.env, t.world, taskQueue, [domain], { registrarAckWithin: '1h', registryExecutionWithin: '30s', verificationPollEvery: '200ms', verificationPollMax: '1s' });
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([domain]) }] });
    await waitFor('target in compliance', async () => (await domainStage(t.env, domain)) === 'COMPLIANCE');
    t.world.rdap.seize(domain, seizureNameservers);
    const withdraw = (reason: string) => handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domain, reason }] });
    const [first, second] = await Promise.allSettled([withdraw('the AUSA declined prosecution'), withdraw('the AUSA declined prosecution (again)')]);
    const outcomes = [first, second].map((o) => o.status);
    expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = [first, second].find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refusal.reason).toMatchObject({ cause: { type: 'WRONG_STATE', message: expect.stringMatching(/is being withdrawn already|has already ended/) } });
    const releases = () => t.world.sink.messages.filter((m) => m.parsed.subject?.toLowerCase().includes('release'));
    await waitFor('the release order', () => releases().length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(releases()).toHaveLength(1);
    expect((await caseStatus(handle)).notices.filter((n) => n.kind === 'registry-release')).toHaveLength(1);
  });
});

test('a review round whose workflow is terminated decided nothing: the coordinator is told and the agent may reopen; the case does not fail', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const domains = registerDomains(t.world, 1);
    const { handle } = await openCase(t.env, t.world, taskQueue, domains);
    const review = await submit(t.env, handle, agent);
    await review.terminate('an operator ended it by mistake');
    const status = await waitFor('the case past the failed round', async () => { const s = await caseStatus(handle); return s.stage === 'REVIEW_EXPIRED' && s; });
    expect(status.rounds[0]).toMatchObject({ round: 1, outcome: 'failed' });
    expect(status.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^review round 1 ended without a decision .*; the case needs a person$/)]));
    await waitFor('the coordinator told', () => toCoordinator().some((m) => m.parsed.subject?.includes('review round 1')));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate('test over');
  });
});

test('the contact directory cannot be read when a warrant is served: the case says why, tells the coordinator once, and waits instead of failing', async () => {
  const broken = { ...t.world.activities, noticeDirectory: async () => { throw ApplicationFailure.create({ type: 'CONFIG_INVALID', message: 'TAKEDOWN_REGISTRY_CONTACTS: not valid JSON', nonRetryable: true }); } };
  await withWorker(t.env, t.bundle, broken, async (taskQueue) => {
    const domains = registerDomains(t.world, 1);
    const { handle } = await openCase(t.env, t.world, taskQueue, domains);
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(domains) }] });
    const status = await waitFor('the wait said', async () => { const s = await caseStatus(handle); return s.timeline.some((e) => e.action.startsWith('the notice contact directory cannot be read')) && s; });
    expect(status.timeline.find((e) => e.action.startsWith('the notice contact directory cannot be read'))!.action).toContain('TAKEDOWN_REGISTRY_CONTACTS: not valid JSON');
    await waitFor('the coordinator told', () => toCoordinator().some((m) => m.parsed.subject?.includes('contact directory')));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(toCoordinator().filter((m) => m.parsed.subject?.includes('contact directory'))).toHaveLength(1);
    await handle.terminate('test over');
  });
});
