import { WorkflowUpdateFailedError } from '@temporalio/client';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { recordWarrantUpdate, withdrawTargetUpdate } from '../../domain/case';
import { targetStatusQuery } from '../../domain/target';
import { agent, coordinator, counsel, warrantFor } from '../helpers/case-fixtures';
import { caseStatus, decide, openCase, registerDomains, submit, targetResults, finalCase, domainStage } from '../helpers/case-actions';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { roleMailboxes, seizureNameservers, startWorld } from '../helpers/world';

const t = useWorkflowTest(startWorld);

/** Short compliance clocks, so the follow-up ladder of unanswered orders ends within the test. */
const fastClocks = { registrarAckWithin: '500ms', registryExecutionWithin: '500ms' } as const;

async function approvedCase(taskQueue: string, count: number, clocks: Record<string, string> = fastClocks) {
  const domains = registerDomains(t.world, count);
  const { handle } = await openCase(t.env, t.world, taskQueue, domains, clocks);
  await submit(t.env, handle, agent);
  await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
  await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
  return { handle, domains };
}

test('withdrawal before the notice ends the target WITHDRAWN with who and why; no notice is sent', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, domains } = await approvedCase(taskQueue, 1);
    const refused = handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: coordinator, target: domains[0]!, reason: 'dropped' }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domains[0]!, reason: '' }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED' } });
    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domains[0]!, reason: 'the site owner is a cooperating witness' }] });
    const result = (await targetResults(t.env, domains))[domains[0]!]!;
    expect(result.stage).toBe('WITHDRAWN');
    expect(result.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'withdrawal requested', actor: expect.objectContaining({ id: agent.id }), reason: 'the site owner is a cooperating witness' })]));
    await handle.result();
    expect(t.world.sink.messages).toHaveLength(0);
    await expect(handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domains[0]!, reason: 'again' }] })).rejects.toThrow();
  });
});

test('withdrawal after the notice starts the release path: a release order, and the target ends once the registry shows the domain restored', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, domains } = await approvedCase(taskQueue, 1, { ...fastClocks, registryExecutionWithin: '30s', verificationPollEvery: '200ms', verificationPollMax: '1s' });
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(domains) }] });
    await waitFor('target in compliance', async () => (await domainStage(t.env, domains[0]!)) === 'COMPLIANCE');
    t.world.rdap.seize(domains[0]!, seizureNameservers); // the registry had executed the order
    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domains[0]!, reason: 'the AUSA declined prosecution' }] });
    const target = t.env.client.workflow.getHandle(`domain:${domains[0]}`);
    await waitFor('the registry still holds it', async () => (await target.query(targetStatusQuery)).timeline.some((e) => /^release check: not yet restored \(.*still locked/.test(e.action)));
    // WITHDRAWN at once (its case hears it and offers no second withdrawal), while it watches the registry restore the domain.
    expect((await target.query(targetStatusQuery)).stage).toBe('WITHDRAWN');
    expect((await target.describe()).status.name).toBe('RUNNING');
    // The registry restores the domain and confirms the release order through its link.
    t.world.rdap.restore(domains[0]!);
    const order = await waitFor('the release order', async () => (await caseStatus(handle)).notices.find((n) => n.kind === 'registry-release'));
    await handle.signal(acknowledgeNoticeSignal, { noticeId: order.noticeId, kind: 'actioned', by: { name: 'Registry Legal' } });
    const result = (await targetResults(t.env, domains))[domains[0]!]!;
    expect(result.stage).toBe('WITHDRAWN');
    // The registry's confirmation may reach the target just after it ended: the end is its last stage entry.
    expect(result.timeline.filter((e) => e.action === 'stage WITHDRAWN').at(-1)?.detail).toBe(`withdrawn after notice by ${agent.name}: the AUSA declined prosecution; the registry shows it restored`);
    expect(result.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^release requested/), expect.stringMatching(/^release check: restored/)]));
    // The registry receives a release order naming the domain and the reason.
    const final = await finalCase(handle);
    const release = final.notices.find((n) => n.kind === 'registry-release')!;
    expect(release.covers).toEqual(domains);
    const mail = t.world.sink.messages.find((m) => m.parsed.messageId === release.messageId)!;
    expect(mail.parsed.text).toContain(domains[0]);
    expect(mail.parsed.text).toContain('the AUSA declined prosecution');
  });
});

test('a warrant covers only what it names: an uncovered target waits for a second warrant; refusals name why', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, domains } = await approvedCase(taskQueue, 2);
    const [first, second] = domains as [string, string];
    await expect(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: agent, warrant: warrantFor([first]) }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await expect(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(['not-in-case.com']) }] })).rejects.toMatchObject({ cause: { type: 'UNKNOWN_TARGET' } });
    await expect(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: { ...warrantFor([first]), docket: '' } }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/docket/) } });
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([first]) }] });
    await waitFor('first noticed', async () => (await domainStage(t.env, first)) === 'COMPLIANCE');
    expect(await domainStage(t.env, second)).toBe('WARRANT');
    await expect(handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([first]) }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([second], { docket: '26-MJ-04502' }) }] });
    await waitFor('second noticed', async () => (await domainStage(t.env, second)) === 'COMPLIANCE');
    const status = await caseStatus(handle);
    expect(status.warrants.map((w) => [w.warrantId, w.warrant.covers])).toEqual([['w1', [first]], ['w2', [second]]]);
    for (const domain of domains) await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domain, reason: 'test cleanup' }] });
    await handle.result();
  });
});

test('an approved case waits for its warrant with reminders to counsel; past the deadline the uncovered targets end WARRANT_EXPIRED', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const domains = registerDomains(t.world, 2);
    const { handle } = await openCase(t.env, t.world, taskQueue, domains, { ...fastClocks, warrantReminderAfter: '1s', warrantExpireAfter: '3500ms' });
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([domains[0]!]) }] });
    const results = await targetResults(t.env, [domains[1]!]);
    expect(results[domains[1]!]!.stage).toBe('WARRANT_EXPIRED');
    const reminders = t.world.sink.messages.filter((m) => m.envelope.to.includes(roleMailboxes.counsel[0]!));
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    expect(reminders[0]!.parsed.text).toContain(domains[1]);
    expect(reminders[0]!.parsed.text).not.toContain(domains[0]);
    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domains[0]!, reason: 'test cleanup' }] });
    await handle.result();
  });
});
