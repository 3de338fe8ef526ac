import type { Client } from '@temporalio/client';
import { workflowIds } from '../../../domain/ids';
import type { CaseStatusView, CaseTargetsPage, CaseTargetsRequest } from '../../../domain/case-view';
import { caseStatusQuery, caseTargetsQuery } from '../../../domain/case';
import { legalReviewStatusQuery, type LegalReviewStatus } from '../../../domain/review';
import { isLive, type CaseStatus, type CaseTargetStage } from '../../../domain/case-status';
import { workingOrder } from '../../../domain/stages';
import { listTargets } from '../temporal/visibility';
import { TakedownError } from '../../../domain/errors';

/** The case workflow of a case ID (only through the ID helper). */
export const caseHandle = (client: Client, caseId: string) => client.workflow.getHandle(workflowIds.case(caseId));

/**
 * A case's status with each running target's stage as it is now. The case hears from a target only when it
 * is open (at legal review) and when it ends, so that its history stays small; every stage in between is a
 * search attribute of the target's own workflow, read here through visibility (the newest run of each).
 */
export async function caseStatus(client: Client, caseId: string): Promise<CaseStatusView> {
  const status = await caseHandle(client, caseId).query(caseStatusQuery);
  await withCurrentStages(client, caseId, status.targets, status.targets.length);
  return status;
}

/** A page of the case's targets in full (registration, evidence), each at its current stage. */
export async function caseTargets(client: Client, caseId: string, request: CaseTargetsRequest): Promise<CaseTargetsPage> {
  const page = await caseHandle(client, caseId).query(caseTargetsQuery, request);
  await withCurrentStages(client, caseId, page.targets, page.total);
  return page;
}

async function withCurrentStages(client: Client, caseId: string, targets: readonly { workflowId: string; stage: CaseTargetStage }[], total: number): Promise<void> {
  const live = targets.filter((t) => isLive(t.stage));
  if (live.length === 0) return;
  const now = new Map<string, string>();
  for (const row of await listTargets(client, { caseId }, total * 2)) {
    if (row.stage && !now.has(row.workflowId)) now.set(row.workflowId, row.stage);
  }
  // Stages only move forward; visibility may lag the case by a moment, so the later of the two is shown.
  for (const target of live) {
    const seen = now.get(target.workflowId) as CaseTargetStage | undefined;
    if (seen && progress(seen) > progress(target.stage)) target.stage = seen;
  }
}

const progress = (stage: CaseTargetStage) => (workingOrder.includes(stage) ? workingOrder.indexOf(stage) : isLive(stage) ? -1 : workingOrder.length);

/** The current review round's own workflow, if it is still waiting for counsel. */
export function openRound(status: Pick<CaseStatus, 'caseId' | 'stage' | 'rounds'>) {
  const round = status.rounds.at(-1);
  if (!round) throw new TakedownError('WRONG_STATE', `case ${status.caseId} has not been submitted for review (it is ${status.stage})`);
  if (round.outcome === 'approve' || round.outcome === 'reject' || round.outcome === 'request-changes') {
    throw new TakedownError('ALREADY_DECIDED', `review round ${round.round} was decided already (${round.outcome}); the agent must amend the case to open a new round`);
  }
  if (round.outcome) throw new TakedownError('WRONG_STATE', `review round ${round.round} has ended (${round.outcome}); ${round.outcome === 'expired' ? 'the agent may reopen it' : 'a newer round replaces it'}`);
  return round;
}

/** The round's own status (reminders, escalation), when there is a round; a missing one is not an error. */
export async function reviewStatus(client: Client, status: Pick<CaseStatus, 'rounds'>): Promise<LegalReviewStatus | undefined> {
  const round = status.rounds.at(-1);
  if (!round) return undefined;
  return client.workflow.getHandle(round.workflowId).query(legalReviewStatusQuery).catch(() => undefined);
}
