import { packageFindings, type PackageFindings } from './case-package';
import type { TargetKind } from './targets/types';
import { caseOutcome, type CaseStatus, type CaseTargetEntry, type CaseTargetStage } from './case-status';

/**
 * What a case's queries answer. A query answer travels in one message the engine caps at 2 MB, so the case's
 * page lists each target by what it is and where it stands; its registration and evidence (about 600 bytes
 * more per target) are read a page at a time (`caseTargets`) or on the target's own page.
 */

/**
 * A target as the case's page lists it: its kind (and platform) rather than the whole normalised target, whose
 * pasted line alone may be a 2 KB link, and its registry and registrar by name only.
 */
export type CaseTargetLine = Omit<CaseTargetEntry, 'target' | 'registration' | 'evidence'> & { kind: TargetKind; platform?: string; registrar?: string; registry?: string };

/** The case's status as its query answers it: every target as a line, and what counsel must see about them. */
export type CaseStatusView = Omit<CaseStatus, 'targets'> & { targets: CaseTargetLine[]; findings: PackageFindings };

/** A few of the case's targets in full (registration, evidence), by position or by key. */
export interface CaseTargetsRequest {
  offset?: number;
  limit?: number;
  keys?: string[];
}
export interface CaseTargetsPage {
  total: number;
  offset: number;
  targets: CaseTargetEntry[];
}

/** Who belongs to a case and how far its targets are: what is asked on every request, in a few hundred bytes. */
export interface CaseSummary {
  caseId: string;
  stage: CaseStatus['stage'];
  team?: string;
  counsel?: string;
  authors: string[];
  targets: number;
  byStage: Partial<Record<CaseTargetStage, number>>;
}

/** The most targets one page holds (about 1 KB each in full, so a page stays far under the engine's cap). */
export const maxTargetsPage = 500;
export const defaultTargetsPage = 100;

export function caseTargetLine({ target, registration, evidence: _evidence, ...entry }: CaseTargetEntry): CaseTargetLine {
  return {
    ...entry, kind: target.kind, ...(target.kind === 'profile' ? { platform: target.platform } : {}),
    ...(registration ? { registrar: registration.registrar.name, registry: registration.registry.name } : {}),
  };
}

export function caseStatusView(status: CaseStatus): CaseStatusView {
  return { ...status, targets: status.targets.map(caseTargetLine), findings: packageFindings(status.targets) };
}

/** The page asked for; `keys` picks those targets (unknown keys are left out), otherwise `offset` and `limit`. */
export function caseTargetsPage(status: Pick<CaseStatus, 'targets'>, request: CaseTargetsRequest = {}): CaseTargetsPage {
  const total = status.targets.length;
  if (request.keys) {
    const wanted = new Set(request.keys.slice(0, maxTargetsPage));
    return { total, offset: 0, targets: status.targets.filter((t) => wanted.has(t.key)) };
  }
  const offset = Math.max(0, Math.floor(request.offset ?? 0));
  const limit = Math.min(maxTargetsPage, Math.max(1, Math.floor(request.limit ?? defaultTargetsPage)));
  return { total, offset, targets: status.targets.slice(offset, offset + limit) };
}

export function caseSummary(status: CaseStatus): CaseSummary {
  return {
    ...caseOutcome(status), authors: status.authors,
    ...(status.team ? { team: status.team } : {}), ...(status.counsel ? { counsel: status.counsel } : {}),
  };
}
