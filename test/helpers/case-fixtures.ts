import type { Actor } from '../../domain/actors';
import type { CasePackageInput } from '../../domain/case-package';
import type { OperationInput } from '../../domain/operation';
import type { Warrant } from '../../domain/warrant';
import { unique } from './temporal';

// The agent and both counsel are one team, so they are members of the agent's cases (domain/membership.ts).
export const agent: Actor = { id: 'agent-rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' };
export const counsel: Actor = { id: 'counsel-okafor', name: 'AUSA Grace Okafor', role: 'counsel', team: 'miami-ipr' };
export const secondCounsel: Actor = { id: 'counsel-lindqvist', name: 'AUSA Erik Lindqvist', role: 'counsel', team: 'miami-ipr' };
export const supervisor: Actor = { id: 'supervisor-chen', name: 'SSA Wei Chen', role: 'supervisor', team: 'miami-ipr' };
export const coordinator: Actor = { id: 'coord-patel', name: 'Coordinator Asha Patel', role: 'coordinator', team: 'ipr-center' };
/** An agent and a counsel of another team: members of none of the fixtures' cases. */
export const otherTeamAgent: Actor = { id: 'agent-moreau', name: 'Special Agent Luc Moreau', role: 'agent', team: 'newark-ipr' };
export const otherTeamCounsel: Actor = { id: 'counsel-haddad', name: 'AUSA Samira Haddad', role: 'counsel', team: 'newark-ipr' };

/** A realistic case package for the given targets, with a unique case ID. */
export function casePackage(targets: string[], overrides: Partial<CasePackageInput> = {}): CasePackageInput {
  return {
    caseId: unique('HSI-NY-2026-'),
    title: 'Counterfeit luxury handbags sold online',
    offence: 'Trafficking in counterfeit goods',
    statutes: ['18 U.S.C. § 2320', '18 U.S.C. § 2323', '18 U.S.C. § 981'],
    targets,
    evidence: {
      summary: 'Two undercover purchases delivered counterfeit handbags; the rights holder confirmed both as counterfeit.',
      undercoverPurchases: [{ date: '2026-10-02', orderReference: 'UC-4471', item: 'handbag', target: targets[0]! }],
      rightsHolderConfirmations: [{ rightsHolder: 'Maison Example SA', confirmedOn: '2026-10-20', reference: 'RH-2026-118' }],
    },
    requestedActions: ['seizure'],
    contact: { name: 'Dana Rivera', email: 'dana.rivera@hsi.example', phone: '+1 212 555 0142' },
    ...overrides,
  };
}

/** An operation over these rows, sharing the usual package (offence, statutes, evidence, contact). */
export function operationOf(rows: string[], overrides: Record<string, unknown> = {}): OperationInput {
  const { caseId: _caseId, targets: _targets, ...shared } = casePackage(rows.length ? rows : ['x.com']);
  return { ...shared, operationId: unique('OP-CM-'), title: 'Cyber Monday sweep', rows, ...overrides } as OperationInput;
}

export function warrantFor(covers: string[], overrides: Partial<Warrant> = {}): Warrant {
  return {
    court: 'U.S. District Court for the Southern District of New York',
    judge: 'Hon. Miriam Castell, U.S. Magistrate Judge',
    docket: '26-MJ-04417',
    issuedOn: '2026-11-20',
    statutes: ['18 U.S.C. § 981', '18 U.S.C. § 2323'],
    sealed: false,
    documentRef: 'SDNY-26-MJ-04417-signed.pdf',
    covers,
    ...overrides,
  };
}
