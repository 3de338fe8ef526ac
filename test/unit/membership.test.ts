import { TakedownError } from '../../domain/errors';
import { isMember, mayReadCase, memberValues, memberValuesOf, membershipOfValues, requireMember } from '../../domain/membership';
import { memberCasesClause, teamOfNewCase } from '../../src/api/membership';

const rivera = { id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent' as const, team: 'miami-ipr' };
const moreau = { id: 'moreau', name: 'Special Agent Luc Moreau', role: 'agent' as const, team: 'newark-ipr' };
const haddad = { id: 'haddad', name: 'AUSA Samira Haddad', role: 'counsel' as const, team: 'newark-ipr' };
const noTeam = { id: 'u-17', name: 'J. Doe', role: 'agent' as const };
const patel = { id: 'patel', name: 'Coordinator Asha Patel', role: 'coordinator' as const, team: 'ipr-center' };

test('a member is of the case\'s team or its assigned counsel; coordinators and supervisors read every case without being members', () => {
  const miami = { team: 'miami-ipr', authors: ['rivera'] };
  expect(isMember(rivera, miami)).toBe(true);
  expect(isMember(moreau, miami)).toBe(false);
  expect(isMember(haddad, miami)).toBe(false);
  expect(isMember(haddad, { ...miami, counsel: 'haddad' })).toBe(true);
  // Assigned counsel is a counsel's membership: an agent whose ID happens to match is not made a member.
  expect(isMember({ ...moreau, id: 'haddad' }, { ...miami, counsel: 'haddad' })).toBe(false);
  expect(mayReadCase(patel, miami)).toBe(true);
  expect(isMember(patel, miami)).toBe(false);
  // A case with no team (opened before membership existed): its authors are its members.
  expect(isMember(noTeam, { authors: ['u-17'] })).toBe(true);
  expect(isMember(noTeam, miami)).toBe(false);
});

test('a refusal names the case, its team and counsel, and the person\'s team or that the sign-in names none', () => {
  const refusal = (actor: Parameters<typeof requireMember>[0]) => { try { requireMember(actor, 'HSI-1', { team: 'miami-ipr', counsel: 'okafor' }, 'withdraw a target'); } catch (e) { return e as TakedownError; } return undefined; };
  expect(refusal(moreau)).toMatchObject({ code: 'NOT_A_MEMBER', message: 'Special Agent Luc Moreau may not withdraw a target: case HSI-1 belongs to team miami-ipr and its assigned counsel (okafor); you are in team newark-ipr' });
  expect(refusal(noTeam)?.message).toContain('your sign-in names no team');
  expect(refusal(rivera)).toBeUndefined();
});

test('lists: the visibility clause of a person\'s cases; none for a person without a team who is not counsel', () => {
  expect(memberValues({ team: 'miami-ipr', counsel: 'okafor' })).toEqual(['team:miami-ipr', 'counsel:okafor']);
  expect(memberValuesOf(haddad)).toEqual(['team:newark-ipr', 'counsel:haddad']);
  // The members read back from the attribute (membership checks ask the engine for it, not the case's worker).
  for (const members of [{ team: 'miami-ipr', counsel: 'okafor' }, { team: 'hsi:ny/cyber-1' }, { counsel: 'haddad' }, {}]) expect(membershipOfValues(memberValues(members))).toEqual(members);
  expect(memberCasesClause(rivera)).toBe("CaseMembers IN ('team:miami-ipr')");
  expect(memberCasesClause(haddad)).toBe("CaseMembers IN ('team:newark-ipr', 'counsel:haddad')");
  expect(memberCasesClause({ ...haddad, team: undefined })).toBe("CaseMembers IN ('counsel:haddad')");
  expect(memberCasesClause(patel)).toBeUndefined();
  expect(memberCasesClause(noTeam)).toBeNull();
});

test('a new case belongs to its opener\'s team; an agent names no other, and an agent without a team is told so', () => {
  expect(teamOfNewCase(rivera, undefined)).toBe('miami-ipr');
  expect(teamOfNewCase(rivera, 'miami-ipr')).toBe('miami-ipr');
  expect(() => teamOfNewCase(rivera, 'newark-ipr')).toThrow(expect.objectContaining({ code: 'NOT_A_MEMBER' }));
  expect(() => teamOfNewCase(noTeam, undefined)).toThrow(expect.objectContaining({ code: 'NO_TEAM', message: expect.stringContaining('names no team') }));
  expect(teamOfNewCase({ ...patel, role: 'supervisor' as const }, 'newark-ipr')).toBe('newark-ipr');
});
