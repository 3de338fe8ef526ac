import type { Actor } from './actors';
import type { LegalDecision } from './decisions';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LegalDecisionInput } from './decisions';

/**
 * The legal review (PRODUCT §3 step 3): one round at a time, each its own workflow, a child of the case.
 * The contract between the review workflow (workflows/review/), the case, the API and tests.
 */

export interface DecisionRecord {
  round: number;
  packageVersion: number;
  decision: LegalDecision;
  actor: Actor;
  at: string;
}

/** One review round: its own legal-review workflow, the version it reviews and how it ended. */
export interface ReviewRound {
  round: number;
  packageVersion: number;
  workflowId: string;
  startedAt: string;
  outcome?: 'approve' | 'reject' | 'request-changes' | 'expired' | 'superseded' | 'failed';
  endedAt?: string;
}

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
