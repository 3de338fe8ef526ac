import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  confirmForfeitureUpdate, recordHardshipDecisionUpdate, recordHardshipPetitionUpdate, recordHardshipRequestUpdate, recordClaimUpdate, recordComplaintUpdate, recordExtensionUpdate, recordForfeitureOrderUpdate, recordPersonalNoticeUpdate, recordPublicationUpdate, releaseDomainUpdate,
} from '../../domain/custody';
import { searchAttributes } from '../../domain/search-attributes';
import { bannerRequest } from '../banner/http';
import { agent, counsel, supervisor } from '../helpers/case-fixtures';
import { recordHistory } from '../helpers/record-history';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';
import { alertOf, bundleCustody, coordinatorMail, deadlineState, restoreFacts, seizedDomain, startCustody, status } from './custody-helpers';

const t = useWorkflowTest(startWorld, bundleCustody);

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const page = (domain: string) => bannerRequest(t.world.banner.url, { host: domain });

test('forfeiture: personal notice and publication recorded, the claim deadline passes unclaimed, FORFEITED with the public-service page', async () => {
  const seized = seizedDomain(t.world);
  const clocks = { reverifyEvery: '1h', personalNoticeWithin: '1m', clockAlertBefore: '5s', publicationFor: '2s', claimAfterPublication: '1s', claimAfterDirectNotice: '1s' } as const;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, clocks);

    // Only counsel or a supervisor may record a court's order; the refusal records nothing.
    const refused = handle.executeUpdate(recordExtensionUpdate, { args: [{ actor: agent, clock: 'personal-notice', until: inMs(120_000), sealed: true, order: '26-MJ-04417 (sealed)' }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await expect(handle.executeUpdate(recordPublicationUpdate, { args: [{ actor: agent, firstDay: 'yesterday' }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED' } });

    const afterNotice = await handle.executeUpdate(recordPersonalNoticeUpdate, { args: [{ actor: agent, sentOn: new Date().toISOString(), to: ['registrant (by mail and e-mail)'] }] });
    expect(afterNotice.clocks.claimDeadline).toBeUndefined(); // not before publication
    await expect(handle.executeUpdate(recordPersonalNoticeUpdate, { args: [{ actor: agent, sentOn: new Date().toISOString(), to: ['again'] }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });

    const firstDay = new Date().toISOString();
    const published = await handle.executeUpdate(recordPublicationUpdate, { args: [{ actor: agent, firstDay }] });
    expect(published.forfeiture.publication).toMatchObject({ site: 'www.forfeiture.gov', firstDay });
    expect(Date.parse(published.clocks.publicationEnds!) - Date.parse(firstDay)).toBe(2000);
    expect(Date.parse(published.clocks.claimDeadline!) - Date.parse(firstDay)).toBe(3000);

    // Nobody files a claim: at the claim deadline the forfeiture is due, but nothing changes until counsel confirms it.
    const due = await alertOf(handle, 'forfeiture-due');
    expect(due.message).toContain('counsel must confirm it');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const waiting = await status(handle);
    expect(waiting).toMatchObject({ state: 'IN_CUSTODY', bannerMode: 'seizure', forfeiture: { due: { reason: `no timely claim by ${published.clocks.claimDeadline}` } } });
    expect((await page(seized.domain)).body).toContain('data-takedown-banner="seizure"');
    await expect(handle.executeUpdate(confirmForfeitureUpdate, { args: [{ actor: agent }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    const confirmed = await handle.executeUpdate(confirmForfeitureUpdate, { args: [{ actor: counsel, note: 'notice and publication checked; no claim on file' }] });
    expect(confirmed.forfeiture.confirmation).toMatchObject({ actor: counsel, note: 'notice and publication checked; no claim on file' });
    const final = await handle.result();
    expect(final.state).toBe('FORFEITED');
    expect(Date.parse(final.endedAt!)).toBeGreaterThanOrEqual(Date.parse(confirmed.forfeiture.confirmation!.at));
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^administrative forfeiture due \(no timely claim by .*\): awaiting counsel's confirmation/),
      'forfeiture confirmed by AUSA Grace Okafor: notice and publication checked; no claim on file',
      expect.stringMatching(/^stage FORFEITED: forfeited administratively: no timely claim by .*, confirmed by AUSA Grace Okafor/),
    ]));
    expect(final.bannerMode).toBe('public-service');
    expect((await page(seized.domain)).body).toContain('data-takedown-banner="public-service"');
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.Stage)).toBe('FORFEITED');
    expect(final.alerts.map((a) => a.kind)).toEqual(['forfeiture-due', 'forfeited']);
    await waitFor('the forfeiture mailed to the coordinator', () => coordinatorMail(t.world).find((m) => m.subject.includes('forfeited')));
    await recordHistory('custody', handle);
  });
});

test('a timely claim stops administrative forfeiture; the complaint clock and a sealed extension do not run on silently; the court orders forfeiture', async () => {
  const seized = seizedDomain(t.world);
  const clocks = { reverifyEvery: '1h', personalNoticeWithin: '1m', clockAlertBefore: '1s', publicationFor: '1s', claimAfterPublication: '1s', claimAfterDirectNotice: '1s', complaintWithin: '2s' } as const;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, clocks);
    await handle.executeUpdate(recordPersonalNoticeUpdate, { args: [{ actor: agent, sentOn: new Date().toISOString(), to: ['registrant'] }] });
    await handle.executeUpdate(recordPublicationUpdate, { args: [{ actor: agent, firstDay: new Date().toISOString() }] });
    const claimed = await handle.executeUpdate(recordClaimUpdate, { args: [{ actor: agent, claimant: 'Shop Owner Ltd.', filedOn: new Date().toISOString() }] });
    expect(claimed.forfeiture.claims[0]).toMatchObject({ claimant: 'Shop Owner Ltd.', timely: true });
    const complaintDue = claimed.clocks.complaintDue!;

    // A sealed extension of the complaint deadline: it must end after the current one.
    await expect(handle.executeUpdate(recordExtensionUpdate, { args: [{ actor: counsel, clock: 'complaint', until: complaintDue, sealed: true, order: 'Order 26-MC-0091 (sealed)' }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED' } });
    const until = inMs(4000);
    const extended = await handle.executeUpdate(recordExtensionUpdate, { args: [{ actor: counsel, clock: 'complaint', until, sealed: true, order: 'Order 26-MC-0091 (sealed)' }] });
    expect(extended.clocks.complaintDue).toBe(until);

    // The claim deadline passes, but a claim stands: no forfeiture. The extension's end is warned of, then breached.
    expect((await alertOf(handle, 'extension-ending')).message).toContain('under the sealed extension of order Order 26-MC-0091 (sealed)');
    const ended = await alertOf(handle, 'extension-ended');
    expect(ended).toMatchObject({ dueBy: until, message: expect.stringContaining('the domain must be released unless a court extends the deadline') });
    await waitFor('DeadlineState BREACHED', async () => (await deadlineState(handle)) === 'BREACHED');
    expect((await status(handle)).state).toBe('IN_CUSTODY');
    await waitFor('the breach mailed to the coordinator', () => coordinatorMail(t.world).find((m) => m.subject.includes('extension ended')));

    // Counsel files the complaint (judicial forfeiture) and records the court's order.
    await handle.executeUpdate(recordComplaintUpdate, { args: [{ actor: counsel, filedOn: new Date().toISOString(), docket: '1:26-cv-09912' }] });
    // The order is dated today: a fact of this seizure lies between the seizure and today.
    const orderedOn = new Date().toISOString().slice(0, 10);
    await expect(handle.executeUpdate(recordForfeitureOrderUpdate, { args: [{ actor: agent, orderedOn }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await handle.executeUpdate(recordForfeitureOrderUpdate, { args: [{ actor: counsel, orderedOn, docket: '1:26-cv-09912' }] });
    const final = await handle.result();
    expect(final.state).toBe('FORFEITED');
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([`stage FORFEITED: forfeited by order of ${orderedOn}; the banner shows the public-service page`]));
  });
});

test('a release of custody started by hand (no record of the seizure order): off the banner (its host gets a 404), the coordinator told to send the release order by hand', async () => {
  const seized = seizedDomain(t.world);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, { reverifyEvery: '1h' });
    expect((await page(seized.domain)).status).toBe(200);
    await expect(handle.executeUpdate(releaseDomainUpdate, { args: [{ actor: agent, reason: 'case dropped' }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });

    const answer = await handle.executeUpdate(releaseDomainUpdate, { args: [{ actor: counsel, reason: 'claim granted: the domain is returned to its owner' }] });
    expect(answer.forfeiture.release).toMatchObject({ reason: 'claim granted: the domain is returned to its owner', actor: counsel });
    const final = await handle.result();
    expect(final).toMatchObject({ state: 'RELEASED', bannerMode: 'removed' });
    expect(final.forfeiture.release?.releasedAt).toBeDefined();
    expect((await page(seized.domain)).status).toBe(404);
    expect(t.world.banner.allowList.get(seized.domain)).toMatchObject({ releaseReason: 'claim granted: the domain is returned to its owner' });
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.Stage)).toBe('RELEASED');
    const mail = await waitFor('the release mailed to the coordinator', () => coordinatorMail(t.world).find((m) => m.subject.includes('released')));
    expect(mail.text).toContain("the registry must restore the registrant's name servers and lift the registry lock; send it the release order by hand");
    expect(final.notices).toEqual([]);
  });
});

test('a release the registry does not act on: RELEASING past its deadline, re-notified, the coordinator alerted; RELEASED only once the registry shows the domain restored', async () => {
  const seized = seizedDomain(t.world);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, { reverifyEvery: '1h', releaseCheckEvery: '200ms', releaseCheckMax: '500ms' }, { restore: restoreFacts(seized, '2s') });
    await handle.executeUpdate(releaseDomainUpdate, { args: [{ actor: supervisor, reason: 'the case is dropped' }] });
    // A fact recorded after the release is refused: custody is over but for the registry.
    await expect(handle.executeUpdate(recordClaimUpdate, { args: [{ actor: agent, claimant: 'late claimant', filedOn: new Date().toISOString() }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });

    const overdue = await alertOf(handle, 'release-overdue');
    expect(overdue.message).toMatch(new RegExp(`^the registry has not restored ${seized.domain.replace(/\./g, '\\.')} by .* \\(statuses .*serverUpdateProhibited.*; still locked: `));
    // The search attributes are upserted with the workflow task that raised the alert; the describe may see them a moment later.
    await waitFor('DeadlineState BREACHED', async () => (await deadlineState(handle)) === 'BREACHED');
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.Stage)).toBe('RELEASING');
    const orderId = (await status(handle)).forfeiture.release!.orders![0]!;
    await waitFor('the release order re-notified', async () => (await status(handle)).notices.find((n) => n.noticeId === `${orderId}/renotice-1`));
    expect((await status(handle)).state).toBe('RELEASING');
    await waitFor('the overdue release mailed to the coordinator', () => coordinatorMail(t.world).find((m) => m.subject.includes('release overdue')));

    // The registry finally acts: the next look sees it, without any acknowledgement.
    t.world.rdap.restore(seized.domain);
    const final = await handle.result();
    expect(final).toMatchObject({ state: 'RELEASED', forfeiture: { release: { restoredAt: expect.any(String), lastCheck: { ok: true } } } });
    expect(final.alerts.map((a) => a.kind)).toEqual(['release-overdue', 'released']);
    expect(await deadlineState(handle)).toBe('OK');
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/needs no answer any more: the registry shows the domain restored$/)]));
    await recordHistory('custody-release', handle);
  });
});

test('hardship (§983(f)): the request goes unanswered past 15 days (shortened), the claimant petitions the court, and the granted petition releases the domain through the registry', async () => {
  const seized = seizedDomain(t.world);
  const clocks = { reverifyEvery: '1h', clockAlertBefore: '1s', hardshipResponseWithin: '2s', hardshipRulingWithin: '1h', releaseCheckEvery: '200ms', releaseCheckMax: '500ms' } as const;
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, clocks, { restore: restoreFacts(seized) });
    const now = () => new Date().toISOString();
    await expect(handle.executeUpdate(recordHardshipDecisionUpdate, { args: [{ actor: counsel, by: 'agency', outcome: 'granted', decidedOn: now(), reason: 'no request yet' }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
    await expect(handle.executeUpdate(recordHardshipRequestUpdate, { args: [{ actor: agent, claimant: 'Lux Outlet LLC', filedOn: now(), basis: 'short' }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', details: [{ basis: [expect.stringContaining('§983(f)(1)')] }] } });
    const requested = await handle.executeUpdate(recordHardshipRequestUpdate, { args: [{ actor: agent, claimant: 'Lux Outlet LLC', filedOn: now(), basis: 'the domain carries the e-mail of a lawful repair business' }] });
    expect(requested.clocks.hardshipResponseDue).toBeDefined();
    await expect(handle.executeUpdate(recordHardshipDecisionUpdate, { args: [{ actor: agent, by: 'agency', outcome: 'granted', decidedOn: now(), reason: 'agents may not decide' }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await expect(handle.executeUpdate(recordHardshipDecisionUpdate, { args: [{ actor: counsel, by: 'court', outcome: 'granted', decidedOn: now(), reason: 'no petition yet' }] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });

    const overdue = await alertOf(handle, 'hardship-response-overdue');
    expect(overdue.message).toContain('the claimant may now petition the district court');
    const petitioned = await handle.executeUpdate(recordHardshipPetitionUpdate, { args: [{ actor: agent, filedOn: now(), docket: '1:26-cv-09911' }] });
    expect(petitioned.clocks.hardshipResponseDue).toBeUndefined();
    expect(petitioned.clocks.hardshipRulingDue).toEqual(expect.any(String));

    t.world.rdap.restore(seized.domain); // the registry acts as soon as it gets the order
    const ruled = await handle.executeUpdate(recordHardshipDecisionUpdate, { args: [{ actor: counsel, by: 'court', outcome: 'granted', decidedOn: now(), reason: 'the business cannot operate without its domain' }] });
    expect(ruled.forfeiture.release?.reason).toBe('hardship release granted by the court (1:26-cv-09911) under 18 U.S.C. §983(f): the business cannot operate without its domain');
    const final = await handle.result();
    expect(final).toMatchObject({ state: 'RELEASED', bannerMode: 'removed', forfeiture: { hardship: { courtPetition: { ruling: { outcome: 'granted', actor: counsel } } }, release: { orders: [expect.stringContaining('/release-custody-')], restoredAt: expect.any(String) } } });
    expect(final.alerts.map((a) => a.kind)).toEqual(['hardship-response-due', 'hardship-response-overdue', 'released']);
  });
});

test('custody started with the statutory clocks at 1 ms (not a test’s short clocks) runs them within the law’s bounds and says so', async () => {
  const seized = seizedDomain(t.world);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, {}, { settings: { reverifyEvery: '1h', personalNoticeWithin: 1, publicationFor: 1, claimAfterPublication: 1, claimAfterDirectNotice: 1, complaintWithin: '365d' } });
    const published = await handle.executeUpdate(recordPublicationUpdate, { args: [{ actor: agent, firstDay: new Date().toISOString() }] });
    const noticed = await handle.executeUpdate(recordPersonalNoticeUpdate, { args: [{ actor: agent, sentOn: new Date().toISOString(), to: ['registrant'] }] });
    const s = await status(handle);
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    expect(days(s.seizedAt, s.clocks.personalNoticeDue)).toBe(60);
    expect(days(published.forfeiture.publication!.firstDay, noticed.clocks.publicationEnds!)).toBe(30);
    expect(days(published.forfeiture.publication!.firstDay, noticed.clocks.claimDeadline!)).toBe(60);
    expect(s.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^custody clocks brought within the law's bounds: personalNoticeWithin 1 → 60d .*complaintWithin 365d → 90d/)]));
    expect(s.state).toBe('IN_CUSTODY');
    await handle.terminate('test done');
  });
});
