import type { Actor } from './actors';
import type { OutageWait } from './outage';
import type { PortalChecklist } from './platform-rules';
import type { RegistrationRecord, RegistrationSummary } from './registration';
import { type Stage } from './stages';
import type { Target } from './targets/types';
import type { EvidenceRef } from './xarf';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TargetCaseFacts } from './notice-request';
import type { Acknowledgement, TargetNotice } from './notice-records';
import type { TargetWarrant } from './warrant-record';
import type { ManualRegistrationInput } from './registration';
import { TimelineEntry } from './timeline';
import { EvidenceSnapshot } from './evidence-snapshot';
import { VerificationResult } from './verification';
import { ProfileRecord } from './profile-takedown';

/**
 * A target (workflow ID workflowIds.target(target)), a child of its case: a domain seizure
 * (domain/domain-seizure.ts) or a profile takedown (domain/profile-takedown.ts). What both report and hear.
 */

/** What a target workflow returns when it ends: where it ended and why; the whole record stays in its status query. */
export interface TargetOutcome {
  key: string;
  stage: Stage;
  detail?: string;
}

/** What one target's status query returns: the stage, the timeline and the record so far. */
export interface TargetStatus {
  workflowId: string;
  caseId: string;
  target: Target;
  stage: Stage;
  timeline: TimelineEntry[];
  registration?: RegistrationRecord;
  evidence: EvidenceSnapshot[];
  decision?: { outcome: TargetDecisionOutcome; actor: Actor; reason?: string; packageVersion: number; at: string };
  warrant?: TargetWarrant;
  notices: TargetNotice[];
  acknowledgements: Acknowledgement[];
  verifications: VerificationResult[];
  /** A task a person must do before the target can go on (e.g. a manual lookup). */
  task?: { kind: 'manual-lookup' | 'portal-submission'; reason: string; since: string; dueBy: string; checklist?: PortalChecklist };
  /** Something outside is down and the target waits for it (workflows/shared/outage-wait.ts); absent when nothing is. */
  waiting?: OutageWait;
  /** A profile takedown's own record: channel, preservation, portal submissions, removal checks (workflows/profile-takedown/profile-takedown.ts). */
  profile?: ProfileRecord;
}

export type TargetDecisionOutcome = 'approved' | 'excluded' | 'rejected' | 'expired';

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
