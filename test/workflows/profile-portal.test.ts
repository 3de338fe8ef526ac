import { caseStatusQuery, withdrawTargetUpdate } from '../../domain/case';
import { extendPreservationUpdate, profileWatchStatusQuery, profileWatchWorkflowId, recordPortalSubmissionUpdate, type PortalSubmissionInput } from '../../domain/profile-takedown';
import type { CaseStatusView } from '../../domain/case-view';
import type { ProfileWatchStatus } from '../../domain/profile-takedown';
import type { TargetStatus } from '../../domain/target';
import { agent, coordinator } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { recordHistory } from '../helpers/record-history';
import { waitFor } from '../helpers/wait';
import { approve, fastClocks, openProfileCase, platformHosts, recordWarrant, startProfileWorld, targetStatus, targetWhere } from './profile-world';
import { finalCase, finalTarget } from '../helpers/case-actions';

const t = useWorkflowTest(startProfileWorld);

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

test('a portal platform: the agent gets a checklist after the warrant, records the submission, and the profile ends REMOVED', async () => {
  const seller = unique('kicks.');
  const path = `/@${seller}`;
  t.world.site.live(platformHosts.tiktok, path);
  const link = t.world.site.link(platformHosts.tiktok, `${path}/video/7234567890123456789`);
  const key = `tiktok:${seller}`;
  const workflowId = `profile:${key}`;

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, pkg } = await openProfileCase(t.env, taskQueue, [link], { requestedActions: ['takedown'], nonDisclosure: true });
    // Normalised to the profile, with warnings for what was dropped; evidence of the pasted page and of the profile page.
    const opened = await targetStatus(t.env, workflowId);
    expect(opened.target).toMatchObject({ kind: 'profile', platform: 'tiktok', handle: seller, url: `https://www.tiktok.com/@${seller}` });
    expect(opened.target.warnings).toEqual(expect.arrayContaining([`dropped port ${t.world.site.port}`]));
    expect(opened.profile?.pageUrl).toBe(t.world.site.link(platformHosts.tiktok, path));
    expect(opened.evidence.map((e) => [e.url, e.status])).toEqual([[link, 404], [t.world.site.link(platformHosts.tiktok, path), 200]]);

    // Nothing before the warrant: approval alone leaves the target waiting at WARRANT with no task.
    await approve(t.env, handle);
    const waiting = await targetWhere(t.env, workflowId, 'WARRANT', (s) => s.stage === 'WARRANT');
    expect(waiting.task).toBeUndefined();
    await expect(t.env.client.workflow.getHandle(workflowId).executeUpdate(recordPortalSubmissionUpdate, { args: [{ actor: agent, kind: 'takedown', reference: 'TT-1', submittedAt: ago(1000) }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });

    const warrant = await recordWarrant(handle, [key]);
    const tasked = await targetWhere(t.env, workflowId, 'the portal task', (s) => s.task?.kind === 'portal-submission');
    const checklist = tasked.task!.checklist!;
    expect(checklist).toMatchObject({ kind: 'takedown', platform: 'TikTok', portalUrl: 'https://www.tiktok.com/legal/page/global/law-enforcement/en' });
    const items = checklist.items.join('\n');
    for (const fact of [`https://www.tiktok.com/@${seller}`, `handle ${seller}`, "legal entity of the user's region", 'US: TikTok Inc.', 'EEA: TikTok Technology Limited (Ireland)', 'docket 26-MJ-04417', 'State the non-disclosure order', 'notifies users unless barred', pkg.caseId]) expect(items).toContain(fact);

    // The Update is validated: who records, a reference, a time not in the future, not before the warrant.
    const target = t.env.client.workflow.getHandle(workflowId);
    const record = (args: object) => target.executeUpdate(recordPortalSubmissionUpdate, { args: [args as PortalSubmissionInput] });
    await expect(record({ actor: coordinator, kind: 'takedown', reference: 'TT-1', submittedAt: ago(1000) })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await expect(record({ actor: agent, kind: 'takedown', reference: '  ', submittedAt: ago(1000) })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/reference/) } });
    await expect(record({ actor: agent, kind: 'takedown', reference: 'TT-1', submittedAt: new Date(Date.now() + 3_600_000).toISOString() })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/future/) } });
    await expect(record({ actor: agent, kind: 'takedown', reference: 'TT-1', submittedAt: new Date(Date.parse(warrant.at) - 3_600_000).toISOString() })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/before the warrant/) } });
    await expect(record({ actor: agent, kind: 'preservation', reference: 'TT-1', submittedAt: ago(1000) })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
    expect((await targetStatus(t.env, workflowId)).profile!.submissions).toHaveLength(0);

    // The compliance clock starts from the recorded submission.
    const submittedAt = new Date(Math.max(Date.parse(warrant.at), Date.now() - 500)).toISOString();
    const submission = await record({ actor: agent, kind: 'takedown', reference: 'TT-LE-2026-88412', submittedAt });
    expect(submission).toMatchObject({ kind: 'takedown', reference: 'TT-LE-2026-88412', submittedAt, actor: agent });
    const complying = await targetWhere(t.env, workflowId, 'COMPLIANCE', (s) => s.stage === 'COMPLIANCE' || s.stage === 'VERIFICATION');
    expect(complying.profile!.complianceDueBy).toBe(new Date(Date.parse(submittedAt) + 60_000).toISOString());
    expect(complying.task).toBeUndefined();

    // TikTok takes it down: its "couldn't find this account" page answers 200.
    t.world.site.remove(platformHosts.tiktok, path, { marker: "Couldn't find this account" });
    const result: TargetStatus = await finalTarget(target);
    expect(result.stage).toBe('REMOVED');
    expect(result.profile!.checks.at(-1)).toMatchObject({ status: 200, removed: true, seen: expect.stringContaining("couldn't find this account") });
    expect(result.profile!.checks.at(-1)!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.profile).toMatchObject({ channel: 'portal', legalEntity: 'TikTok Inc. (users in the United States)', nonDisclosure: true, watchWorkflowId: profileWatchWorkflowId({ platform: 'tiktok', handle: seller }) });
    // No e-mail to any platform: the portal was the channel.
    expect(t.world.sink.messages.filter((m) => m.envelope.to.some((to) => !to.endsWith('iprcenter.example')))).toHaveLength(0);

    // REMOVED is an end for the case, which closes while the watch runs on.
    const closed: CaseStatusView = await finalCase(handle);
    expect(closed.stage).toBe('CLOSED');
    expect(closed.targets[0]).toMatchObject({ key, stage: 'REMOVED' });
    await t.env.client.workflow.getHandle(result.profile!.watchWorkflowId!).terminate('test over');
  });
});

test('a profile that comes back after removal raises an alert to the coordinator; the watch continues as new', async () => {
  const seller = unique('slr');
  const path = `/${seller}`;
  t.world.site.live(platformHosts.x, path);
  const key = `x:${seller}`;
  const settings = { ...fastClocks, profileRecheckEvery: '300ms', profileWatchChecksPerRun: 3, profileWatchFor: '2m' };

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.x, path)], { requestedActions: ['takedown'] }, settings);
    await approve(t.env, handle);
    await recordWarrant(handle, [key]);
    const target = t.env.client.workflow.getHandle(`profile:${key}`);
    await targetWhere(t.env, target.workflowId, 'the portal task', (s) => s.task?.kind === 'portal-submission');
    await target.executeUpdate(recordPortalSubmissionUpdate, { args: [{ actor: agent, kind: 'takedown', reference: 'X-LR-7781', submittedAt: new Date().toISOString() }] });
    t.world.site.remove(platformHosts.x, path, { status: 404 });
    expect(((await target.result()) as TargetStatus).stage).toBe('REMOVED');

    const watch = t.env.client.workflow.getHandle(profileWatchWorkflowId({ platform: 'x', handle: seller }));
    const status = () => watch.query(profileWatchStatusQuery);
    // Several runs of re-checks, each a fresh history carrying the state.
    await waitFor('the watch continued as new', async () => { const s = await status(); return s.run >= 1 && s.checksRun >= 4 && s; });
    expect((await status()).state).toBe('WATCHING');

    // The seller re-opens the profile.
    t.world.site.live(platformHosts.x, path);
    const returned: ProfileWatchStatus = await waitFor('the alert', async () => { const s = await status(); return s.state === 'RETURNED' && s.alerts.length === 1 && s; });
    expect(returned.alerts[0]!.message).toContain(`${key} is back online`);
    const alert = await waitFor('the alert e-mail', () => t.world.sink.messages.find((m) => m.envelope.to.includes('coordinator@iprcenter.example')));
    expect(alert.parsed.subject).toContain(`${key} is back online`);
    expect(alert.parsed.text).toContain(t.world.site.link(platformHosts.x, path));
    expect(returned.alerts[0]!.noticeId).toBeDefined();

    // Removed again: back to watching, one alert only.
    t.world.site.remove(platformHosts.x, path, { status: 410 });
    const again = await waitFor('removed again', async () => { const s = await status(); return s.state === 'WATCHING' && s; });
    expect(again.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^removed again/)]));
    expect(again.alerts).toHaveLength(1);
    expect((await handle.query(caseStatusQuery)).targets[0]!.stage).toBe('REMOVED');
    await recordHistory('profile-watch', watch);
    await watch.terminate('test over');
  });
});

test('preservation through a portal: a checklist before the warrant, the submission starts the clock, the extension needs the portal\'s reference', async () => {
  const seller = unique('replica_bags_');
  t.world.site.live(platformHosts.instagram, `/${seller}`);
  const key = `instagram:${seller}`;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.instagram, `/${seller}`)], { requestedActions: ['takedown', 'preservation'] }, { ...fastClocks, preservationPeriod: '1h', preservationReminderBefore: '10m' });
    await approve(t.env, handle);
    const tasked = await targetWhere(t.env, `profile:${key}`, 'the preservation task', (s) => s.stage === 'PRESERVATION' && s.task?.kind === 'portal-submission');
    expect(tasked.task!.checklist).toMatchObject({ kind: 'preservation', portalUrl: 'https://www.facebook.com/records', legalEntity: 'Meta Platforms, Inc.' });
    expect(tasked.task!.checklist!.items.join('\n')).toMatch(/18 U\.S\.C\. § 2703\(f\) for 1 days .*no warrant is needed/);

    const target = t.env.client.workflow.getHandle(`profile:${key}`);
    const submittedAt = ago(60_000);
    await target.executeUpdate(recordPortalSubmissionUpdate, { args: [{ actor: agent, kind: 'preservation', reference: 'META-LE-991', submittedAt }] });
    const waiting = await targetWhere(t.env, target.workflowId, 'WARRANT', (s) => s.stage === 'WARRANT');
    expect(waiting.profile!.preservation).toMatchObject({ channel: 'portal', reference: 'META-LE-991', requestedAt: submittedAt, expiresAt: new Date(Date.parse(submittedAt) + 3_600_000).toISOString() });
    expect(waiting.task).toBeUndefined();

    await expect(target.executeUpdate(extendPreservationUpdate, { args: [{ actor: agent }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/reference/) } });
    const extended = await target.executeUpdate(extendPreservationUpdate, { args: [{ actor: agent, reference: 'META-LE-991-EXT', submittedAt: ago(1000) }] });
    expect(extended.extensions[0]).toMatchObject({ reference: 'META-LE-991-EXT', by: agent });
    expect(t.world.sink.messages).toHaveLength(0);

    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: key, reason: 'test over' }] });
    expect(((await target.result()) as TargetStatus).stage).toBe('WITHDRAWN');
  });
});

test("the case's user region picks the platform's legal entity in the portal checklist (TikTok in the EEA)", async () => {
  const seller = unique('eu.kicks.');
  t.world.site.live(platformHosts.tiktok, `/@${seller}`);
  const key = `tiktok:${seller}`;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.tiktok, `/@${seller}`)], { requestedActions: ['takedown'], userRegion: 'EEA' });
    await approve(t.env, handle);
    await recordWarrant(handle, [key]);
    const tasked = await targetWhere(t.env, `profile:${key}`, 'the portal task', (s) => s.task?.kind === 'portal-submission');
    expect(tasked.task!.checklist!.items).toContain('Address it to TikTok Technology Limited (Ireland)');
    expect(tasked.profile?.legalEntity).toBe('TikTok Technology Limited (Ireland)');
    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: key, reason: 'test over' }] });
    await handle.result();
  });
});
