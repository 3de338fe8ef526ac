import { condition, setHandler } from '@temporalio/workflow';
import { nowIso } from '../../domain/clock';
import {
  disseminationStatusQuery, recordDisseminationOutcomeSignal, type DisseminationInput, type DisseminationStatus,
} from '../../domain/dissemination';
import { durationMs } from '../../domain/duration';
import { deliverNotice } from '../notice/follow-up';
import { renoticeRequest } from '../notice/follow-up-notices';

/**
 * One dissemination: a lead or a case's findings passed to another field office, agency or partner, and
 * followed until the recipient records what came of it. The notice goes through the send activity every
 * notice uses (activities/notices/send-notice.ts: the ledger and the attempt journal make a retried send
 * reach the recipient once); the link in it names this workflow, and the recipient's outcome comes here as
 * a signal (src/api/ack/routes.ts). The record people list and the report counts is kept by the API.
 */
export async function disseminationWorkflow(input: DisseminationInput): Promise<DisseminationStatus> {
  const status: DisseminationStatus = { caseId: input.subjectId, disseminationId: input.disseminationId, notices: [] };
  const within = durationMs(input.followUpAfter);
  const onNotice = (notice: DisseminationStatus['notices'][number]) => void status.notices.push(notice);

  setHandler(disseminationStatusQuery, () => status);
  // The first outcome counts; one naming a notice this dissemination did not send is ignored.
  setHandler(recordDisseminationOutcomeSignal, (outcome) => {
    if (status.outcome || !status.notices.some((n) => n.noticeId === outcome.noticeId)) return;
    status.outcome = { ...outcome, at: nowIso() };
  });
  const outcomeRecorded = () => condition(() => status.outcome !== undefined, within);

  // 1. Send the notice, once.
  const sent = await deliverNotice(input.request, { onNotice });
  if (!sent.ok) return end('undeliverable', sent.failure);
  // 2. Wait for the recipient to record what came of it.
  if (await outcomeRecorded()) return end('outcome');
  // 3. Nothing recorded in time: one reminder, the same notice marked as such, with its own link.
  const reminder = await deliverNotice(renoticeRequest(input.request, 1, sent.notice.sentAt, nowIso()), { onNotice });
  if (reminder.ok) status.reminderSentAt = reminder.notice.sentAt;
  // 4. Wait as long again; a later answer is still recorded by the API, this workflow just ends.
  if (await outcomeRecorded()) return end('outcome');
  return end('unanswered');

  function end(how: NonNullable<DisseminationStatus['ended']>, failure?: string): DisseminationStatus {
    status.ended = how;
    if (failure) status.failure = failure;
    return status;
  }
}
