import type { Client } from '@temporalio/client';
import { workflowIds } from '../../../domain/ids';
import { caseStatusQuery, legalReviewStatusQuery, type LegalReviewStatus } from '../../../domain/messages';
import type { CaseStatus } from '../../../domain/records';
import { TakedownError } from '../../../domain/errors';

/** The case workflow of a case ID (only through the ID helper). */
export const caseHandle = (client: Client, caseId: string) => client.workflow.getHandle(workflowIds.case(caseId));

export const caseStatus = (client: Client, caseId: string): Promise<CaseStatus> => caseHandle(client, caseId).query(caseStatusQuery);

/** The current review round's own workflow, if it is still waiting for counsel. */
export function openRound(status: CaseStatus) {
  const round = status.rounds.at(-1);
  if (!round) throw new TakedownError('WRONG_STATE', `case ${status.caseId} has not been submitted for review (it is ${status.stage})`);
  if (round.outcome === 'approve' || round.outcome === 'reject' || round.outcome === 'request-changes') {
    throw new TakedownError('ALREADY_DECIDED', `review round ${round.round} was decided already (${round.outcome}); the agent must amend the case to open a new round`);
  }
  if (round.outcome) throw new TakedownError('WRONG_STATE', `review round ${round.round} has ended (${round.outcome}); ${round.outcome === 'expired' ? 'the agent may reopen it' : 'a newer round replaces it'}`);
  return round;
}

/** The round's own status (reminders, escalation), when there is a round; a missing one is not an error. */
export async function reviewStatus(client: Client, status: CaseStatus): Promise<LegalReviewStatus | undefined> {
  const round = status.rounds.at(-1);
  if (!round) return undefined;
  return client.workflow.getHandle(round.workflowId).query(legalReviewStatusQuery).catch(() => undefined);
}
