import type { Role } from '../../domain/actors';
import { preparerRoles, targetAdderRoles, withdrawRoles } from '../../domain/role-rules';
import { custodyLegalRoles, custodyRecorderRoles } from '../../domain/custody';
import { TakedownError } from '../../domain/errors';
import { deciderRoles } from '../../domain/legal-rules';
import { staffRoles } from '../identity/users';
import { leadSubmitterRoles, leadTriagerRoles } from '../../domain/leads';
import { disseminatorRoles } from '../../domain/dissemination';
import { outreachRecorderRoles } from '../../domain/outreach';
import { membershipSetterRoles } from '../../domain/membership';
import { sealedReaderRoles } from './sealed';

/**
 * Who may take each action through the API. The workflow rules (domain/case-rules.ts, legal-rules.ts, custody.ts)
 * are reused, so the API refuses early what a workflow would refuse anyway, and the authorisation
 * matrix test reads this one table.
 */
export const permissions = {
  openCase: preparerRoles,
  addTargets: targetAdderRoles,
  submitForReview: preparerRoles,
  amendPackage: preparerRoles,
  reopenReview: preparerRoles,
  withdrawTarget: withdrawRoles,
  targetTasks: preparerRoles,
  decide: deciderRoles,
  recordWarrant: deciderRoles,
  normalize: [...new Set([...preparerRoles, ...targetAdderRoles])],
  viewCases: staffRoles,
  viewTargets: staffRoles,
  viewMetrics: ['coordinator', 'supervisor'],
  exportReport: ['coordinator', 'supervisor'],
  viewCustody: staffRoles,
  startOperation: ['coordinator', 'supervisor'],
  viewOperations: staffRoles,
  recordCustodyFact: custodyRecorderRoles,
  recordCourtAct: custodyLegalRoles,
  setCaseMembership: membershipSetterRoles,
  // Leads (issue 16): partners submit theirs and see only their own; staff see their team's and the unassigned.
  submitLead: leadSubmitterRoles,
  viewLeads: [...staffRoles, 'partner'],
  triageLead: leadTriagerRoles,
  // Dissemination (a lead or a case's findings to another office, agency or partner), each only what they may read.
  disseminate: disseminatorRoles,
  // Outreach and training events: coordinators record them and their outcomes; staff read them.
  recordOutreach: outreachRecorderRoles,
  viewOutreach: staffRoles,
  // The codec server shows any workflow's payloads, sealed warrants included: only those who read every case's sealed facts.
  decodePayloads: sealedReaderRoles,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export function allowed(action: Action, role: Role): boolean {
  return (permissions[action] as readonly Role[]).includes(role);
}

const described: Record<Action, string> = {
  openCase: 'open a case', addTargets: 'add targets', submitForReview: 'submit a case for review', amendPackage: 'amend a case package',
  reopenReview: 'reopen a review', withdrawTarget: 'withdraw a target', targetTasks: 'do a target\'s task (manual lookup, portal submission, preservation)', decide: 'decide a legal review', recordWarrant: 'record a warrant',
  normalize: 'check targets', viewCases: 'see cases', viewTargets: 'see targets', viewMetrics: 'see metrics', exportReport: 'export reports',
  viewCustody: 'see seized domains in custody', startOperation: 'start an operation', viewOperations: 'see operations', recordCustodyFact: 'record a personal notice, publication, claim or hardship request on a seized domain, or have it re-verified',
  recordCourtAct: "record a court's act (complaint, extension, forfeiture order), decide a hardship request, or release a seized domain",
  setCaseMembership: "set a case's owning team or assign its counsel",
  decodePayloads: 'read or encode Temporal payloads through the codec server',
  submitLead: 'submit a lead', viewLeads: 'see leads', triageLead: 'triage a lead or close it (declined, duplicate)',
  disseminate: "disseminate a lead or a case's findings, or see disseminations", recordOutreach: 'record outreach events and their outcomes', viewOutreach: 'see outreach events',
};

/**
 * The actions on one case, its targets or its custody records: an agent or counsel takes them only as a
 * member of the case (domain/membership.ts, src/api/membership.ts); the others act on no particular case
 * (or on the person's own cases only, as lists do). The authorisation matrix test reads this list.
 */
export const caseActions: readonly Action[] = [
  'addTargets', 'submitForReview', 'amendPackage', 'reopenReview', 'withdrawTarget', 'targetTasks', 'decide', 'recordWarrant',
  'viewCases', 'viewTargets', 'viewCustody', 'recordCustodyFact', 'recordCourtAct', 'setCaseMembership',
];

export function requireAllowed(action: Action, actor: { name: string; role: Role }): void {
  if (!allowed(action, actor.role)) {
    throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; only ${(permissions[action] as readonly Role[]).join(' or ')} may ${described[action]}`);
  }
}
