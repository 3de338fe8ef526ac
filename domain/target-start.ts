import type { CasePackage } from './case-package';
import { evidenceUrlFor } from './fetch-scope';
import { workflowIds } from './ids';
import { normalizeTarget } from './targets/normalize';
import type { DomainTarget, ProfileTarget } from './targets/types';

/**
 * How one pasted line starts its target workflow: its ID (from the target, so one target is active in one
 * case at a time), its type, and what only it starts with (the target, and the page to capture as evidence
 * or the pasted profile link). Pure: the case computes the IDs when it admits a line, and the start activity
 * computes the rest from the same line, so the case's history carries the line, not the whole input.
 */
export interface TargetStart {
  workflowId: string;
  workflowType: 'domainSeizureWorkflow' | 'profileTakedownWorkflow';
  own: Record<string, unknown>;
}

const isLink = (raw: string) => /^https?:\/\//i.test(raw.trim());

/** The start of a line's target, or undefined when the line is not a target a workflow runs for (refused, hosted). */
export function targetStartOf(raw: string, userRegion?: CasePackage['userRegion']): TargetStart | undefined {
  const normalized = normalizeTarget(raw);
  if (!normalized.ok || normalized.target.kind === 'hosted') return undefined;
  const target = normalized.target;
  return { workflowId: workflowIds.target(target), workflowType: target.kind === 'domain' ? 'domainSeizureWorkflow' : 'profileTakedownWorkflow', own: ownInput(raw, target, userRegion) };
}

/** What only this target starts with: the target itself and what was pasted (the evidence to capture). */
export function ownInput(raw: string, target: DomainTarget | ProfileTarget, userRegion?: CasePackage['userRegion']): Record<string, unknown> {
  if (target.kind === 'domain') return { target, evidenceUrls: [evidenceUrlFor(raw, target.domain)] };
  return { target, ...(isLink(raw) ? { pastedUrl: raw.trim() } : {}), ...(userRegion ? { userRegion } : {}) };
}
