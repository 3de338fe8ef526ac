import type { Actor } from '../../domain/actors';
import { custodySettingsSchema, type CustodyStatus } from '../../domain/custody';
import { assess, computeClocks } from '../../workflows/custody/clocks';

// The forfeiture clocks with the law's default durations: pure functions of the recorded facts and the time.
const day = 86_400_000;
const settings = custodySettingsSchema.parse({});
const counsel: Actor = { id: 'counsel-okafor', name: 'AUSA Grace Okafor', role: 'counsel' };
const seizedAt = '2026-01-10T00:00:00.000Z';
const t = (days: number) => new Date(Date.parse(seizedAt) + days * day).toISOString();

function custody(over: Partial<CustodyStatus> = {}): CustodyStatus {
  const status: CustodyStatus = {
    domain: 'luxury-outlet.com', caseId: 'HSI-NY-2026-0142', caseTitle: 'Counterfeit handbags', caseRef: 'HSI-NY-2026-0142', state: 'IN_CUSTODY', seizedAt,
    renewals: [], nextCheckAt: t(1), failing: false, checksRun: 0, run: 0, bannerMode: 'seizure', forfeiture: { claims: [], extensions: [] },
    clocks: { personalNoticeDue: seizedAt }, deadlineState: 'OK', alerts: [], notices: [], acknowledgements: [], raised: [], timeline: [], ...over,
  };
  return { ...status, clocks: computeClocks(status, settings) };
}

test('personal notice is due 60 days after seizure; a week before it is due soon, after it breached', () => {
  const s = custody();
  expect(s.clocks.personalNoticeDue).toBe(t(60));
  expect(assess(s, settings, Date.parse(t(10))).deadlineState).toBe('OK');
  expect(assess(s, settings, Date.parse(t(54))).alerts).toEqual([expect.objectContaining({ kind: 'personal-notice-due', dueBy: t(60) })]);
  const late = assess(s, settings, Date.parse(t(61)));
  expect(late.deadlineState).toBe('BREACHED');
  expect(late.alerts[0]).toMatchObject({ kind: 'personal-notice-overdue', message: expect.stringContaining('send it, obtain an extension, or return the domain') });
});

test('the claim deadline is the later of 35 days after the direct notice and 30 days after the last day of publication', () => {
  const noticed = { sentOn: t(20), to: ['registrant'], actor: counsel, at: t(20) };
  const early = custody({ forfeiture: { claims: [], extensions: [], personalNotice: noticed, publication: { firstDay: t(21), site: 'www.forfeiture.gov', actor: counsel, at: t(21) } } });
  expect(early.clocks).toMatchObject({ publicationEnds: t(51), claimDeadline: t(81) });
  const lateNotice = custody({ forfeiture: { claims: [], extensions: [], personalNotice: { ...noticed, sentOn: t(50) }, publication: { firstDay: t(10), site: 'www.forfeiture.gov', actor: counsel, at: t(10) } } });
  expect(lateNotice.clocks.claimDeadline).toBe(t(85));
  expect(assess(early, settings, Date.parse(t(80))).forfeitureDue).toBe(false);
  expect(assess(early, settings, Date.parse(t(81))).forfeitureDue).toBe(true);
});

test('a timely claim gives 90 days for the complaint; a sealed extension moves the deadline and its end is named', () => {
  const base = { personalNotice: { sentOn: t(5), to: ['registrant'], actor: counsel, at: t(5) }, publication: { firstDay: t(5), site: 'www.forfeiture.gov', actor: counsel, at: t(5) } };
  const claimed = custody({ forfeiture: { ...base, claims: [{ claimant: 'Owner', filedOn: t(30), timely: true, actor: counsel, at: t(30) }], extensions: [] } });
  expect(claimed.clocks.complaintDue).toBe(t(120));
  expect(assess(claimed, settings, Date.parse(t(200))).forfeitureDue).toBe(false);
  const extension = { clock: 'complaint' as const, until: t(180), sealed: true, order: '26-MC-0091', actor: counsel, at: t(100) };
  const extended = custody({ forfeiture: { ...claimed.forfeiture, extensions: [extension] } });
  expect(extended.clocks.complaintDue).toBe(t(180));
  expect(assess(extended, settings, Date.parse(t(121))).alerts).toEqual([]);
  expect(assess(extended, settings, Date.parse(t(175))).alerts).toEqual([expect.objectContaining({ kind: 'extension-ending', key: `complaint-due:${t(180)}` })]);
  const ended = assess(extended, settings, Date.parse(t(181)));
  expect(ended.alerts[0]).toMatchObject({ kind: 'extension-ended', message: expect.stringContaining('under the sealed extension of order 26-MC-0091') });
  expect(ended.deadlineState).toBe('BREACHED');
});

test('hardship (§983(f)): the agency answers within 15 days or the claimant may go to court; the court rules within 30 days of the petition', () => {
  const noticed = { personalNotice: { sentOn: t(5), to: ['registrant'], actor: counsel, at: t(5) } };
  const request = { claimant: 'Lux Outlet LLC', filedOn: t(10), basis: 'the domain carries the business e-mail of a lawful shop', actor: counsel, at: t(10) };
  const requested = custody({ forfeiture: { ...noticed, claims: [], extensions: [], hardship: request } });
  expect(requested.clocks).toMatchObject({ hardshipResponseDue: t(25), hardshipRulingDue: undefined });
  expect(assess(requested, settings, Date.parse(t(12))).alerts).toEqual([]);
  expect(assess(requested, settings, Date.parse(t(19))).alerts).toEqual([expect.objectContaining({ kind: 'hardship-response-due', dueBy: t(25) })]);
  const unanswered = assess(requested, settings, Date.parse(t(25)));
  expect(unanswered).toMatchObject({ deadlineState: 'BREACHED', deadlineAt: t(25) });
  expect(unanswered.alerts[0]).toMatchObject({ kind: 'hardship-response-overdue', message: expect.stringContaining('the claimant may now petition the district court (18 U.S.C. §983(f)(3))') });

  // Denied by the agency, the claimant petitions the court: the response clock ends and the court's begins.
  const petitioned = custody({ forfeiture: { ...noticed, claims: [], extensions: [], hardship: { ...request, response: { outcome: 'denied', decidedOn: t(20), reason: 'used to sell counterfeits (§983(f)(8)(D))', actor: counsel, at: t(20) }, courtPetition: { filedOn: t(22), docket: '1:26-cv-09911', actor: counsel, at: t(22) } } } });
  expect(petitioned.clocks).toMatchObject({ hardshipResponseDue: undefined, hardshipRulingDue: t(52) });
  expect(assess(petitioned, settings, Date.parse(t(46))).alerts).toEqual([expect.objectContaining({ kind: 'hardship-ruling-due', dueBy: t(52), message: expect.stringContaining('1:26-cv-09911') })]);
});

test('expiry: alerted 60 days before; the next wake-up is the nearest of the check and the deadlines', () => {
  const s = custody({ expiresAt: t(100), nextCheckAt: t(1) });
  expect(assess(s, settings, Date.parse(t(39))).alerts).toEqual([]);
  expect(assess(s, settings, Date.parse(t(40))).alerts).toEqual([expect.objectContaining({ kind: 'expiry-near', key: `expiry-near:${t(100)}` })]);
  expect(assess(s, settings, Date.parse(t(0.5))).nextWakeAt).toBe(Date.parse(t(1)));
  // An overdue check still wakes the loop at once rather than at the next deadline.
  expect(assess(s, settings, Date.parse(t(2))).nextWakeAt).toBe(Date.parse(t(1)));
  expect(assess(s, settings, Date.parse(t(2))).deadlineAt).toBe(t(60));
});

test('judicial forfeiture (Rule G): claims close at the later of 35 days after the direct notice and 60 after publication; a claimant answers within 21 days', () => {
  const base = { personalNotice: { sentOn: t(5), to: ['registrant'], actor: counsel, at: t(5) }, publication: { firstDay: t(5), site: 'www.forfeiture.gov', actor: counsel, at: t(5) }, claims: [{ claimant: 'Owner', filedOn: t(30), timely: true, actor: counsel, at: t(30) }], extensions: [] };
  const complaint = { filedOn: t(100), docket: '1:26-cv-04417', actor: counsel, at: t(100) };
  // No deadline before the action's publication is recorded: it is what reaches the claimants nobody knew of.
  expect(custody({ forfeiture: { ...base, complaint, judicialNotice: { sentOn: t(102), to: ['Owner'], actor: counsel, at: t(102) } } }).clocks.judicialClaimDeadline).toBeUndefined();
  const published = { ...base, complaint, judicialPublication: { firstDay: t(110), site: 'www.forfeiture.gov', actor: counsel, at: t(110) } };
  expect(custody({ forfeiture: published }).clocks.judicialClaimDeadline).toBe(t(170));
  // A direct notice sent late moves the deadline to its own 35 days when that is later.
  const noticedLate = custody({ forfeiture: { ...published, judicialNotice: { sentOn: t(150), to: ['Owner'], actor: counsel, at: t(150) } } });
  expect(noticedLate.clocks.judicialClaimDeadline).toBe(t(185));
  expect(assess(noticedLate, settings, Date.parse(t(170))).alerts).toEqual([]);
  expect(assess(noticedLate, settings, Date.parse(t(180))).alerts).toEqual([expect.objectContaining({ kind: 'judicial-claims-closing', dueBy: t(185) })]);
  // Past the deadline with no claim: counsel may move for a default judgment (not a breach of ours).
  const closed = assess(noticedLate, settings, Date.parse(t(186)));
  expect(closed.alerts).toEqual([expect.objectContaining({ kind: 'judicial-claims-closed', message: expect.stringContaining('counsel may move for a default judgment') })]);
  expect(closed.deadlineState).toBe('DUE_SOON');
  // A timely claim: its answer is due 21 days later, overdue after; once answered, nothing is due.
  const claim = { claimant: 'Owner', filedOn: t(160), timely: true, actor: counsel, at: t(160) };
  const claimed = custody({ forfeiture: { ...published, judicialClaims: [claim] } });
  expect(claimed.clocks.judicialAnswerDue).toBe(t(181));
  expect(assess(claimed, settings, Date.parse(t(165))).alerts.map((a) => a.kind)).toEqual(['judicial-claims-closing']);
  // The period has closed with a timely claim: no default, but the answer is due.
  expect(assess(claimed, settings, Date.parse(t(175))).alerts.map((a) => a.kind)).toEqual(['judicial-answer-due']);
  const overdue = assess(claimed, settings, Date.parse(t(182)));
  expect(overdue.alerts.map((a) => a.kind)).toEqual(['judicial-answer-overdue']);
  expect(overdue.deadlineState).toBe('BREACHED');
  const answered = custody({ forfeiture: { ...published, judicialClaims: [{ ...claim, answer: { filedOn: t(175), actor: counsel, at: t(175) } }] } });
  expect(answered.clocks.judicialAnswerDue).toBeUndefined();
  expect(assess(answered, settings, Date.parse(t(200))).alerts).toEqual([]);
});
