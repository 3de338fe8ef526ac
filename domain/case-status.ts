import type { Actor } from './actors';
import type { CasePackage } from './case-package';
import type { RegistrationSummary } from './registration';
import { terminalOutcomes, type CaseStage, type Stage } from './stages';
import type { Target } from './targets/types';
import type { EvidenceRef } from './xarf';
import type { Acknowledgement, NoticeSummary } from './notice-records';
import type { DecisionRecord, ReviewRound } from './review';
import type { WarrantRecord } from './warrant-record';
import { TimelineEntry } from './timeline';

/** A case's record as its status query keeps it: its package versions, review rounds, warrants, targets, notices and timeline. */

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
