import type { Actor } from './actors';
import type { Warrant } from './warrant';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CasePackageInput } from './case-package';
import type { CaseStatusView, CaseSummary, CaseTargetsPage, CaseTargetsRequest } from './case-view';
import type { ReviewRound } from './review';
import type { PackageVersion } from './case-status';
import type { WarrantRecord } from './warrant-record';

/**
 * The case (workflow ID workflowIds.case(caseId)): the contract between the case workflow (workflows/case/),
 * the API and tests. Its record is domain/case-status.ts, its views domain/case-view.ts.
 */

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

export const caseStatusQuery = defineQuery<CaseStatusView>('caseStatus');

/** A page of the case's targets in full (registration, evidence): domain/case-view.ts. */
export const caseTargetsQuery = defineQuery<CaseTargetsPage, [CaseTargetsRequest]>('caseTargets');

/** The case's members and its targets by stage: what every request's membership check and an operation's window ask. */
export const caseSummaryQuery = defineQuery<CaseSummary>('caseSummary');
