import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from '../../../domain/actors';
import {
  claimSchema, complaintSchema, confirmForfeitureUpdate, forfeitureConfirmationSchema, extensionSchema, forfeitureOrderSchema, hardshipDecisionSchema, hardshipPetitionSchema, hardshipRequestSchema, personalNoticeSchema,
  publicationSchema, recordClaimUpdate, recordComplaintUpdate, recordExtensionUpdate, recordForfeitureOrderUpdate, recordHardshipDecisionUpdate, recordHardshipPetitionUpdate,
  recordHardshipRequestUpdate, recordPersonalNoticeUpdate, recordPublicationUpdate, releaseDomainUpdate, releaseSchema, type ForfeitureView,
  judicialAnswerSchema, recordJudicialAnswerUpdate, recordJudicialClaimUpdate, recordJudicialNoticeUpdate, recordJudicialPublicationUpdate,
} from '../../../domain/custody';
import type { Action } from '../permissions';

/**
 * The facts people record on a seized domain, one row each: the name people use (`takedown custody
 * record <domain> <name>`), the API path under /api/custody/:domain, the domain's own schema and Update,
 * and the permission the API checks before the workflow's validator checks again.
 */
export interface CustodyFact<S extends z.ZodObject = z.ZodObject> {
  name: string;
  path: string;
  schema: S;
  update: UpdateDefinition<ForfeitureView, [{ actor: Actor } & z.input<S>]>;
  action: Extract<Action, 'recordCustodyFact' | 'recordCourtAct'>;
  summary: string;
}

/** Keeps each row's schema and Update paired (the compiler checks they match), then lists them together. */
const fact = <S extends z.ZodObject>(row: CustodyFact<S>): CustodyFact => row;

export const custodyFacts: readonly CustodyFact[] = [
  fact({ name: 'personal-notice', path: 'personal-notice', schema: personalNoticeSchema, update: recordPersonalNoticeUpdate, action: 'recordCustodyFact', summary: 'Record the personal notice of the seizure (due within 60 days, 18 U.S.C. § 983(a)(1))' }),
  fact({ name: 'publication', path: 'publication', schema: publicationSchema, update: recordPublicationUpdate, action: 'recordCustodyFact', summary: 'Record the first day of publication on the forfeiture site (30 consecutive days)' }),
  fact({ name: 'claim', path: 'claims', schema: claimSchema, update: recordClaimUpdate, action: 'recordCustodyFact', summary: 'Record a claim filed against the forfeiture (the complaint clock starts)' }),
  fact({ name: 'complaint', path: 'complaint', schema: complaintSchema, update: recordComplaintUpdate, action: 'recordCourtAct', summary: 'Record the forfeiture complaint filed in court (judicial forfeiture)' }),
  fact({ name: 'judicial-notice', path: 'judicial/notice', schema: personalNoticeSchema, update: recordJudicialNoticeUpdate, action: 'recordCustodyFact', summary: "Record the forfeiture action's direct notice to potential claimants (Supplemental Rule G(4)(b)): claims are due 35 days after it" }),
  fact({ name: 'judicial-publication', path: 'judicial/publication', schema: publicationSchema, update: recordJudicialPublicationUpdate, action: 'recordCustodyFact', summary: "Record the first day of the forfeiture action's publication on forfeiture.gov (Rule G(4)(a)): claims are due 60 days after it" }),
  fact({ name: 'judicial-claim', path: 'judicial/claims', schema: claimSchema, update: recordJudicialClaimUpdate, action: 'recordCustodyFact', summary: 'Record a claim filed in the forfeiture action (Rule G(5)(a)): the claimant must answer within 21 days' }),
  fact({ name: 'judicial-answer', path: 'judicial/answers', schema: judicialAnswerSchema, update: recordJudicialAnswerUpdate, action: 'recordCustodyFact', summary: "Record a claimant's answer to the complaint (Rule G(5)(b))" }),
  fact({ name: 'extension', path: 'extensions', schema: extensionSchema, update: recordExtensionUpdate, action: 'recordCourtAct', summary: "Record a court's extension (sealed or not) of the personal-notice or complaint deadline" }),
  fact({ name: 'hardship-request', path: 'hardship/request', schema: hardshipRequestSchema, update: recordHardshipRequestUpdate, action: 'recordCustodyFact', summary: "Record a claimant's request for the domain's return for hardship (18 U.S.C. § 983(f)): the agency has 15 days" }),
  fact({ name: 'hardship-petition', path: 'hardship/petition', schema: hardshipPetitionSchema, update: recordHardshipPetitionUpdate, action: 'recordCustodyFact', summary: 'Record the claimant\'s hardship petition to the district court (§ 983(f)(3)): the court rules within 30 days' }),
  fact({ name: 'hardship-decision', path: 'hardship/decision', schema: hardshipDecisionSchema, update: recordHardshipDecisionUpdate, action: 'recordCourtAct', summary: "Record the agency's answer or the court's ruling on a hardship request; a grant releases the domain" }),
  fact({ name: 'forfeiture-order', path: 'forfeiture-order', schema: forfeitureOrderSchema, update: recordForfeitureOrderUpdate, action: 'recordCourtAct', summary: 'Record the order (or declaration) of forfeiture: custody ends FORFEITED' }),
  fact({ name: 'forfeiture-confirmation', path: 'forfeiture/confirm', schema: forfeitureConfirmationSchema, update: confirmForfeitureUpdate, action: 'recordCourtAct', summary: "Counsel confirms an administrative forfeiture that fell due (no timely claim): only then is the domain FORFEITED and the banner changed" }),
  fact({ name: 'release', path: 'release', schema: releaseSchema, update: releaseDomainUpdate, action: 'recordCourtAct', summary: 'Release the domain (case dropped, claim upheld): off the banner, the registry told to restore it' }),
];
