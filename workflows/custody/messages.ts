import type { UpdateDefinition } from '@temporalio/common';
import { patched, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { recipientActor, type Actor, type Role } from '../../domain/actors';
import { nowIso, nowMs } from '../../domain/clock';
import { checkFactDate } from '../../domain/custody-fact-dates';
import {
  claimSchema, complaintSchema, confirmForfeitureUpdate, forfeitureConfirmationSchema, custodyLegalRoles, custodyRecorderRoles, hardshipDecisionSchema, hardshipPetitionSchema, hardshipRequestSchema, recordHardshipDecisionUpdate, recordHardshipPetitionUpdate, recordHardshipRequestUpdate, custodyStatusQuery, extensionSchema, forfeitureOrderSchema, personalNoticeSchema, publicationSchema, recordClaimUpdate,
  recordComplaintUpdate, recordExtensionUpdate, recordForfeitureOrderUpdate, recordPersonalNoticeUpdate, recordPublicationUpdate, releaseDomainUpdate, releaseSchema,
  judicialAnswerSchema, recordJudicialAnswerUpdate, recordJudicialClaimUpdate, recordJudicialNoticeUpdate, recordJudicialPublicationUpdate,
  reverifyNowSignal, type ForfeitureView,
} from '../../domain/custody';
import { TakedownError } from '../../domain/errors';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { parseOrRefuse } from '../../domain/validation';
import type { CustodyBook } from './state';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';

const recorders: readonly Role[] = custodyRecorderRoles;
const legal: readonly Role[] = custodyLegalRoles;

/**
 * The facts people record on a seized domain. Each is an Update whose validator checks the role, the
 * state and the input (refused with a catalogue code, nothing recorded); the handler records the fact,
 * recomputes the clocks and wakes the loop, and answers with the facts and deadlines as they now stand.
 */
export function registerCustodyHandlers(book: CustodyBook, wake: () => void): void {
  const f = book.status.forfeiture;
  const at = (value: string) => Date.parse(value);
  setHandler(custodyStatusQuery, () => book.status);
  setHandler(reverifyNowSignal, () => { book.reverifyRequested = true; wake(); });
  // The registry's answer to a release order, from the order's signed link (the API checked the token).
  setHandler(acknowledgeNoticeSignal, (raw) => {
    const by = recipientActor(raw.by);
    if (!book.status.notices.some((n) => n.noticeId === raw.noticeId)) return book.record(`acknowledgement for unknown notice ${raw.noticeId} ignored`, by);
    book.status.acknowledgements.push({ ...raw, at: nowIso() });
    book.record(`notice ${raw.noticeId} ${raw.kind}`, by, { detail: raw.comment, data: { reference: raw.reference } });
  });

  fact(recordPersonalNoticeUpdate, personalNoticeSchema, recorders, 'the personal notice', () => f.personalNotice && 'the personal notice is recorded already', (d, actor) => {
    f.personalNotice = { sentOn: d.sentOn, to: d.to, actor, at: nowIso() };
    return `personal notice sent on ${d.sentOn} to ${d.to.join(', ')}`;
  });
  fact(recordPublicationUpdate, publicationSchema, recorders, 'the publication', () => f.publication && 'the publication is recorded already', (d, actor) => {
    f.publication = { firstDay: d.firstDay, site: d.site, actor, at: nowIso() };
    return `publication on ${d.site} from ${d.firstDay}`;
  });
  fact(recordClaimUpdate, claimSchema, recorders, 'the claim', () => undefined, (d, actor) => {
    const deadline = book.status.clocks.claimDeadline;
    const timely = deadline === undefined || at(d.filedOn) <= at(deadline);
    f.claims.push({ claimant: d.claimant, filedOn: d.filedOn, timely, actor, at: nowIso() });
    return `claim filed by ${d.claimant} on ${d.filedOn}${timely ? '' : ` after the claim deadline ${deadline}`}`;
  });
  fact(recordComplaintUpdate, complaintSchema, legal, 'the complaint', () => f.complaint && 'the complaint is recorded already', (d, actor) => {
    f.complaint = { filedOn: d.filedOn, docket: d.docket, actor, at: nowIso() };
    return `forfeiture complaint filed on ${d.filedOn} (${d.docket}): judicial forfeiture; the court's order ends custody`;
  });
  // Judicial forfeiture (Supplemental Rule G), once the complaint is filed: its notice, publication, claims and answers.
  const afterComplaint = (what: string) => (f.complaint ? undefined : `no forfeiture complaint is recorded: ${what} follows the complaint (Supplemental Rule G)`);
  fact(recordJudicialNoticeUpdate, personalNoticeSchema, recorders, "the forfeiture action's direct notice", () => afterComplaint('the direct notice') || (f.judicialNotice && "the forfeiture action's direct notice is recorded already"), (d, actor) => {
    f.judicialNotice = { sentOn: d.sentOn, to: d.to, actor, at: nowIso() };
    return `direct notice of the forfeiture action sent on ${d.sentOn} to ${d.to.join(', ')} (Supplemental Rule G(4)(b))`;
  });
  fact(recordJudicialPublicationUpdate, publicationSchema, recorders, "the forfeiture action's publication", () => afterComplaint('the publication') || (f.judicialPublication && "the forfeiture action's publication is recorded already"), (d, actor) => {
    f.judicialPublication = { firstDay: d.firstDay, site: d.site, actor, at: nowIso() };
    return `notice of the forfeiture action published on ${d.site} from ${d.firstDay} (Supplemental Rule G(4)(a))`;
  });
  fact(recordJudicialClaimUpdate, claimSchema, recorders, 'the claim in the forfeiture action', () => afterComplaint('a claim in the action'), (d, actor) => {
    const deadline = book.status.clocks.judicialClaimDeadline;
    const timely = deadline === undefined || at(d.filedOn) <= at(deadline);
    (f.judicialClaims ??= []).push({ claimant: d.claimant, filedOn: d.filedOn, timely, actor, at: nowIso() });
    return `claim in the forfeiture action filed by ${d.claimant} on ${d.filedOn}${timely ? '' : ` after the claim deadline ${deadline}`}`;
  });
  fact(recordJudicialAnswerUpdate, judicialAnswerSchema, recorders, "the claimant's answer", (d) => {
    const claim = (f.judicialClaims ?? []).find((c) => c.claimant === d.claimant);
    if (!claim) return `no claim of ${d.claimant} is recorded in the forfeiture action (${(f.judicialClaims ?? []).map((c) => c.claimant).join(', ') || 'none yet'})`;
    return claim.answer && `the answer of ${d.claimant} is recorded already`;
  }, (d, actor) => {
    (f.judicialClaims ?? []).find((c) => c.claimant === d.claimant)!.answer = { filedOn: d.filedOn, actor, at: nowIso() };
    return `${d.claimant} answered the complaint on ${d.filedOn} (Supplemental Rule G(5)(b))`;
  });
  fact(recordExtensionUpdate, extensionSchema, legal, 'the extension', (d) => {
    if (d.clock === 'personal-notice' && f.personalNotice) return 'the personal notice is recorded already: nothing to extend';
    if (d.clock === 'complaint' && (!book.status.clocks.complaintDue || f.complaint)) return 'no complaint deadline is running';
    const current = d.clock === 'personal-notice' ? book.status.clocks.personalNoticeDue : book.status.clocks.complaintDue!;
    if (at(d.until) <= at(current)) throw new TakedownError('VALIDATION_FAILED', `the extension must end after the current deadline ${current}`, { until: [`must be after ${current}`] });
    return undefined;
  }, (d, actor) => {
    f.extensions.push({ clock: d.clock, until: d.until, sealed: d.sealed, order: d.order, actor, at: nowIso() });
    return `${d.sealed ? 'sealed ' : ''}extension of the ${d.clock} deadline until ${d.until} (order ${d.order})`;
  });
  // Hardship (§983(f)): a request, perhaps a petition to the court, and the decisions; a grant releases the domain.
  fact(recordHardshipRequestUpdate, hardshipRequestSchema, recorders, 'the hardship request', () => f.hardship && `a hardship request of ${f.hardship.claimant} is recorded already`, (d, actor) => {
    f.hardship = { claimant: d.claimant, filedOn: d.filedOn, basis: d.basis, actor, at: nowIso() };
    return `hardship request by ${d.claimant} filed on ${d.filedOn} (18 U.S.C. §983(f)): ${d.basis}`;
  });
  fact(recordHardshipPetitionUpdate, hardshipPetitionSchema, recorders, 'the hardship petition', () => {
    if (!f.hardship) return 'no hardship request is recorded: the petition follows a request (18 U.S.C. §983(f)(3))';
    return f.hardship.courtPetition && 'the hardship petition is recorded already';
  }, (d, actor) => {
    f.hardship!.courtPetition = { filedOn: d.filedOn, docket: d.docket, actor, at: nowIso() };
    return `hardship petition filed in court on ${d.filedOn} (${d.docket})`;
  });
  fact(recordHardshipDecisionUpdate, hardshipDecisionSchema, legal, 'the hardship decision', (d) => {
    const h = f.hardship;
    if (!h) return 'no hardship request is recorded';
    if (d.by === 'agency') return (h.response && 'the agency has answered the hardship request already') || (h.courtPetition && 'the claimant has petitioned the court: record its ruling');
    if (!h.courtPetition) return 'no hardship petition to the court is recorded';
    return h.courtPetition.ruling && 'the court has ruled on the hardship petition already';
  }, (d, actor) => {
    const h = f.hardship!;
    const decision = { outcome: d.outcome, decidedOn: d.decidedOn, reason: d.reason, actor, at: nowIso() };
    if (d.by === 'agency') h.response = decision;
    else h.courtPetition!.ruling = decision;
    const who = d.by === 'agency' ? 'the agency' : `the court (${h.courtPetition!.docket})`;
    // A grant returns the domain pending the case: the release path (banner off, registry order) runs next.
    if (d.outcome === 'granted') f.release = { reason: `hardship release granted by ${who} under 18 U.S.C. §983(f): ${d.reason}`, actor, requestedAt: nowIso() };
    return `hardship request ${d.outcome} by ${who} on ${d.decidedOn}: ${d.reason}`;
  });
  fact(recordForfeitureOrderUpdate, forfeitureOrderSchema, legal, 'the forfeiture order', () => undefined, (d, actor) => {
    f.order = { orderedOn: d.orderedOn, docket: d.docket, actor, at: nowIso() };
    return `order of forfeiture of ${d.orderedOn}${d.docket ? ` (${d.docket})` : ''}`;
  });
  // Administrative forfeiture is counsel's to confirm once due: the banner and the record change after, not before.
  fact(confirmForfeitureUpdate, forfeitureConfirmationSchema, legal, 'the confirmation of forfeiture', () => {
    if (!f.due) return `no forfeiture is due on ${book.status.domain}: it falls due when the claim deadline passes with no timely claim${book.status.clocks.claimDeadline ? ` (${book.status.clocks.claimDeadline})` : ''}`;
    return f.confirmation && 'the forfeiture is confirmed already';
  }, (d, actor) => {
    f.confirmation = { note: d.note, actor, at: nowIso() };
    return `forfeiture confirmed by ${actor.name}${d.note ? `: ${d.note}` : ''}`;
  });
  fact(releaseDomainUpdate, releaseSchema, legal, 'the release', () => undefined, (d, actor) => {
    f.release = { reason: d.reason, actor, requestedAt: nowIso() };
    return `release ordered: ${d.reason}`;
  });

  function fact<S extends z.ZodType>(
    update: UpdateDefinition<ForfeitureView, [{ actor: Actor } & z.input<S>]>, schema: S, roles: readonly Role[], what: string,
    conflict: (data: z.output<S>) => string | undefined | false, apply: (data: z.output<S>, actor: Actor) => string,
  ): void {
    // `legalFacts`: the fact's date lies between the seizure and now. Validators always check it (they do not
    // run on replay); a handler checks it since 'custody-fact-dates', so histories recorded before still replay.
    const check = (input: { actor: Actor }, legalFacts: boolean) => {
      if (!input?.actor || !roles.includes(input.actor.role)) throw new TakedownError('ROLE_NOT_ALLOWED', `only ${roles.join(', ')} may record ${what}`);
      if (book.status.state !== 'IN_CUSTODY' || f.release || f.order) throw new TakedownError('WRONG_STATE', `${book.status.domain} is no longer in custody (${f.release ? 'release ordered' : f.order ? 'forfeiture ordered' : book.status.state})`);
      const data = parseOrRefuse(schema, input, what);
      if (legalFacts) checkFactDate(update.name, what, data as Record<string, unknown>, book.status.seizedAt, nowMs());
      const problem = conflict(data);
      if (problem) throw new TakedownError('WRONG_STATE', problem);
      return data;
    };
    setHandler(update, (input) => {
      const action = apply(check(input, patched('custody-fact-dates')), input.actor);
      book.refreshClocks();
      book.record(action, input.actor);
      wake();
      return book.view();
    }, { validator: signedOnly(update, (input) => { refuseOnError(() => check(input, true)); }) });
  }
}
