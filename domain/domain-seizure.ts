import type { Actor } from './actors';
import type { TargetCaseFacts } from './notice-request';
import type { CaseSettingsInput } from './settings';
import type { DomainTarget } from './targets/types';

/**
 * A domain seizure (PRODUCT §3, steps 1–7; custody, step 8, is domain/custody.ts): one workflow per domain,
 * a child of its case. Its signals and status query are the target's, shared with profile takedowns
 * (domain/target.ts).
 */
export interface DomainSeizureInput {
  caseId: string;
  caseWorkflowId: string;
  operationId?: string;
  target: DomainTarget;
  /** The case's facts when the target started; the approval's facts replace them (TargetDecisionMessage.facts). */
  facts: TargetCaseFacts;
  evidenceUrls: string[];
  openedBy: Actor;
  /** The owning team of the case (domain/membership.ts), handed on to custody. */
  team?: string;
  /** The case's settings as given; the defaults are applied here. */
  settings: CaseSettingsInput;
}
