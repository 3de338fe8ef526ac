import type { CustodyAlertKind, CustodyClocks, CustodySettings, CustodyStatus, DeadlineState, ExtendableClock, Extension, ForfeitureRecord } from '../../domain/custody';
import { durationMs } from '../../domain/duration';

/**
 * The forfeiture and expiry clocks as pure functions of the recorded facts and the time: deterministic,
 * so the workflow (and a replay) always derives the same deadlines and the same alerts.
 */

export interface PendingAlert {
  key: string;
  kind: CustodyAlertKind;
  message: string;
  dueBy?: string;
}

export interface Assessment {
  alerts: PendingAlert[];
  deadlineState: DeadlineState;
  /** The nearest deadline still open (search attribute DeadlineAt). */
  deadlineAt?: string;
  /** When the workflow must look again: the next check, warning or deadline. */
  nextWakeAt: number;
  /** Administrative forfeiture: notice and publication done, claim deadline passed, no timely claim, no complaint. */
  forfeitureDue: boolean;
}

const ms = (iso: string) => Date.parse(iso);
const iso = (time: number) => new Date(time).toISOString();

/** The extension in force for a clock: the last one recorded. */
export function extensionOf(f: ForfeitureRecord, clock: ExtendableClock): Extension | undefined {
  return f.extensions.filter((e) => e.clock === clock).at(-1);
}

/** The deadlines the facts give so far (a sealed or open extension moves its clock to its end date). */
export function computeClocks(status: Pick<CustodyStatus, 'seizedAt' | 'forfeiture'>, s: CustodySettings): CustodyClocks {
  const f = status.forfeiture;
  const extended = (base: number, clock: ExtendableClock) => iso(Math.max(base, ms(extensionOf(f, clock)?.until ?? iso(0))));
  const publicationEnds = f.publication ? iso(ms(f.publication.firstDay) + durationMs(s.publicationFor)) : undefined;
  // 28 CFR 8.10(b): the later of the deadline in the direct notice and 30 days after the final publication.
  const claimDeadline = publicationEnds && f.personalNotice
    ? iso(Math.max(ms(publicationEnds) + durationMs(s.claimAfterPublication), ms(f.personalNotice.sentOn) + durationMs(s.claimAfterDirectNotice)))
    : undefined;
  const claim = f.claims.find((c) => c.timely);
  const h = f.hardship;
  // Rule G(5)(a)(ii): the later of the direct notice's 35 days and publication's 60 (publication is what reaches
  // the claimants nobody knew of, so the deadline is known once it is recorded).
  const judicialClaimDeadline = f.complaint && f.judicialPublication
    ? iso(Math.max(ms(f.judicialPublication.firstDay) + durationMs(s.judicialClaimAfterPublication), f.judicialNotice ? ms(f.judicialNotice.sentOn) + durationMs(s.judicialClaimAfterDirectNotice) : 0))
    : undefined;
  const unanswered = (f.judicialClaims ?? []).filter((c) => c.timely && !c.answer).sort((a, b) => ms(a.filedOn) - ms(b.filedOn))[0];
  return {
    personalNoticeDue: extended(ms(status.seizedAt) + durationMs(s.personalNoticeWithin), 'personal-notice'),
    publicationEnds,
    claimDeadline,
    complaintDue: claim ? extended(ms(claim.filedOn) + durationMs(s.complaintWithin), 'complaint') : undefined,
    judicialClaimDeadline,
    judicialAnswerDue: unanswered ? iso(ms(unanswered.filedOn) + durationMs(s.judicialAnswerWithin)) : undefined,
    hardshipResponseDue: h && !h.response && !h.courtPetition ? iso(ms(h.filedOn) + durationMs(s.hardshipResponseWithin)) : undefined,
    hardshipRulingDue: h?.courtPetition && !h.courtPetition.ruling ? iso(ms(h.courtPetition.filedOn) + durationMs(s.hardshipRulingWithin)) : undefined,
  };
}

/** Everything due at `now`: alerts (each keyed so it fires once per deadline), the deadline state, the next wake-up. */
export function assess(status: CustodyStatus, s: CustodySettings, now: number): Assessment {
  const f = status.forfeiture;
  const c = status.clocks;
  const warn = durationMs(s.clockAlertBefore);
  const alerts: PendingAlert[] = [];
  // Deadlines and warnings wake the loop when they are still ahead; the next check, even when overdue
  // (mailing an alert can take longer than a short check interval), always does.
  const wakes: number[] = [];
  const open: number[] = [];
  let breached = status.failing || status.lastCheck?.statuses.some((x) => x === 'redemptionPeriod' || x === 'pendingDelete') === true;
  let dueSoon = false;

  const watch = (clock: ExtendableClock, due: string, what: string, overdue: string) => {
    const at = ms(due);
    const extension = extensionOf(f, clock);
    const byExtension = extension !== undefined && ms(extension.until) === at;
    const how = byExtension ? ` under the ${extension.sealed ? 'sealed ' : ''}extension of order ${extension.order}` : '';
    open.push(at);
    wakes.push(at - warn, at);
    if (now >= at) {
      breached = true;
      alerts.push({ key: `${clock}-overdue:${due}`, kind: byExtension ? 'extension-ended' : clock === 'personal-notice' ? 'personal-notice-overdue' : 'complaint-overdue', message: `${what} was due by ${due}${how} and is not recorded: ${overdue}`, dueBy: due });
    } else if (now >= at - warn) {
      dueSoon = true;
      alerts.push({ key: `${clock}-due:${due}`, kind: byExtension ? 'extension-ending' : clock === 'personal-notice' ? 'personal-notice-due' : 'complaint-due', message: `${what} is due by ${due}${how}`, dueBy: due });
    }
  };
  if (!f.personalNotice) watch('personal-notice', c.personalNoticeDue, 'personal notice of the seizure (18 U.S.C. §983(a)(1)(A))', 'send it, obtain an extension, or return the domain');
  if (c.complaintDue && !f.complaint) watch('complaint', c.complaintDue, 'the forfeiture complaint after the claim (18 U.S.C. §983(a)(3)(A))', 'the domain must be released unless a court extends the deadline');

  // A hardship request: the agency answers within 15 days or the claimant may go to court; the court rules within 30.
  if (c.hardshipResponseDue) {
    const at = ms(c.hardshipResponseDue);
    open.push(at);
    wakes.push(at - warn, at);
    if (now >= at) {
      breached = true;
      alerts.push({ key: `hardship-response-overdue:${c.hardshipResponseDue}`, kind: 'hardship-response-overdue', message: `the hardship request of ${f.hardship!.claimant} was not answered by ${c.hardshipResponseDue}: the claimant may now petition the district court (18 U.S.C. §983(f)(3))`, dueBy: c.hardshipResponseDue });
    } else if (now >= at - warn) {
      dueSoon = true;
      alerts.push({ key: `hardship-response-due:${c.hardshipResponseDue}`, kind: 'hardship-response-due', message: `the answer to the hardship request of ${f.hardship!.claimant} is due by ${c.hardshipResponseDue} (18 U.S.C. §983(f)(3))`, dueBy: c.hardshipResponseDue });
    }
  }
  if (c.hardshipRulingDue) {
    const at = ms(c.hardshipRulingDue);
    open.push(at);
    wakes.push(at - warn);
    if (now >= at - warn) {
      dueSoon = true;
      alerts.push({ key: `hardship-ruling-due:${c.hardshipRulingDue}`, kind: 'hardship-ruling-due', message: `the court's ruling on the hardship petition (${f.hardship!.courtPetition!.docket}) is due by ${c.hardshipRulingDue} (18 U.S.C. §983(f)(5)); record it when it comes`, dueBy: c.hardshipRulingDue });
    }
  }

  // Judicial forfeiture: counsel is told when the claim period closes (with no claim, a default judgment may be
  // sought) and when a claimant's answer falls due (without it, a motion to strike the claim).
  if (c.judicialClaimDeadline && !f.order) {
    const at = ms(c.judicialClaimDeadline);
    const claimed = (f.judicialClaims ?? []).some((x) => x.timely);
    if (now < at) {
      open.push(at);
      wakes.push(at - warn, at);
      if (now >= at - warn) { dueSoon = true; alerts.push({ key: `judicial-claims-closing:${c.judicialClaimDeadline}`, kind: 'judicial-claims-closing', message: `the claim period in the forfeiture action (${f.complaint!.docket}) closes on ${c.judicialClaimDeadline} (Supplemental Rule G(5)(a)(ii))`, dueBy: c.judicialClaimDeadline }); }
    } else if (!claimed) {
      dueSoon = true;
      alerts.push({ key: `judicial-claims-closed:${c.judicialClaimDeadline}`, kind: 'judicial-claims-closed', message: `no claim was filed in the forfeiture action (${f.complaint!.docket}) by ${c.judicialClaimDeadline}: counsel may move for a default judgment and a final order of forfeiture`, dueBy: c.judicialClaimDeadline });
    }
  }
  if (c.judicialAnswerDue && !f.order) {
    const at = ms(c.judicialAnswerDue);
    open.push(at);
    wakes.push(at - warn, at);
    if (now >= at) {
      breached = true;
      alerts.push({ key: `judicial-answer-overdue:${c.judicialAnswerDue}`, kind: 'judicial-answer-overdue', message: `a claimant's answer to the complaint was due by ${c.judicialAnswerDue} (Supplemental Rule G(5)(b)) and is not recorded: counsel may move to strike the claim`, dueBy: c.judicialAnswerDue });
    } else if (now >= at - warn) {
      dueSoon = true;
      alerts.push({ key: `judicial-answer-due:${c.judicialAnswerDue}`, kind: 'judicial-answer-due', message: `a claimant's answer to the complaint is due by ${c.judicialAnswerDue} (Supplemental Rule G(5)(b))`, dueBy: c.judicialAnswerDue });
    }
  }

  if (status.expiresAt) {
    const expires = ms(status.expiresAt);
    const alertAt = expires - durationMs(s.expiryAlertBefore);
    open.push(expires);
    wakes.push(alertAt, expires);
    if (now >= expires) breached = true;
    if (now >= alertAt) {
      dueSoon = true;
      alerts.push({ key: `expiry-near:${status.expiresAt}`, kind: 'expiry-near', message: `the registration of ${status.domain} expires on ${status.expiresAt}: have the registry renew it so the seized domain cannot return to the market`, dueBy: status.expiresAt });
    }
  }

  const timelyClaim = f.claims.some((x) => x.timely);
  if (c.publicationEnds) wakes.push(ms(c.publicationEnds));
  if (c.claimDeadline && !timelyClaim && !f.complaint) { open.push(ms(c.claimDeadline)); wakes.push(ms(c.claimDeadline)); }
  const forfeitureDue = c.claimDeadline !== undefined && now >= ms(c.claimDeadline) && !timelyClaim && !f.complaint;
  const future = wakes.filter((t) => t > now);
  const nearest = open.filter((t) => t > now).sort((a, b) => a - b)[0] ?? open.sort((a, b) => a - b)[0];
  return {
    alerts,
    deadlineState: breached ? 'BREACHED' : dueSoon ? 'DUE_SOON' : 'OK',
    deadlineAt: nearest === undefined ? undefined : iso(nearest),
    nextWakeAt: Math.min(ms(status.nextCheckAt), ...future),
    forfeitureDue,
  };
}
