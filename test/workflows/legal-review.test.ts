import { WorkflowUpdateFailedError } from '@temporalio/client';
import { amendPackageUpdate, reopenReviewUpdate, submitForReviewUpdate } from '../../domain/case';
import { legalReviewStatusQuery } from '../../domain/review';
import { agent, counsel, coordinator, secondCounsel, supervisor } from '../helpers/case-fixtures';
import { caseStatus, decide, openCase, registerDomains, submit, targetResults, finalCase, finalTarget, domainStage } from '../helpers/case-actions';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { roleMailboxes, startWorld } from '../helpers/world';

const t = useWorkflowTest(startWorld);

const refusedWith = async (promise: Promise<unknown>, type: string, message: RegExp) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(error).toMatchObject({ cause: { type } });
  expect((error as WorkflowUpdateFailedError).cause?.message).toMatch(message);
};

test('one approval covers every target of the case; an excluded target ends with its reason while the others go on', async () => {
  const domains = registerDomains(t.world, 3);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openCase(t.env, t.world, taskQueue, domains);
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1, exclude: [{ target: domains[2]!, reason: 'registrant is cooperating with the investigation' }] });
    await waitFor('targets past review', async () => { const stages = await Promise.all(domains.map((d) => domainStage(t.env, d))); return stages.filter((s) => s === 'WARRANT').length === 2 && stages.includes('EXCLUDED'); });
    const excluded = await finalTarget(t.env.client.workflow.getHandle(`domain:${domains[2]}`));
    expect(excluded).toMatchObject({ stage: 'EXCLUDED' });
    expect(excluded.timeline.at(-1)?.detail).toBe('registrant is cooperating with the investigation');
    const status = await caseStatus(handle);
    expect(status.decisions).toHaveLength(1);
    expect(status.decisions[0]).toMatchObject({ round: 1, packageVersion: 1, actor: { id: counsel.id } });
    // The other two wait for a warrant; withdraw them so the case can close.
    for (const domain of domains.slice(0, 2)) await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domain, reason: 'test cleanup: operation postponed' }] });
    expect((await handle.result()).stage).toBe('CLOSED');
  });
});

test('a rejection ends every target REJECTED with counsel and the reason in each timeline', async () => {
  const domains = registerDomains(t.world, 2);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openCase(t.env, t.world, taskQueue, domains);
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'reject', packageVersion: 1, reason: 'the purchases do not tie the domains to the same seller' });
    const results = await targetResults(t.env, domains);
    for (const domain of domains) {
      expect(results[domain]!.stage).toBe('REJECTED');
      expect(results[domain]!.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ actor: expect.objectContaining({ id: counsel.id }), reason: 'the purchases do not tie the domains to the same seller' })]));
    }
    expect((await handle.result()).stage).toBe('REJECTED');
  });
});

test('request changes → amend → a second round on version 2 → approve; each version and round is kept', async () => {
  const domains = registerDomains(t.world, 1);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, pkg } = await openCase(t.env, t.world, taskQueue, domains);
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'request-changes', packageVersion: 1, changes: 'attach the rights holder confirmation for the second purchase' });
    await waitFor('changes requested', async () => (await caseStatus(handle)).stage === 'CHANGES_REQUESTED');
    const amended = { ...pkg, evidence: { ...pkg.evidence, rightsHolderConfirmations: [...(pkg.evidence.rightsHolderConfirmations ?? []), { rightsHolder: 'Maison Example SA', confirmedOn: '2026-11-02', reference: 'RH-2026-131' }] } };
    const version = await handle.executeUpdate(amendPackageUpdate, { args: [{ actor: agent, package: amended, note: 'added confirmation RH-2026-131' }] });
    expect(version.version).toBe(2);
    await waitFor('round 2 open', async () => (await caseStatus(handle)).rounds.length === 2);
    // A decision on the stale version is refused and leaves no trace.
    await refusedWith(decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 }), 'STALE_VERSION', /version 1.*version 2/);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 2 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    const status = await caseStatus(handle);
    expect(status.packageVersions.map((v) => v.version)).toEqual([1, 2]);
    expect(status.packageVersions[1]!.package.evidence.rightsHolderConfirmations).toHaveLength(2);
    expect(status.rounds.map((r) => [r.round, r.packageVersion, r.outcome])).toEqual([[1, 1, 'request-changes'], [2, 2, 'approve']]);
    expect(status.decisions.map((d) => d.decision.decision)).toEqual(['request-changes', 'approve']);
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domains[0]!, reason: 'test cleanup' }] });
    await handle.result();
  });
});

test('refusals: wrong role, four eyes (initiator and amender), invalid decision, a decided round; none leaves a trace', async () => {
  const domains = registerDomains(t.world, 1);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    // Counsel who initiated the case may not decide it.
    const { handle, pkg } = await openCase(t.env, t.world, taskQueue, domains, {}, { ...secondCounsel, role: 'agent' });
    await refusedWith(handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: coordinator }] }), 'ROLE_NOT_ALLOWED', /coordinator/);
    await submit(t.env, handle, { ...secondCounsel, role: 'agent' });
    await refusedWith(decide(t.env, handle, agent, { decision: 'approve', packageVersion: 1 }), 'ROLE_NOT_ALLOWED', /only counsel or a supervisor/);
    await refusedWith(decide(t.env, handle, coordinator, { decision: 'approve', packageVersion: 1 }), 'ROLE_NOT_ALLOWED', /coordinator/);
    await refusedWith(decide(t.env, handle, secondCounsel, { decision: 'approve', packageVersion: 1 }), 'FOUR_EYES', /initiated or amended/);
    await refusedWith(decide(t.env, handle, counsel, { decision: 'reject', packageVersion: 1, reason: '' }), 'VALIDATION_FAILED', /reason/);
    const review = t.env.client.workflow.getHandle((await caseStatus(handle)).rounds[0]!.workflowId);
    expect(await review.query(legalReviewStatusQuery)).toMatchObject({ state: 'waiting' });
    // A supervisor amends while the round is open: the round is superseded; the supervisor may not decide round 2.
    await handle.executeUpdate(amendPackageUpdate, { args: [{ actor: supervisor, package: { ...pkg, title: 'Counterfeit luxury handbags and watches' }, note: 'title covers watches too' }] });
    await waitFor('round 2', async () => (await caseStatus(handle)).rounds.length === 2);
    expect((await caseStatus(handle)).rounds[0]!.outcome).toBe('superseded');
    await refusedWith(decide(t.env, handle, supervisor, { decision: 'approve', packageVersion: 2 }), 'FOUR_EYES', /initiated or amended/);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 2 });
    // The decided round closes: a second decision cannot reach it.
    await expect(decide(t.env, handle, supervisor, { decision: 'reject', packageVersion: 2, reason: 'second thoughts' })).rejects.toThrow(/completed|not found/i);
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    const status = await caseStatus(handle);
    expect(status.decisions).toHaveLength(1);
    expect(status.authors).toEqual([secondCounsel.id, supervisor.id]);
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domains[0]!, reason: 'test cleanup' }] });
    await handle.result();
  });
});

test('a review nobody decides expires as REVIEW_EXPIRED; the agent reopens it and round 2 is approved', async () => {
  const domains = registerDomains(t.world, 1);
  const clocks = { reviewReminderEvery: '1h', reviewEscalateAfter: '2h', reviewExpireAfter: '1500ms', reopenWindow: '1h' } as const;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openCase(t.env, t.world, taskQueue, domains, clocks);
    await submit(t.env, handle, agent);
    await waitFor('expired', async () => (await caseStatus(handle)).stage === 'REVIEW_EXPIRED');
    await expect(decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 })).rejects.toThrow(/completed|not found/i);
    await handle.executeUpdate(reopenReviewUpdate, { args: [{ actor: agent, reason: 'counsel was on leave; back now' }] });
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    expect((await caseStatus(handle)).rounds.map((r) => r.outcome)).toEqual(['expired', 'approve']);
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domains[0]!, reason: 'test cleanup' }] });
    await handle.result();
  });
});

test('an expired review that is not reopened in time ends its targets REVIEW_EXPIRED', async () => {
  const domains = registerDomains(t.world, 1);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openCase(t.env, t.world, taskQueue, domains, { reviewReminderEvery: '1h', reviewEscalateAfter: '2h', reviewExpireAfter: '1s', reopenWindow: '1s' });
    await submit(t.env, handle, agent);
    const results = await targetResults(t.env, domains);
    expect(results[domains[0]!]!.stage).toBe('REVIEW_EXPIRED');
    expect((await finalCase(handle)).rounds[0]!.outcome).toBe('expired');
  });
});

test('a waiting review reminds counsel at each interval and escalates once to a supervisor, who may then decide', async () => {
  const domains = registerDomains(t.world, 1);
  const clocks = { reviewReminderEvery: '1s', reviewEscalateAfter: '4s', reviewExpireAfter: '1h' } as const;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openCase(t.env, t.world, taskQueue, domains, clocks);
    const review = await submit(t.env, handle, agent);
    const to = (address: string) => t.world.sink.messages.filter((m) => m.envelope.to.includes(address));
    await waitFor('an escalation to the supervisor', () => to(roleMailboxes.supervisor[0]!).length === 1, 20_000);
    const reminders = to(roleMailboxes.counsel[0]!);
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    expect(reminders[0]!.parsed.subject).toMatch(/remind/i);
    expect(reminders[0]!.parsed.text).toContain((await caseStatus(handle)).caseId);
    expect(to(roleMailboxes.supervisor[0]!)[0]!.parsed.text).toMatch(/round 1/i);
    expect(await review.query(legalReviewStatusQuery)).toMatchObject({ state: 'waiting', escalated: true, remindersSent: reminders.length });
    await decide(t.env, handle, supervisor, { decision: 'approve', packageVersion: 1 });
    await waitFor('approved', async () => (await caseStatus(handle)).stage === 'AWAITING_WARRANT');
    const timeline = (await caseStatus(handle)).timeline.map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining([expect.stringMatching(/^reminder 1 sent to counsel/), expect.stringMatching(/^escalated to a supervisor/)]));
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domains[0]!, reason: 'test cleanup' }] });
    await handle.result();
  });
});
