/** Where a domain seizure stands: the working stages in order, then the terminal outcomes. */
export const domainStages = ['LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'] as const;
/** Where a profile takedown stands (workflows/profile-takedown/profile-takedown.ts); PRESERVATION (18 U.S.C. § 2703(f)) only when the case asks for it. */
export const profileStages = ['EVIDENCE', 'LEGAL_REVIEW', 'PRESERVATION', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'] as const;
// FORFEITED and RELEASED end a seized domain's custody (workflows/custody/custody.ts, workflow ID custody:<domain>).
// REMOVED ends a profile takedown: the platform took the profile down (its watch runs on in workflows/profile-takedown/profile-watch.ts).
export const terminalOutcomes = ['SEIZED', 'REJECTED', 'EXCLUDED', 'WITHDRAWN', 'NOT_REGISTERED', 'REVIEW_EXPIRED', 'WARRANT_EXPIRED', 'FAILED_NEEDS_ATTENTION', 'FORFEITED', 'RELEASED', 'REMOVED'] as const;

export type WorkingStage = (typeof domainStages)[number] | (typeof profileStages)[number];
export type TerminalOutcome = (typeof terminalOutcomes)[number];
export type Stage = WorkingStage | TerminalOutcome;

export function isTerminal(stage: Stage): stage is TerminalOutcome {
  return (terminalOutcomes as readonly string[]).includes(stage);
}

/** Where a case stands as a whole. */
export const caseStages = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'REVIEW_EXPIRED', 'AWAITING_WARRANT', 'EXECUTING', 'REJECTED', 'CLOSED'] as const;
export type CaseStage = (typeof caseStages)[number];

/** Every working stage of a case's target in the order targets move through them (domains and profiles together). */
export const workingOrder: readonly string[] = ['STARTING', 'LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'PRESERVATION', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'];
/** A case's target still opening: its workflow starting, its registration looked up, its evidence captured. */
export const openingStages: readonly string[] = workingOrder.slice(0, 3);
