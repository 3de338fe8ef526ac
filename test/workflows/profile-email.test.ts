import { acknowledgeNoticeSignal } from '../../domain/notice';
import { caseStatusQuery, withdrawTargetUpdate } from '../../domain/case';
import { extendPreservationUpdate } from '../../domain/profile-takedown';
import type { CaseStatusView } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import { agent, counsel } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { approve, fastClocks, openProfileCase, platformHosts, recordWarrant, startProfileWorld, targetStatus, targetWhere } from './profile-world';
import { recordHistory } from '../helpers/record-history';
import { finalCase, finalTarget } from '../helpers/case-actions';

const t = useWorkflowTest(startProfileWorld);

const platformDesk = 'law-enforcement@marketplace.example';
const toDesk = () => t.world.sink.messages.filter((m) => m.envelope.to.includes(platformDesk));

test('an e-mail platform (the marketplace): from the pasted link to REMOVED, through the case\'s platform request', async () => {
  const seller = unique('replica-king-');
  const path = `/usr/${seller}`;
  t.world.site.live(platformHosts.marketplace, path);
  const key = `marketplace:ebay/usr/${seller}`;
  const workflowId = `profile:${key}`;

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, pkg } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.marketplace, path)], { requestedActions: ['takedown'] });
    expect((await targetStatus(t.env, workflowId)).evidence[0]).toMatchObject({ status: 200, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await approve(t.env, handle);
    await targetWhere(t.env, workflowId, 'WARRANT', (s) => s.stage === 'WARRANT');
    expect(toDesk()).toHaveLength(0);
    await recordWarrant(handle, [key]);

    // The case serves one request on the platform's law-enforcement address, naming the canonical profile URL.
    const [request] = await waitFor('the platform request', () => toDesk().length > 0 && toDesk());
    expect(request!.parsed.subject).toContain(`Law-enforcement request to Online marketplace: remove 1 account(s) selling counterfeit goods, case ${pkg.caseId}`);
    for (const fact of [`https://www.ebay.com/usr/${seller}`, '26-MJ-04417', 'Example Marketplace, Inc.']) expect(request!.parsed.text).toContain(fact);
    const complying = await targetWhere(t.env, workflowId, 'COMPLIANCE', (s) => s.stage === 'COMPLIANCE');
    expect(complying.notices.map((n) => n.kind)).toEqual(['platform-request']);

    // The platform confirms through its link and takes the seller down.
    const notice = (await handle.query(caseStatusQuery)).notices.find((n) => n.kind === 'platform-request')!;
    await handle.signal(acknowledgeNoticeSignal, { noticeId: notice.noticeId, kind: 'actioned', by: { name: 'Marketplace LE Response', email: platformDesk }, reference: 'MKT-55102' });
    t.world.site.remove(platformHosts.marketplace, path, { status: 404 });

    const result: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(workflowId));
    expect(result.stage).toBe('REMOVED');
    expect(result.acknowledgements).toEqual([expect.objectContaining({ noticeId: notice.noticeId, reference: 'MKT-55102' })]);
    expect(result.verifications.at(-1)).toMatchObject({ verified: true });
    expect(result.profile).toMatchObject({ channel: 'email', removedAt: expect.any(String), complianceDueBy: new Date(Date.parse(notice.sentAt) + 60_000).toISOString() });
    expect(result.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['stage EVIDENCE', 'stage LEGAL_REVIEW', 'stage WARRANT', 'stage NOTICE', 'stage COMPLIANCE', 'stage VERIFICATION', 'stage REMOVED']));
    expect(result.timeline.map((e) => e.action)).not.toContain('stage PRESERVATION');

    const closed: CaseStatusView = await finalCase(handle);
    await recordHistory('profile-takedown', t.env.client.workflow.getHandle(workflowId));
    expect(closed.stage).toBe('CLOSED');
    expect(toDesk()).toHaveLength(1);
    await t.env.client.workflow.getHandle(result.profile!.watchWorkflowId!).terminate('test over');
  });
});

test('preservation: the § 2703(f) letter goes out before the warrant, the agent is reminded before it expires and extends it once', async () => {
  const seller = unique('bargain-');
  const path = `/usr/${seller}`;
  t.world.site.live(platformHosts.marketplace, path);
  const key = `marketplace:ebay/usr/${seller}`;
  const workflowId = `profile:${key}`;
  const settings = { ...fastClocks, preservationPeriod: '6s', preservationReminderBefore: '4s' };

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, pkg } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.marketplace, path)], { requestedActions: ['takedown', 'preservation'], nonDisclosure: true }, settings);
    await approve(t.env, handle);

    // No warrant yet: the preservation letter needs none.
    const [letter] = await waitFor('the preservation letter', () => toDesk().length > 0 && toDesk());
    expect(letter!.parsed.subject).toBe(`Preservation request under 18 U.S.C. § 2703(f) to Online marketplace: 1 account(s), case ${pkg.caseId}`);
    for (const fact of [`https://www.ebay.com/usr/${seller}`, 'NON-DISCLOSURE', 'UNTIL ']) expect(letter!.parsed.text).toContain(fact);
    expect(letter!.parsed.text).not.toContain('26-MJ-04417');
    const xarf = JSON.parse(letter!.parsed.attachments[0]!.content.toString('utf8'));
    expect(xarf.legal_process).toMatchObject({ action: 'profile_preservation', non_disclosure: true, preservation: { requested: true, statute: '18 U.S.C. § 2703(f)' } });
    expect(xarf.legal_process.warrant).toBeUndefined();

    const waiting = await targetWhere(t.env, workflowId, 'WARRANT with a preservation', (s) => s.stage === 'WARRANT' && s.profile?.preservation !== undefined);
    const first = waiting.profile!.preservation!;
    expect(first).toMatchObject({ channel: 'email', statute: '18 U.S.C. § 2703(f)', extensions: [], expired: false });
    expect(Date.parse(first.expiresAt) - Date.parse(first.requestedAt)).toBe(6000);

    // The platform acknowledges the letter through its link, which names this target's workflow.
    const target = t.env.client.workflow.getHandle(workflowId);
    await target.signal(acknowledgeNoticeSignal, { noticeId: first.noticeId!, kind: 'received', by: { name: 'Marketplace LE Response', email: platformDesk } });

    // Reminded (the case's contact), then extended once: the extension letter goes out and the expiry moves.
    const reminder = await waitFor('the reminder', () => t.world.sink.messages.find((m) => m.envelope.to.includes('dana.rivera@hsi.example')));
    expect(reminder.parsed.subject).toContain(`the preservation of ${key} at Online marketplace expires on`);
    await expect(target.executeUpdate(extendPreservationUpdate, { args: [{ actor: counsel }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    const extended = await target.executeUpdate(extendPreservationUpdate, { args: [{ actor: agent }] });
    expect(extended.extensions).toHaveLength(1);
    expect(Date.parse(extended.expiresAt) - Date.parse(first.expiresAt)).toBe(6000);
    expect(extended.acknowledgedAt).toBeDefined();
    await expect(target.executeUpdate(extendPreservationUpdate, { args: [{ actor: agent }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE', message: expect.stringMatching(/extended already/) } });
    await waitFor('the extension letter', () => toDesk().some((m) => m.parsed.subject?.startsWith('Extension of preservation')));

    // A reminder for the new expiry, then the expiry itself, are recorded while the target waits for its warrant.
    const expired = await targetWhere(t.env, workflowId, 'the preservation expired', (s) => s.profile?.preservation?.expired === true, 20_000);
    expect(expired.profile!.preservation!.remindedFor).toEqual([first.expiresAt, extended.expiresAt]);
    expect(expired.stage).toBe('WARRANT');

    await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: key, reason: 'test over' }] });
    expect(((await target.result()) as TargetStatus).stage).toBe('WITHDRAWN');
    await handle.result();
  });
});
