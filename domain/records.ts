import type { Actor } from './actors';
import type { CasePackage } from './case-package';
import type { LegalDecision } from './decisions';
import type { OutageWait } from './outage';
import type { PortalChecklist } from './platform-rules';
import type { RegistrationRecord, RegistrationSummary } from './registration';
import { terminalOutcomes, type CaseStage, type Stage } from './stages';
import type { Target } from './targets/types';
import type { Warrant } from './warrant';
import type { EvidenceFailure } from './evidence';
import type { EvidenceRef } from './xarf';

/** One line of a timeline: who did what, when. Entries are only ever appended. */
export interface TimelineEntry {
  at: string;
  actor: Actor;
  action: string;
  stage?: Stage | CaseStage;
  detail?: string;
  reason?: string;
  packageVersion?: number;
  data?: Record<string, unknown>;
}

/**
 * A fetched page, kept for the chain of custody; or, with `failure`, an attempt that captured nothing
 * (refused, timed out, no DNS answer, an HTTP error status), which has no body and is never cited as evidence.
 */
export interface EvidenceSnapshot {
  url: string;
  finalUrl: string;
  /** The HTTP status; 0 when no answer came. */
  status: number;
  headers: Record<string, string>;
  /** Key of the body in the blob store; absent when nothing was captured (`failure`). */
  bodySha256?: string;
  bytes: number;
  capturedAt: string;
  capturedBy: string;
  /** SHA-256 of this record without itself: the ID cited in the case package. */
  snapshotId: string;
  /** Why nothing was captured. Absent on a capture. */
  failure?: EvidenceFailure;
  /** The IP address the page came from: the one checked before connecting (lib/net/http-get.ts). */
  address?: string;
  /** The URLs redirected through before finalUrl (or before the refused redirect). */
  redirects?: string[];
  /** The page was larger than the size limit: the body holds its first part. */
  truncated?: boolean;
  /** Records from before failures were classified: the error text of a failed attempt (status 0). */
  error?: string;
}

export const noticeKinds = ['registry-order', 'registrar-notice', 'registrar-courtesy', 'platform-request', 'payment-notice', 'counsel-reminder', 'warrant-reminder', 'escalation', 'agent-update', 'registry-release', 'registry-escalation', 'preservation-request', 'partner-request'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** A notice as sent: one per recipient party, covering one or more targets. */
export interface RefusedRecipient {
  address: string;
  /** The server's answer for this recipient. */
  answer: string;
}

export interface NoticeSummary {
  noticeId: string;
  kind: NoticeKind;
  to: string[];
  subject: string;
  messageId: string;
  sentAt: string;
  covers: string[];
  smtpResponse?: string;
  /** Recipients the mail server refused while it accepted the others: they were not served. */
  refused?: RefusedRecipient[];
  /** Attachments as sent (the XARF copy), by name and SHA-256; the bytes stay in the notice ledger. */
  attachments?: { filename: string; contentType: string; sha256: string }[];
  /** On a re-notification or escalation: the notice it follows up. */
  follows?: string;
}

/**
 * A notice as one target hears of it: the notice without the list of everything it covers, so what a
 * target receives and keeps stays the same size however many targets the notice covers.
 */
export type TargetNotice = Omit<NoticeSummary, 'covers' | 'attachments'>;

export function noticeForTarget({ covers: _covers, attachments: _attachments, ...notice }: NoticeSummary): TargetNotice {
  return notice;
}

export interface Acknowledgement {
  noticeId: string;
  kind: 'received' | 'actioned';
  by: { name: string; email?: string };
  reference?: string;
  comment?: string;
  at: string;
}

export interface VerificationCheck {
  name: 'registry' | 'dns' | 'http';
  ok: boolean;
  expected: string;
  seen: string;
}
export interface VerificationResult {
  verified: boolean;
  /** `partial` when some checks pass and others do not yet. */
  state: 'verified' | 'partial' | 'pending';
  checks: VerificationCheck[];
  at: string;
}

export interface DecisionRecord {
  round: number;
  packageVersion: number;
  decision: LegalDecision;
  actor: Actor;
  at: string;
}

export interface WarrantRecord {
  warrantId: string;
  warrant: Warrant;
  actor: Actor;
  at: string;
}

/** A warrant as one target hears of it: its court, docket and seal, without the list of every target it covers. */
export interface TargetWarrant {
  warrantId: string;
  warrant: Omit<Warrant, 'covers'>;
  actor: Actor;
  at: string;
}

export function warrantForTarget({ warrant: { covers: _covers, ...warrant }, ...record }: WarrantRecord): TargetWarrant {
  return { ...record, warrant };
}

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

/** A target's stage as the case sees it: its own stage, or why it never started. */
export type CaseTargetStage = Stage | 'STARTING' | 'DUPLICATE' | 'NOT_STARTED';

/** Whether a target still has work ahead of it. */
export function isLive(stage: CaseTargetStage): boolean {
  return stage !== 'DUPLICATE' && stage !== 'NOT_STARTED' && !(terminalOutcomes as readonly string[]).includes(stage);
}

export interface CaseTargetEntry {
  key: string;
  workflowId: string;
  target: Target;
  /** Latest stage reported by the target (`DUPLICATE` when another case holds it). */
  stage: CaseTargetStage;
  /** Why a target did not start, when it did not. */
  note?: string;
  /** Who holds the domain; `source: 'manual'` with `enteredBy` when a person entered it by hand. */
  registration?: RegistrationSummary;
  warrantId?: string;
  notices: string[];
  /** The target's evidence snapshots as its notices cite them (SHA-256 in the XARF copy), when reported. */
  evidence?: EvidenceRef[];
}

/** What a case workflow returns when it closes: its end and its targets by stage; the rest stays in its status query. */
export interface CaseOutcome {
  caseId: string;
  stage: CaseStage;
  targets: number;
  byStage: Partial<Record<CaseTargetStage, number>>;
}

export function caseOutcome(status: Pick<CaseStatus, 'caseId' | 'stage' | 'targets'>): CaseOutcome {
  const byStage: CaseOutcome['byStage'] = {};
  for (const target of status.targets) byStage[target.stage] = (byStage[target.stage] ?? 0) + 1;
  return { caseId: status.caseId, stage: status.stage, targets: status.targets.length, byStage };
}

/** One version of the case package, kept for ever: each review round names the version it reviewed. */
export interface PackageVersion {
  version: number;
  package: CasePackage;
  by: Actor;
  at: string;
  note?: string;
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

export interface CaseStatus {
  caseId: string;
  stage: CaseStage;
  /** The current package version (the last entry of `packageVersions`). */
  packageVersion: number;
  packageVersions: PackageVersion[];
  openedBy: Actor;
  /** Everyone who initiated or amended the package: none of them may decide it (four eyes). */
  authors: string[];
  /** The owning team (domain/membership.ts); recorded by cases started since 'case-membership'. */
  team?: string;
  /** The assigned counsel's person ID, if any. */
  counsel?: string;
  /** The current (or last) review round; 0 before the case is submitted. */
  round: number;
  rounds: ReviewRound[];
  decisions: DecisionRecord[];
  warrants: WarrantRecord[];
  targets: CaseTargetEntry[];
  notices: NoticeSummary[];
  acknowledgements: Acknowledgement[];
  timeline: TimelineEntry[];
}

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
