import { getExternalWorkflowHandle, upsertSearchAttributes } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { memberValues, membershipSetterRoles, requireMember, teamPattern } from '../../domain/membership';
import { caseMembershipChangedSignal, type CaseMembershipView } from '../../domain/case';
import type { CaseStatus } from '../../domain/case-status';
import { searchAttributes } from '../../domain/search-attributes';
import { requireRole } from '../../domain/role-rules';

/** Keeps the team and counsel in the status and in the search attributes the API's lists filter on. */
export function recordMembership(status: CaseStatus, membership: CaseMembershipView): void {
  status.team = membership.team;
  status.counsel = membership.counsel;
  const values = memberValues(membership);
  upsertSearchAttributes([{ key: searchAttributes.CaseMembers, value: values.length ? values : null }]);
}

/**
 * The membership check of the case's update validators. Cases started before 'case-membership' recorded no
 * team, and keep the rules they started with (the API checks them); every case since refuses a non-member.
 */
export function memberCheck(enabled: boolean, status: CaseStatus): (actor: Actor, doing: string) => void {
  return (actor, doing) => { if (enabled) requireMember(actor, status.caseId, status, doing); };
}

/** A team or counsel as given: the right shape, or a refusal naming the field. */
function checkedName(field: 'team' | 'counsel', value: unknown): string {
  if (typeof value !== 'string' || !teamPattern.test(value)) {
    const rule = '1 to 100 letters, digits, spaces or . _ @ : / -, starting with a letter or digit';
    throw new TakedownError('VALIDATION_FAILED', `${field}: ${rule}`, { [field]: [rule] });
  }
  return value;
}

/** Validates a change of team or counsel and answers the membership it leads to. */
export function checkMembershipChange(status: CaseStatus, actor: Actor, change: { team?: unknown; counsel?: unknown }): CaseMembershipView {
  requireRole(actor, membershipSetterRoles, "setting a case's team or counsel");
  if (change.team === undefined && change.counsel === undefined) {
    throw new TakedownError('VALIDATION_FAILED', 'give a team, a counsel, or both (counsel: null un-assigns)', { team: ['team or counsel required'] });
  }
  return {
    team: change.team === undefined ? status.team : checkedName('team', change.team),
    counsel: change.counsel === undefined ? status.counsel : change.counsel === null ? undefined : checkedName('counsel', change.counsel),
  };
}

/** Tells the open review round (if any) the new members, so its decision validator checks them. */
export async function tellRound(status: CaseStatus): Promise<void> {
  const round = status.rounds.at(-1);
  if (!round || round.outcome) return;
  await getExternalWorkflowHandle(round.workflowId).signal(caseMembershipChangedSignal, { team: status.team, counsel: status.counsel, authors: [...status.authors] }).catch(() => undefined);
}
