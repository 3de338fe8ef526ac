import type { WorkflowHandle } from '@temporalio/client';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { recordWarrantUpdate, withdrawTargetUpdate } from '../../domain/case';
import { targetStatusQuery } from '../../domain/target';
import type { TargetStatus } from '../../domain/target';
import type { CaseSettingsInput } from '../../domain/settings';
import { agent, counsel, warrantFor } from '../helpers/case-fixtures';
import { caseStatus, decide, domainStage, finalCase, finalTarget, openCase, registerDomains, submit } from '../helpers/case-actions';
import { recordHistory } from '../helpers/record-history';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { roleMailboxes, seizureNameservers, startWorld } from '../helpers/world';

// Something outside down for longer than an activity's retries: no workflow ends Failed; the target waits,
// says so, and past its stage's deadline needs a person (and the case escalates it).
const t = useWorkflowTest(startWorld);

/** Each call to the registry is tried twice, 200 ms apart, before the target shows the outage; checks every 1–2 s. */
const outageClocks: CaseSettingsInput = { registrarAckWithin: '500ms', outageAttempts: 2, outageRetryFirst: '200ms', verificationPollEvery: '1s', verificationPollMax: '2s' };

/** An approved, warranted case of one domain; resolves once its target is past the notice (COMPLIANCE). */
async function noticedCase(taskQueue: string, settings: CaseSettingsInput) {
  const [domain] = registerDomains(t.world, 1) as [string];
  const { handle } = await openCase(t.env, t.world, taskQueue, [domain], settings);
  await submit(t.env, handle, agent);
  await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
  await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
  await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([domain]) }] });
  await waitFor('the order served', async () => ['COMPLIANCE', 'VERIFICATION'].includes(await domainStage(t.env, domain)));
  return { handle, domain, target: t.env.client.workflow.getHandle(`domain:${domain}`) };
}

/** The target's status while it waits on the outage (the API's GET /api/targets/<domain> returns this query). */
const waiting = (target: WorkflowHandle) => waitFor('the target waiting on the outage', async () => {
  const status: TargetStatus = await target.query(targetStatusQuery);
  return status.waiting && status.waiting.failures >= 2 && status;
}, 40_000);

/** Executions on this test's task queue that Temporal itself records as Failed (visibility), and as Completed. */
async function executions(taskQueue: string, status: 'Failed' | 'Completed'): Promise<string[]> {
  const ids: string[] = [];
  for await (const info of t.env.client.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = '${status}'` })) ids.push(info.workflowId);
  return ids;
}

test("the registry's RDAP down past the verification deadline: the target waits visibly, then FAILED_NEEDS_ATTENTION, escalated; no execution Failed", async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, domain, target } = await noticedCase(taskQueue, { ...outageClocks, registryExecutionWithin: '1s', verificationDeadline: '9s' });
    // The registry never answers again: every connection is dropped (the lookup is long done).
    t.world.rdap.outage('drop');

    const during = await waiting(target);
    expect(during.stage).toBe('VERIFICATION');
    const wait = during.waiting!;
    expect(wait.summary).toMatch(new RegExp(`^registry RDAP unreachable since ${wait.since.replace(/[.]/g, '\\.')}, next check ${wait.nextCheckAt.replace(/[.]/g, '\\.')} `));
    expect(wait.lastError).toMatch(/could not be reached/);
    expect(Date.parse(wait.nextCheckAt)).toBeGreaterThan(Date.parse(wait.since));
    expect(Date.parse(wait.nextCheckAt)).toBeLessThanOrEqual(Date.parse(wait.dueBy));
    // The timeline says so too, once per failed look.
    const said = during.timeline.filter((e) => /^registry RDAP unreachable since /.test(e.action));
    expect(said.length).toBeGreaterThanOrEqual(2);
    expect(new Set(said.map((e) => e.action.match(/since (\S+),/)![1])).size).toBe(1); // one outage, one "since"

    const final = await finalTarget(target);
    expect(final.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(final.timeline.at(-1)?.detail).toMatch(new RegExp(`^the seizure could not be verified by the deadline: registry RDAP unreachable since ${wait.since.replace(/[.]/g, '\\.')} \\(.*could not be reached`));
    expect(final.waiting).toBeUndefined(); // nothing is waited for any more
    expect(final.verifications).toHaveLength(0);

    // The case escalates it to the coordinator, as any target that needs a person.
    const closed = await finalCase(handle);
    expect(closed.targets[0]!.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(closed.timeline.map((e) => e.action)).toContainEqual(expect.stringMatching(new RegExp(`^${domain.replace(/[.]/g, '\\.')} needs attention: the seizure could not be verified`)));
    const escalation = await waitFor('the escalation mail', () => t.world.sink.messages.find((m) => m.envelope.to.includes(roleMailboxes.coordinator[0]!) && m.parsed.subject?.includes(`${domain} needs attention`)));
    expect(escalation.parsed.text).toContain('registry RDAP unreachable since');

    // Temporal's own record: the case, its review round and the target completed; none Failed.
    const completed = await waitFor('visibility has the closed executions', async () => { const ids = await executions(taskQueue, 'Completed'); return ids.length >= 3 && ids; });
    expect(completed).toEqual(expect.arrayContaining([`domain:${domain}`, handle.workflowId]));
    expect(await executions(taskQueue, 'Failed')).toEqual([]);
    await recordHistory('domain-seizure.outage-waits', target);
  });
}, 120_000);

test('a domain withdrawn while its verification waits on an outage: WITHDRAWN at once, the banner released, one release order however often it is withdrawn', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, domain, target } = await noticedCase(taskQueue, { ...outageClocks, registryExecutionWithin: '30s', verificationDeadline: '1m' });
    // The registry executed the order and says so; then its RDAP goes down while the seizure is verified.
    t.world.rdap.seize(domain, seizureNameservers);
    const order = (await caseStatus(handle)).notices.find((n) => n.kind === 'registry-order')!;
    t.world.rdap.outage('drop');
    await handle.signal(acknowledgeNoticeSignal, { noticeId: order.noticeId, kind: 'actioned', by: { name: 'Registry Legal', email: order.to[0] } });
    await waiting(target);
    expect(t.world.banner.allowList.get(domain)).toMatchObject({ caseRef: expect.any(String), releasedAt: undefined });

    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domain, reason: 'the AUSA declined prosecution' }] });
    // The case hears WITHDRAWN at once: no page offers "Withdraw" again, and a second withdrawal is refused
    // (WRONG_STATE while the case is open; with its only target ended it closes, and takes no update at all).
    await waitFor('the case sees it withdrawn', async () => (await caseStatus(handle)).targets[0]!.stage === 'WITHDRAWN');
    await expect(handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domain, reason: 'withdrawing again' }] })).rejects.toThrow();
    expect((await target.query(targetStatusQuery)).stage).toBe('WITHDRAWN');
    await waitFor('the banner lets it go', () => t.world.banner.allowList.get(domain)?.releasedAt !== undefined);
    expect(t.world.banner.allowList.get(domain)?.releaseReason).toBe('the AUSA declined prosecution');

    // One release order, naming who authorised it and as what.
    const releases = () => t.world.sink.messages.filter((m) => /^Release order/.test(m.parsed.subject ?? '') && m.parsed.text?.includes(domain));
    await waitFor('the release order', () => releases().length > 0);
    expect(releases()[0]!.parsed.text).toContain(`The release is authorised by ${agent.name} (case agent)`);

    // The registry's RDAP comes back and shows the domain restored: the target's watch ends there.
    t.world.rdap.restore(domain);
    t.world.rdap.outage(undefined);
    const final = await finalTarget(target);
    expect(final.stage).toBe('WITHDRAWN');
    expect(final.timeline.filter((e) => e.action === 'stage WITHDRAWN').map((e) => e.detail)).toEqual([
      `withdrawn after notice by ${agent.name}: the AUSA declined prosecution; the registry is ordered to restore it`,
      `withdrawn after notice by ${agent.name}: the AUSA declined prosecution; the registry shows it restored`,
    ]);
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^release requested: the banner no longer answers/), expect.stringMatching(/^release check: restored/)]));
    // The registry confirms the release order; the case, its follow-up done, closes.
    const order2 = await waitFor('the release order recorded', async () => (await caseStatus(handle)).notices.find((n) => n.kind === 'registry-release'));
    await handle.signal(acknowledgeNoticeSignal, { noticeId: order2.noticeId, kind: 'actioned', by: { name: 'Registry Legal', email: order2.to[0] } });
    expect((await finalCase(handle)).targets[0]!.stage).toBe('WITHDRAWN');
    expect(releases()).toHaveLength(1);
    expect(await executions(taskQueue, 'Failed')).toEqual([]);
    await recordHistory('domain-seizure.withdraw-once', target);
  });
}, 120_000);

test('a withdrawn domain the registry says it released but never restores: its case has closed, so the target escalates itself and ends FAILED_NEEDS_ATTENTION; nothing Failed', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    // The target watches the registry for registryExecutionWithin after the withdrawal: 20 s, so that its case
    // closes first on a loaded CI machine (at 6 s the watch once ended before the case had closed).
    const { handle, domain, target } = await noticedCase(taskQueue, { ...outageClocks, registryExecutionWithin: '20s', verificationDeadline: '1m' });
    t.world.rdap.seize(domain, seizureNameservers); // executed, and never given back
    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: domain, reason: 'the rights holder withdrew its complaint' }] });
    // The registry confirms the release order (but does not act): its only target WITHDRAWN, the case closes
    // while the target still watches the registry.
    const release = await waitFor('the release order', async () => (await caseStatus(handle)).notices.find((n) => n.kind === 'registry-release'));
    await handle.signal(acknowledgeNoticeSignal, { noticeId: release.noticeId, kind: 'actioned', by: { name: 'Registry Legal', email: release.to[0] } });
    expect((await finalCase(handle)).stage).toBe('CLOSED');
    expect((await target.describe()).status.name).toBe('RUNNING');
    const final = await finalTarget(target);
    expect(final.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(final.timeline.find((e) => e.action === 'stage FAILED_NEEDS_ATTENTION')?.detail).toMatch(/; the registry has not restored it by the deadline \(statuses .*still locked/);
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^the case could not be told/), `escalation sent to ${roleMailboxes.coordinator[0]}`]));
    const escalation = t.world.sink.messages.find((m) => m.envelope.to.includes(roleMailboxes.coordinator[0]!) && m.parsed.subject?.includes(`${domain} needs attention`));
    expect(escalation?.parsed.text).toContain('the registry has not restored it by the deadline');
    expect(await executions(taskQueue, 'Failed')).toEqual([]);
  });
}, 120_000);
