import type { Actor } from './actors';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { NoticeSummary } from './notice-records';
import type { ProfileTarget } from './targets/types';
import { TimelineEntry } from './timeline';

/** A profile takedown (workflows/profile-takedown/) and its watch after removal: records, updates, queries and IDs. */

// ---- Profile takedowns (workflows/profile-takedown/profile-takedown.ts, profile-watch.ts)

/** The agent's record of a request made through a platform's portal (the compliance clock starts at `submittedAt`). */
export interface PortalSubmission {
  kind: 'preservation' | 'takedown';
  reference: string;
  submittedAt: string;
  recordedAt: string;
  actor: Actor;
}

/** A preservation request under 18 U.S.C. § 2703(f): the platform keeps the records until `expiresAt`. */
export interface PreservationRecord {
  statute: string;
  channel: 'email' | 'portal';
  requestedAt: string;
  expiresAt: string;
  /** The e-mailed letter, or the portal's reference. */
  noticeId?: string;
  reference?: string;
  /** One extension of the same length is allowed (§ 2703(f)(2)). */
  extensions: { at: string; by: Actor; expiresAt: string; noticeId?: string; reference?: string }[];
  /** Expiry dates the agent has been reminded of (one reminder per expiry). */
  remindedFor: string[];
  expired: boolean;
  acknowledgedAt?: string;
}

/** One look at a profile page: removed or not by the platform's rule, and what was seen. */
export interface RemovalCheck {
  url: string;
  finalUrl: string;
  at: string;
  status: number;
  removed: boolean;
  seen: string;
  /** The page as seen, in the evidence store (the proof of removal, or of a return). */
  bodySha256?: string;
}

export interface ProfileRecord {
  channel: 'email' | 'portal';
  platformName: string;
  legalEntity: string;
  portalUrl?: string;
  /** The page evidence and verification look at (the pasted link's origin with the profile's path). */
  pageUrl: string;
  /** Stated in every request and checklist: the platform notifies the user unless barred. */
  nonDisclosure: boolean;
  notifiesUser: boolean;
  preservation?: PreservationRecord;
  submissions: PortalSubmission[];
  /** When the platform's time to act runs out (from the e-mail, or from the recorded portal submission). */
  complianceDueBy?: string;
  /** The latest checks (bounded). */
  checks: RemovalCheck[];
  removedAt?: string;
  /** After REMOVED: the workflow that keeps watching (and holds the preservation clock). */
  watchWorkflowId?: string;
}

/** The watch after removal: re-checks on a schedule, alerts when the profile comes back. */
export interface ProfileWatchStatus {
  workflowId: string;
  caseId: string;
  key: string;
  pageUrl: string;
  state: 'WATCHING' | 'RETURNED' | 'ENDED';
  removedAt: string;
  watchUntil: string;
  nextCheckAt: string;
  checksRun: number;
  /** How many times the watch has continued as new. */
  run: number;
  lastCheck?: RemovalCheck;
  returns: number;
  alerts: { at: string; message: string; noticeId?: string }[];
  preservation?: PreservationRecord;
  /** Notices this watch sent (extension letters, reminders, alerts): their acknowledgement links name this workflow. */
  notices: NoticeSummary[];
  timeline: TimelineEntry[];
}

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
