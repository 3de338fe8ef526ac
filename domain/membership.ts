import type { Actor, Role } from './actors';
import { TakedownError } from './errors';

/**
 * Case membership (issue 13, item 3). A case belongs to one team (the team of whoever opened it, or the
 * team an operation names) and may have one assigned counsel from anywhere. Agents and counsel read and
 * act only on their team's cases and the cases they are assigned to; coordinators and supervisors read
 * every case and act on any as their role allows. The API (src/api/membership.ts) and the case workflow's
 * update validators both apply this one rule.
 */
export interface CaseMembership {
  /** The owning team; absent only on a case opened before membership existed or by someone without a team. */
  team?: string;
  /** The assigned counsel's person ID (the token's subject), if any. */
  counsel?: string;
  /** Who opened or amended the package: the members of a case that has no team. */
  authors?: readonly string[];
}

/** The roles that read every case and act on any as their role allows. */
export const everyCaseRoles: readonly Role[] = ['coordinator', 'supervisor', 'system'];

/** Who sets a case's team and assigned counsel once it is open. */
export const membershipSetterRoles: readonly Role[] = ['coordinator', 'supervisor'];

/** A team name as tokens and forms carry it: short, no quotes (it goes into a visibility query). */
export const teamPattern = /^[A-Za-z0-9][A-Za-z0-9 ._@:/-]{0,99}$/;

/** The values of the CaseMembers search attribute of a case with these members. */
export function memberValues(membership: Pick<CaseMembership, 'team' | 'counsel'>): string[] {
  return [...(membership.team !== undefined ? [`team:${membership.team}`] : []), ...(membership.counsel !== undefined ? [`counsel:${membership.counsel}`] : [])];
}

/** The members a CaseMembers search attribute names (the inverse of memberValues). */
export function membershipOfValues(values: readonly string[]): Pick<CaseMembership, 'team' | 'counsel'> {
  const named = (prefix: string) => values.find((v) => v.startsWith(prefix))?.slice(prefix.length);
  const [team, counsel] = [named('team:'), named('counsel:')];
  return { ...(team !== undefined ? { team } : {}), ...(counsel !== undefined ? { counsel } : {}) };
}

/** The CaseMembers values that make this person a member: their team, and their own ID if they are counsel. */
export function memberValuesOf(actor: Pick<Actor, 'id' | 'role' | 'team'>): string[] {
  return memberValues({ team: actor.team, counsel: actor.role === 'counsel' ? actor.id : undefined });
}

/** Whether the person belongs to the case: its team, its assigned counsel, or (on a case with no team) one of its authors. */
export function isMember(actor: Pick<Actor, 'id' | 'role' | 'team'>, membership: CaseMembership): boolean {
  if (membership.team !== undefined && actor.team === membership.team) return true;
  if (membership.counsel !== undefined && actor.role === 'counsel' && actor.id === membership.counsel) return true;
  return membership.team === undefined && (membership.authors ?? []).includes(actor.id);
}

/** Whether the person may read the case at all: every case for coordinators and supervisors, else their own. */
export function mayReadCase(actor: Pick<Actor, 'id' | 'role' | 'team'>, membership: CaseMembership): boolean {
  return everyCaseRoles.includes(actor.role) || isMember(actor, membership);
}

/**
 * Refuses a person who is not a member of the case, naming why: which team the case belongs to, which
 * team the person is in (or that the sign-in names none), and who the assigned counsel is.
 */
export function requireMember(actor: Pick<Actor, 'id' | 'name' | 'role' | 'team'>, caseId: string, membership: CaseMembership, doing: string): void {
  if (mayReadCase(actor, membership)) return;
  const owner = membership.team !== undefined ? `team ${membership.team}` : 'the people who opened or amended it';
  const counsel = membership.counsel !== undefined ? ` and its assigned counsel (${membership.counsel})` : '';
  const yours = actor.team !== undefined ? `you are in team ${actor.team}` : 'your sign-in names no team';
  throw new TakedownError('NOT_A_MEMBER', `${actor.name} may not ${doing}: case ${caseId} belongs to ${owner}${counsel}; ${yours}`);
}
