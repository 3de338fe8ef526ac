import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './actors';
import type { CasePackageInput } from './case-package';
import type { LegalDecisionInput } from './decisions';
import type { FollowUpStep, PlannedNotice, TargetCaseFacts } from './notice-request';
import type { CaseStatusView, CaseSummary, CaseTargetsPage, CaseTargetsRequest } from './case-view';
import type { Acknowledgement, DecisionRecord, NoticeSummary, PackageVersion, PortalSubmission, PreservationRecord, ProfileWatchStatus, ReviewRound, TargetDecisionOutcome, TargetNotice, TargetStatus, TargetWarrant, WarrantRecord } from './records';
import type { ManualRegistrationInput, RegistrationSummary } from './registration';
import type { Stage } from './stages';
import type { ProfileTarget } from './targets/types';
import type { Warrant } from './warrant';
import type { EvidenceRef } from './xarf';

// ---- Case (workflow ID workflowIds.case(caseId)): decisions that need an answer are Updates with validators.

/** One row of an add-targets report: every row is started or refused with its reason, none dropped. */
export interface AddTargetRow {
  input: string;
  status: 'started' | 'refused' | 'duplicate';
  key?: string;
  workflowId?: string;
  error?: { code: string; message: string };
}
/** Agent (or coordinator): add targets to a case not yet approved; the package gets a new version. */
export const addTargetsUpdate = defineUpdate<AddTargetRow[], [{ actor: Actor; targets: string[] }]>('addTargets');
/** Agent: send the current package version to counsel; starts a review round (a child workflow). */
export const submitForReviewUpdate = defineUpdate<ReviewRound, [{ actor: Actor }]>('submitForReview');
/** Agent: amend the package (after a change request, or while in review); a new version, and a new round if it was in review. */
export const amendPackageUpdate = defineUpdate<PackageVersion, [{ actor: Actor; package: CasePackageInput; note: string }]>('amendPackage');
/** Agent: reopen a review that expired; starts a new round on the current version. */
export const reopenReviewUpdate = defineUpdate<ReviewRound, [{ actor: Actor; reason: string }]>('reopenReview');
/** Counsel or supervisor: the seizure warrant, which lists the targets it covers. */
export const recordWarrantUpdate = defineUpdate<WarrantRecord, [{ actor: Actor; warrant: Warrant }]>('recordWarrant');
/** Agent or supervisor: withdraw a target; before the notice it ends WITHDRAWN, after it the domain is released. */
export const withdrawTargetUpdate = defineUpdate<{ key: string; at: string }, [{ actor: Actor; target: string; reason: string }]>('withdrawTarget');
/** Coordinator or supervisor: set a case's owning team and/or its assigned counsel (`null` un-assigns); domain/membership.ts. */
export const setCaseMembershipUpdate = defineUpdate<CaseMembershipView, [{ actor: Actor; team?: string; counsel?: string | null }]>('setCaseMembership');
export interface CaseMembershipView { team?: string; counsel?: string }
/** The case tells its open review round who now belongs to it, so the round's validator checks the current members. */
export const caseMembershipChangedSignal = defineSignal<[CaseMembershipView & { authors: string[] }]>('caseMembershipChanged');
/** A recipient's confirmation from a signed link; the API checks the token and signals the notice's workflow (an older case holds its own). */
export const acknowledgeNoticeSignal = defineSignal<[Omit<Acknowledgement, 'at'>]>('acknowledgeNotice');
export const caseStatusQuery = defineQuery<CaseStatusView>('caseStatus');
/** A page of the case's targets in full (registration, evidence): domain/case-view.ts. */
export const caseTargetsQuery = defineQuery<CaseTargetsPage, [CaseTargetsRequest]>('caseTargets');
/** The case's members and its targets by stage: what every request's membership check and an operation's window ask. */
export const caseSummaryQuery = defineQuery<CaseSummary>('caseSummary');

// ---- Notice (workflow ID workflowIds.notice(noticeId)), a child of the case: one notice sent and followed
// up to its answer (reminder, escalation). Acknowledgements go straight to it; it tells the case what
// happened (one small message per step) and the targets it drives that it was sent and answered.
export interface NoticeProgress {
  noticeWorkflowId: string;
  /**
   * A notice of its chain went out (the original, a reminder or an escalation). What it covers is left out
   * when it is what the case ordered (the case has that list), and so are its attachments (one XARF report per
   * target, kept by the notice workflow and the ledger), so a notice of thousands of targets stays small here.
   */
  notice?: Omit<NoticeSummary, 'covers' | 'attachments'> & { covers?: string[] };
  /** A step of the follow-up, for the case's timeline. */
  step?: FollowUpStep;
  acknowledgement?: Acknowledgement;
  /** An acknowledgement that names no notice of this chain (it changes nothing). */
  ignored?: Omit<Acknowledgement, 'at'>;
  /** The follow-up is over (how it ended); the notice still takes late answers until the case settles it. */
  outcome?: NoticeOutcome['outcome'];
  /** The notice workflow has ended: settled by the case, after its follow-up. */
  closed?: true;
}
export interface NoticeOutcome {
  noticeId: string;
  outcome: 'acknowledged' | 'acknowledged-late' | 'settled' | 'unanswered' | 'undeliverable-unanswered';
}
export interface NoticeStatus {
  caseId: string;
  /** The original notice's ID. */
  noticeId: string;
  /** Every notice of its chain sent so far, the original first. */
  notices: NoticeSummary[];
  acknowledgements: Acknowledgement[];
  outcome?: NoticeOutcome['outcome'];
}
export const noticeProgressSignal = defineSignal<[NoticeProgress]>('noticeProgress');
/** What a notice workflow sends and whom it drives, as its case planned it: asked once when it starts. */
export interface NoticeOrder {
  planned: PlannedNotice;
  /** The target workflows it tells when it is sent and answered (none for a payment notice). */
  drives: string[];
}
/** The case: the order of one of its notices (undefined for a notice it did not plan). */
export const noticeOrderQuery = defineQuery<NoticeOrder | undefined, [string]>('noticeOrder');
/** The case: the notice needs no answer any more (every target it covers has ended, or the case is closing). */
export const noticeSettledSignal = defineSignal<[{ reason: string }]>('noticeSettled');
export const noticeStatusQuery = defineQuery<NoticeStatus>('noticeStatus');

// ---- Legal review round (workflow ID workflowIds.legalReview(caseId, round)), a child of the case.

/** Counsel or supervisor decides the round: approve (optionally excluding targets), reject, or request changes. */
export const decideLegalReviewUpdate = defineUpdate<DecisionRecord, [{ actor: Actor; decision: LegalDecisionInput }]>('decideLegalReview');
/** The case ends a round whose package was amended before counsel decided. */
export const supersedeReviewSignal = defineSignal<[{ byVersion: number }]>('supersedeReview');
export interface LegalReviewStatus {
  caseId: string;
  round: number;
  packageVersion: number;
  state: 'waiting' | 'decided' | 'expired' | 'superseded';
  remindersSent: number;
  escalated: boolean;
  decision?: DecisionRecord;
}
export const legalReviewStatusQuery = defineQuery<LegalReviewStatus>('legalReviewStatus');

// ---- Case → target: the case tells each target what concerns it. Every message is the same size whatever
// the size of the case (no list of the case's targets), and may arrive twice (the case tells many targets
// at once from one activity, which is retried as a whole): targets ignore a message they already have.
export interface TargetDecisionMessage {
  outcome: TargetDecisionOutcome;
  actor: Actor;
  reason?: string;
  packageVersion: number;
  at: string;
  /**
   * The approved package's facts, for notices a target sends itself (a profile's preservation letter and
   * portal checklists state the non-disclosure order); without them the target uses the facts it started with.
   */
  facts?: TargetCaseFacts;
}
export const targetDecisionSignal = defineSignal<[TargetDecisionMessage]>('targetDecision');
export const targetWarrantSignal = defineSignal<[TargetWarrant]>('targetWarrant');
export const targetNoticeSignal = defineSignal<[TargetNotice]>('targetNotice');
export const targetAcknowledgementSignal = defineSignal<[Acknowledgement]>('targetAcknowledgement');
export const targetWithdrawSignal = defineSignal<[{ actor: Actor; reason: string; at: string }]>('targetWithdraw');
/** No warrant covering the target was recorded by the case's warrant deadline. */
export const targetWarrantExpiredSignal = defineSignal<[{ at: string; reason: string }]>('targetWarrantExpired');

// ---- Target → case: what the case needs to address notices.
export interface TargetReport {
  key: string;
  stage: Stage;
  /** Why the target is at this stage, when the stage says why (e.g. FAILED_NEEDS_ATTENTION). */
  detail?: string;
  /** Who holds the domain; `source`, `enteredBy` and `foundAt` say when a person entered it by hand. */
  registration?: RegistrationSummary;
  /** The evidence snapshots the case's notices cite (by SHA-256) in their XARF copy. */
  evidence?: EvidenceRef[];
}
export const targetReportSignal = defineSignal<[TargetReport]>('targetReport');
export const targetStatusQuery = defineQuery<TargetStatus>('targetStatus');

// ---- Target (workflow ID workflowIds.target(target)): a human task the target itself waits for.
/** Agent: the registration record found by hand when no registry answered the lookup. */
export const provideRegistrationUpdate = defineUpdate<void, [{ actor: Actor; record: ManualRegistrationInput }]>('provideRegistration');

// ---- Profile takedown (workflow ID workflowIds.target(profile)) and its watch after removal.

export interface PortalSubmissionInput {
  actor: Actor;
  kind: 'preservation' | 'takedown';
  /** The platform portal's reference (case or ticket number). */
  reference: string;
  /** When the agent submitted it (ISO time, not in the future): the compliance clock starts here. */
  submittedAt: string;
}
/** Agent or supervisor: the request was made in the platform's portal; the target waiting for it goes on. */
export const recordPortalSubmissionUpdate = defineUpdate<PortalSubmission, [PortalSubmissionInput]>('recordPortalSubmission');
/**
 * Agent or supervisor: extend the preservation by one more period (e-mail platforms get the letter from
 * us; for portal platforms the agent renews it in the portal and gives its reference and time). Sent to
 * the profile's workflow, or after REMOVED to its watch (`profile.watchWorkflowId` in the target status).
 */
export const extendPreservationUpdate = defineUpdate<PreservationRecord, [{ actor: Actor; reference?: string; submittedAt?: string }]>('extendPreservation');
export const profileWatchStatusQuery = defineQuery<ProfileWatchStatus>('profileWatchStatus');
/** The watch that re-checks a removed profile: its own ID, so the profile's ID is free for a new takedown. */
export const profileWatchWorkflowId = (target: Pick<ProfileTarget, 'platform' | 'handle'>) => `profile-watch:${target.platform}:${target.handle}`;
