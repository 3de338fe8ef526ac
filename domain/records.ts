import type { Actor } from './actors';
import type { CasePackage } from './case-package';
import type { LegalDecision } from './decisions';
import type { RegistrationRecord } from './registration';
import { terminalOutcomes, type CaseStage, type Stage } from './stages';
import type { Target } from './targets/types';
import type { Warrant } from './warrant';

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

/** A fetched page, kept for the chain of custody. */
export interface EvidenceSnapshot {
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  /** Key of the body in the blob store. */
  bodySha256: string;
  bytes: number;
  capturedAt: string;
  capturedBy: string;
  /** SHA-256 of this record without itself: the ID cited in the case package. */
  snapshotId: string;
  error?: string;
}

export const noticeKinds = ['registry-order', 'registrar-notice', 'registrar-courtesy', 'platform-request', 'payment-notice', 'counsel-reminder', 'escalation', 'agent-update', 'registry-release', 'registry-escalation'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** A notice as sent: one per recipient party, covering one or more targets. */
export interface NoticeSummary {
  noticeId: string;
  kind: NoticeKind;
  to: string[];
  subject: string;
  messageId: string;
  sentAt: string;
  covers: string[];
  smtpResponse?: string;
  /** Attachments as sent (the XARF copy), by name and SHA-256; the bytes stay in the notice ledger. */
  attachments?: { filename: string; contentType: string; sha256: string }[];
  /** On a re-notification or escalation: the notice it follows up. */
  follows?: string;
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
  warrant?: WarrantRecord;
  notices: NoticeSummary[];
  acknowledgements: Acknowledgement[];
  verifications: VerificationResult[];
  /** A task a person must do before the target can go on (e.g. a manual lookup). */
  task?: { kind: 'manual-lookup'; reason: string; since: string; dueBy: string };
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
  registration?: Pick<RegistrationRecord, 'registry' | 'registrar' | 'nameservers'>;
  warrantId?: string;
  notices: string[];
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
  outcome?: 'approve' | 'reject' | 'request-changes' | 'expired' | 'superseded';
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
