import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { FollowUpStep, PlannedNotice } from './notice-request';
import type { Acknowledgement, NoticeSummary } from './notice-records';

/**
 * A notice (workflow ID workflowIds.notice(noticeId)): the contract between the notice workflow
 * (workflows/notice/), the case, the API's acknowledgement links and tests. Its IDs: domain/notice-ids.ts.
 */

/** A recipient's confirmation from a signed link; the API checks the token and signals the notice's workflow (an older case holds its own). */
export const acknowledgeNoticeSignal = defineSignal<[Omit<Acknowledgement, 'at'>]>('acknowledgeNotice');

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
