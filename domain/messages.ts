import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actors';
import type { LegalDecisionInput } from './decisions';
import type { Acknowledgement, CaseStatus, DecisionRecord, NoticeSummary, TargetDecisionOutcome, TargetStatus, WarrantRecord } from './records';
import type { RegistrationRecord } from './registration';
import type { Stage } from './stages';
import type { Warrant } from './warrant';

// Case: decisions that need an answer are Updates with validators; one-way facts are Signals.
export const decideLegalReviewUpdate = defineUpdate<DecisionRecord, [{ actor: Actor; decision: LegalDecisionInput }]>('decideLegalReview');
export const recordWarrantUpdate = defineUpdate<WarrantRecord, [{ actor: Actor; warrant: Warrant }]>('recordWarrant');
/** A recipient's confirmation from a signed link; the API checks the token, the case records it. */
export const acknowledgeNoticeSignal = defineSignal<[Omit<Acknowledgement, 'at'>]>('acknowledgeNotice');
export const caseStatusQuery = defineQuery<CaseStatus>('caseStatus');

// Case → target: the case tells each target what concerns it.
export interface TargetDecisionMessage {
  outcome: TargetDecisionOutcome;
  actor: Actor;
  reason?: string;
  packageVersion: number;
  at: string;
}
export const targetDecisionSignal = defineSignal<[TargetDecisionMessage]>('targetDecision');
export const targetWarrantSignal = defineSignal<[WarrantRecord]>('targetWarrant');
export const targetNoticeSignal = defineSignal<[NoticeSummary]>('targetNotice');
export const targetAcknowledgementSignal = defineSignal<[Acknowledgement]>('targetAcknowledgement');

// Target → case: what the case needs to address notices.
export interface TargetReport {
  key: string;
  stage: Stage;
  registration?: Pick<RegistrationRecord, 'registry' | 'registrar' | 'nameservers'>;
}
export const targetReportSignal = defineSignal<[TargetReport]>('targetReport');
export const targetStatusQuery = defineQuery<TargetStatus>('targetStatus');
