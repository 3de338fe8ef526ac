import type { Actor, Role } from './actors';
import { legalDecisionSchema, type LegalDecision } from './decisions';
import { TakedownError } from './errors';
import { parseOrRefuse } from './validation';
import { warrantSchema, type Warrant } from './warrant';

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
}

/** Checks a warrant: recorded by counsel or a supervisor, after approval, covering approved targets not yet covered. */
export function checkWarrant(state: WarrantState, actor: Actor, input: unknown): Warrant {
  if (!deciderRoles.includes(actor.role)) throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; only counsel or a supervisor may record a warrant`);
  if (state.approvedTargets.length === 0) throw new TakedownError('WRONG_STATE', 'no target of this case is approved; a warrant is recorded after counsel approves');
  const warrant = parseOrRefuse(warrantSchema, input, 'the warrant');
  const notApproved = warrant.covers.filter((t) => !state.approvedTargets.includes(t));
  if (notApproved.length) throw new TakedownError('UNKNOWN_TARGET', `the warrant covers ${notApproved.join(', ')}, which this case has not approved; approved: ${state.approvedTargets.join(', ')}`);
  const twice = warrant.covers.filter((t) => state.alreadyWarranted.includes(t));
  if (twice.length) throw new TakedownError('WRONG_STATE', `${twice.join(', ')} already covered by a recorded warrant`);
  return warrant;
}
