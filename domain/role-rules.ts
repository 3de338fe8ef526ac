import type { Actor, Role } from './actors';
import { TakedownError } from './errors';

/*
 * Who may do what, by role, apart from the case's rules (domain/case-rules.ts): a target workflow checks roles
 * too, and importing them from here keeps it from building the case package's schemas each time the worker
 * creates it (README, "Where the worker's time went at 10,000").
 */

/** Who may prepare a case (open, add targets, amend, submit, reopen) and who may withdraw a target. */
export const preparerRoles: readonly Role[] = ['agent', 'supervisor'];
export const withdrawRoles: readonly Role[] = ['agent', 'supervisor'];
export const targetAdderRoles: readonly Role[] = ['agent', 'coordinator', 'supervisor'];

export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(actor.role)) throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; ${action} is for ${allowed.join(' or ')}`);
}
