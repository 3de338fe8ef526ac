/** Where a domain seizure stands: the working stages in order, then the terminal outcomes. */
export const domainStages = ['LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'] as const;
export const terminalOutcomes = ['SEIZED', 'REJECTED', 'EXCLUDED', 'WITHDRAWN', 'NOT_REGISTERED', 'REVIEW_EXPIRED', 'FAILED_NEEDS_ATTENTION'] as const;

export type WorkingStage = (typeof domainStages)[number];
export type TerminalOutcome = (typeof terminalOutcomes)[number];
export type Stage = WorkingStage | TerminalOutcome;

export function isTerminal(stage: Stage): stage is TerminalOutcome {
  return (terminalOutcomes as readonly string[]).includes(stage);
}

/** Where a case stands as a whole. */
export const caseStages = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'REVIEW_EXPIRED', 'AWAITING_WARRANT', 'EXECUTING', 'REJECTED', 'CLOSED'] as const;
export type CaseStage = (typeof caseStages)[number];
