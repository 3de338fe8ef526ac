import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { nowIso } from '../../domain/clock';
import { custodyWorkflowId } from '../../domain/custody';
import type { DomainSeizureInput } from '../../domain/domain-seizure';
import { targetKey } from '../../domain/ids';
import type { TargetCaseFacts } from '../../domain/notice-request';
import type { TargetStatus } from '../../domain/target';
import type { CaseSettings } from '../../domain/settings';
import { evidenceRefs } from '../../domain/xarf';
import type { custodyWorkflow } from '../custody/custody';

/**
 * Step 8 begins: custody (re-verification, expiry and forfeiture clocks) as a workflow of its own that
 * outlives the domain's, started as an abandoned child (workflow ID custody:<domain>). Started by its type's name,
 * not its function: importing the function would make every target build custody's modules each time the worker
 * creates it (README, "Where the worker's time went at 10,000").
 */
export function startCustody(args: { input: DomainSeizureInput; status: TargetStatus; settings: CaseSettings; facts: TargetCaseFacts; caseRef: string; warrant: NonNullable<TargetStatus['warrant']>['warrant'] }) {
  const { input, status, settings, facts, warrant } = args;
  return startChild<typeof custodyWorkflow>('custodyWorkflow', {
    workflowId: custodyWorkflowId(input.target.domain),
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [{
      domain: input.target.domain, caseId: input.caseId, caseTitle: facts.title, caseRef: args.caseRef, seizedAt: nowIso(), expiresAt: status.registration?.events.expires,
      warrant: { court: warrant.court, docket: warrant.docket, sealed: warrant.sealed },
      // What a release order needs years later, when the case has long closed: the facts, the warrant, the name servers to restore.
      restore: { facts, warrant: status.warrant!, target: { key: targetKey(input.target), target: input.target, registration: status.registration, evidence: evidenceRefs(status.evidence) }, executeWithin: settings.registryExecutionWithin },
      settings: settings.custody,
      ...(input.team ? { team: input.team } : {}),
    }],
  });
}
