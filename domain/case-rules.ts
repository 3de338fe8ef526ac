import type { Actor } from './actors';
import { casePackageSchema, maxTargetsPerCase, type CasePackage } from './case-package';
import { TakedownError } from './errors';
import { preparerRoles, requireRole, targetAdderRoles, withdrawRoles } from './role-rules';
import type { CaseStatus } from './case-status';
import type { CaseStage } from './stages';
import { parseOrRefuse } from './validation';

/** Stages in which the package may still change (a change while in review supersedes the round). */
const amendableStages: readonly CaseStage[] = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'REVIEW_EXPIRED'];

function requireStage(status: CaseStatus, allowed: readonly CaseStage[], action: string): void {
  if (!allowed.includes(status.stage)) throw new TakedownError('WRONG_STATE', `cannot ${action} while the case is ${status.stage}; possible when ${allowed.join(', ')}`);
}

export function checkSubmit(status: CaseStatus, actor: Actor): void {
  requireRole(actor, preparerRoles, 'submitting for review');
  requireStage(status, ['DRAFT'], 'submit for review');
  if (status.targets.length === 0) throw new TakedownError('WRONG_STATE', 'the case has no targets to review');
}

export function checkAmend(status: CaseStatus, actor: Actor, input: unknown, note: unknown): CasePackage {
  requireRole(actor, preparerRoles, 'amending the case package');
  requireStage(status, amendableStages, 'amend the package');
  if (typeof note !== 'string' || note.trim().length < 3) throw new TakedownError('VALIDATION_FAILED', 'note: say what the amendment changes', { note: ['say what the amendment changes'] });
  const pkg = parseOrRefuse(casePackageSchema, input, 'the amended package');
  if (pkg.caseId !== status.caseId) throw new TakedownError('VALIDATION_FAILED', `caseId: the amendment names case ${pkg.caseId}, this is case ${status.caseId}`, { caseId: ['must stay the same'] });
  const dropped = status.targets.filter((t) => !pkg.targets.includes(t.target.input)).map((t) => t.key);
  if (dropped.length) throw new TakedownError('VALIDATION_FAILED', `targets: the amendment leaves out ${dropped.join(', ')}; withdraw a target instead of dropping it, so the record shows why`, { targets: ['keep every target; withdraw to remove one'] });
  return pkg;
}

export function checkAddTargets(status: CaseStatus, actor: Actor, targets: unknown): string[] {
  requireRole(actor, targetAdderRoles, 'adding targets');
  requireStage(status, amendableStages, 'add targets');
  if (!Array.isArray(targets) || targets.length === 0 || targets.some((t) => typeof t !== 'string')) {
    throw new TakedownError('VALIDATION_FAILED', 'targets: give at least one target as text', { targets: ['a non-empty list of strings'] });
  }
  if (status.targets.length + targets.length > maxTargetsPerCase) {
    const why = `a case holds at most ${maxTargetsPerCase} targets (this one has ${status.targets.length}, and ${targets.length} more were given); start an operation for a larger sweep`;
    throw new TakedownError('VALIDATION_FAILED', `targets: ${why}`, { targets: [why] });
  }
  return targets as string[];
}

export function checkReopen(status: CaseStatus, actor: Actor, reason: unknown): void {
  requireRole(actor, preparerRoles, 'reopening a review');
  requireStage(status, ['REVIEW_EXPIRED'], 'reopen the review');
  if (typeof reason !== 'string' || reason.trim().length < 3) throw new TakedownError('VALIDATION_FAILED', 'reason: say why the review is reopened', { reason: ['required'] });
}

export function checkWithdraw(status: CaseStatus, actor: Actor, target: unknown, reason: unknown, isLive: (key: string) => boolean): string {
  requireRole(actor, withdrawRoles, 'withdrawing a target');
  if (typeof reason !== 'string' || reason.trim().length < 3) throw new TakedownError('VALIDATION_FAILED', 'reason: a withdrawal needs a reason', { reason: ['required'] });
  const entry = status.targets.find((t) => t.key === target);
  if (!entry) throw new TakedownError('UNKNOWN_TARGET', `the case holds no target "${String(target)}"; it holds ${status.targets.map((t) => t.key).join(', ')}`);
  if (!isLive(entry.key)) throw new TakedownError('WRONG_STATE', `${entry.key} has already ended (${entry.stage})`);
  return entry.key;
}
