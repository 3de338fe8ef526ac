import type { Actor, Role } from './actors';
import { legalDecisionSchema, type LegalDecision } from './decisions';
import { TakedownError } from './errors';
import { parseOrRefuse } from './validation';
import { checkWarrantDates, warrantSchema, type Warrant } from './warrant';

/** Who may decide a review round or record a warrant. */
export const deciderRoles: readonly Role[] = ['counsel', 'supervisor'];

export interface ReviewState {
  /** Everyone who initiated or amended the package: none of them may decide it (four eyes). */
  authors: string[];
  packageVersion: number;
  decided: boolean;
  targetKeys: string[];
}

/** Checks a decision against role, four eyes, version and state; returns it parsed or throws a TakedownError. */
export function checkDecision(state: ReviewState, actor: Actor, input: unknown): LegalDecision {
  if (!deciderRoles.includes(actor.role)) throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; only counsel or a supervisor may decide a legal review`);
  if (state.authors.includes(actor.id)) throw new TakedownError('FOUR_EYES', `${actor.name} initiated or amended this case and may not decide it; another counsel must`);
  if (state.decided) throw new TakedownError('ALREADY_DECIDED', 'this review round has a decision already; the agent must amend the case to open a new round');
  const decision = parseOrRefuse(legalDecisionSchema, input, 'the decision');
  if (decision.packageVersion !== state.packageVersion) {
    throw new TakedownError('STALE_VERSION', `the decision names package version ${decision.packageVersion} but the case is at version ${state.packageVersion}; review the current version`);
  }
  if (decision.decision === 'approve') {
    const unknown = decision.exclude.map((e) => e.target).filter((t) => !state.targetKeys.includes(t));
    if (unknown.length) throw new TakedownError('UNKNOWN_TARGET', `cannot exclude ${unknown.join(', ')}: the case holds ${state.targetKeys.join(', ')}`);
  }
  return decision;
}

export interface WarrantState {
  approvedTargets: string[];
  alreadyWarranted: string[];
  /**
   * Everyone who initiated or amended the package, and the time now: with them the warrant's legal facts
   * are checked too (two persons, a date that has come). Without them (a case's handler replaying a history
   * from before 'warrant-legal-facts') the warrant is checked as it was then.
   */
  legal?: { authors: string[]; nowMs: number };
}

/**
 * Checks a warrant: recorded by counsel or a supervisor who is not an author of the case (the review's
 * four eyes: the person who built the case does not also attest the court's order), after approval,
 * issued on a day that has come, covering approved targets not yet covered.
 */
export function checkWarrant(state: WarrantState, actor: Actor, input: unknown): Warrant {
  if (!deciderRoles.includes(actor.role)) throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; only counsel or a supervisor may record a warrant`);
  if (state.legal?.authors.includes(actor.id)) throw new TakedownError('FOUR_EYES', `${actor.name} initiated or amended this case and may not record its warrant; another counsel or supervisor must`);
  if (state.approvedTargets.length === 0) throw new TakedownError('WRONG_STATE', 'no target of this case is approved; a warrant is recorded after counsel approves');
  const warrant = parseOrRefuse(warrantSchema, input, 'the warrant');
  if (state.legal) checkWarrantDates(warrant, state.legal.nowMs);
  const notApproved = warrant.covers.filter((t) => !state.approvedTargets.includes(t));
  if (notApproved.length) throw new TakedownError('UNKNOWN_TARGET', `the warrant covers ${notApproved.join(', ')}, which this case has not approved; approved: ${state.approvedTargets.join(', ')}`);
  const twice = warrant.covers.filter((t) => state.alreadyWarranted.includes(t));
  if (twice.length) throw new TakedownError('WRONG_STATE', `${twice.join(', ')} already covered by a recorded warrant`);
  return warrant;
}
