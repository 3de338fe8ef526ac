import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { workflowIds } from '../../domain/ids';
import { everyCaseRoles, mayReadCase, memberValuesOf, membershipOfValues, type CaseMembership } from '../../domain/membership';
import { searchAttributes } from '../../domain/search-attributes';
import { caseSummaryQuery } from '../../domain/case';
import { caseHandle } from './cases/handles';
import { listCases, visibilityLiteral } from './temporal/visibility';

/**
 * Case membership at the API (domain/membership.ts has the rule): every route that reads or changes a case,
 * its targets or its custody records asks here first, and every list is narrowed in its visibility query.
 * The case workflow's validators check the same rule again for the actions that change a case.
 */

/** Whether the person reads every case (coordinators and supervisors), so nothing needs looking up. */
export const readsEveryCase = (actor: Actor) => everyCaseRoles.includes(actor.role);

/**
 * A case's members as its workflow records them. A case with a team publishes its members in its CaseMembers
 * search attribute, which the engine answers itself (describe), so a case whose worker is down is still
 * checked at once; a case with no team (its authors are its members) is asked by query. A custody record
 * outlives its case (whose closed workflow the engine deletes after its retention): it keeps the case's team,
 * which `kept` answers when the case is gone.
 */
export async function membershipOf(client: Client, caseId: string, kept?: CaseMembership): Promise<CaseMembership> {
  try {
    const handle = caseHandle(client, caseId);
    const published = membershipOfValues((await handle.describe()).typedSearchAttributes.get(searchAttributes.CaseMembers) ?? []);
    if (published.team !== undefined) return published;
    const { team, counsel, authors } = await handle.query(caseSummaryQuery);
    return { team, counsel, authors };
  } catch (error) {
    if (kept && error instanceof WorkflowNotFoundError) return kept;
    throw error;
  }
}

/** What the API answers for a workflow that is not there: `GET /api/cases/HSI-NOPE` gets `no such workflow: case:HSI-NOPE`. */
export const missingWorkflow = (workflowId: string): TakedownError => new TakedownError('NOT_FOUND', `no such workflow: ${workflowId}`);

/**
 * Refuses an agent or counsel who is not a member of the case, as if what they asked for were not there:
 * `missing` is exactly the 404 a missing case (target, custody record) gets, by default the case's own. A 403
 * naming the case's team would tell a non-member which case IDs exist, and whose they are, so IDs could be probed.
 * `_doing` names, for the reader of the route, what the person tries; the answer does not say it.
 */
export async function requireCaseMember(client: Client, actor: Actor, caseId: string, _doing: string, kept?: CaseMembership, missing: TakedownError = missingWorkflow(workflowIds.case(caseId))): Promise<void> {
  if (readsEveryCase(actor)) return;
  if (!mayReadCase(actor, await membershipOf(client, caseId, kept))) throw missing;
}

/** The same for a record that carries its case's members (the CaseMembers search attribute), e.g. an ended custody. */
export function requireMemberValues(actor: Actor, members: readonly string[] | undefined, missing: TakedownError): void {
  if (readsEveryCase(actor)) return;
  if (!memberValuesOf(actor).some((value) => (members ?? []).includes(value))) throw missing;
}

/**
 * The visibility clause that keeps a case list to the person's cases: their team's and those they are
 * assigned to as counsel. Undefined for those who read every case; null for a person who can be a member
 * of none (an agent whose sign-in names no team).
 */
export function memberCasesClause(actor: Actor): string | undefined | null {
  if (readsEveryCase(actor)) return undefined;
  const values = memberValuesOf(actor);
  return values.length ? `CaseMembers IN (${values.map((v) => visibilityLiteral('member', v)).join(', ')})` : null;
}

/** At most this many of a person's cases narrow a list of targets, custody records or tasks (one IN clause). */
export const maxMemberCases = 1000;

/**
 * The IDs of the cases whose targets, custody records and tasks the person may list: undefined for those who
 * read every case. One visibility query over the cases; the list then filters `CaseId IN (…)` in its own.
 */
export async function memberCaseIds(client: Client, actor: Actor): Promise<string[] | undefined> {
  const clause = memberCasesClause(actor);
  if (clause === undefined) return undefined;
  if (clause === null) return [];
  return (await listCases(client, { member: clause }, maxMemberCases)).map((row) => row.caseId);
}

/** The team a new case belongs to: the opener's; an agent may not open a case for another team. */
export function teamOfNewCase(actor: Actor, asked: string | undefined): string | undefined {
  if (asked !== undefined && asked !== actor.team && !readsEveryCase(actor)) {
    throw new TakedownError('NOT_A_MEMBER', `team: ${actor.name} may open cases only for their own team (${actor.team ?? 'none named in the sign-in'}), not ${asked}`, { team: ['your own team, or leave it out'] });
  }
  const team = asked ?? actor.team;
  if (team === undefined && !readsEveryCase(actor)) {
    throw new TakedownError('NO_TEAM', `${actor.name}'s sign-in names no team, and a case belongs to its opener's team; ask the identity administrator to add the team claim`);
  }
  return team;
}
