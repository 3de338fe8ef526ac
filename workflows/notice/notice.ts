import { allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso } from '../../domain/clock';
import { acknowledgeNoticeSignal, noticeProgressSignal, noticeSettledSignal, noticeStatusQuery, type NoticeOutcome, type NoticeProgress, type NoticeStatus } from '../../domain/notice';
import { targetAcknowledgementSignal, targetNoticeSignal } from '../../domain/target';
import type { PlannedNotice } from '../../domain/notice-request';
import { noticeForTarget } from '../../domain/notice-records';
import { ackLookup, followUpNotice } from './follow-up';

/** Telling the targets a notice drives is one activity, retried while the engine is briefly unreachable. */
const fanOut = proxyActivities<Activities>({ startToCloseTimeout: '10m', heartbeatTimeout: '1m', retry: { initialInterval: '1s', maximumInterval: '1m' } });
/** The case answers its notice's order at once; while the engine is busy the query is retried. */
const caseOrders = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '1s', maximumInterval: '30s', nonRetryableErrorTypes: ['UNKNOWN_NOTICE'] } });

export interface NoticeWorkflowInput {
  caseId: string;
  caseWorkflowId: string;
  /** The notice to send: its order (text, recipients, what it drives) is asked of the case (noticeOrderQuery). */
  noticeId?: string;
  /** Notices started before the order was asked for carried it in their input. */
  planned?: PlannedNotice;
  drives?: string[];
}

/**
 * One notice of a case, sent and followed up to its answer (workflows/notice/follow-up.ts: reminder, then
 * the escalation ladder). Its own workflow, so a case of any size holds one small message per step of each
 * notice instead of every timer and acknowledgement: the links in the notice name this workflow, the
 * recipient's answer comes here, and the case is told each step and the end of the follow-up. After that
 * the notice still takes late answers (a registrar that confirms the action after its receipt) until the
 * case settles it: when every target it covers has ended, or when the case closes.
 */
export async function noticeWorkflow(input: NoticeWorkflowInput): Promise<NoticeOutcome> {
  const noticeWorkflowId = workflowInfo().workflowId;
  // The order is asked of the case, so a notice covering thousands of targets costs the case's history nothing.
  const order = input.planned ? { planned: input.planned, drives: input.drives ?? [] } : await caseOrders.noticeOrder({ caseWorkflowId: input.caseWorkflowId, noticeId: input.noticeId! });
  const drives = order.drives;
  // Links and Message-IDs name the workflow that holds the notice: this one.
  const planned: PlannedNotice = { ...order.planned, request: { ...order.planned.request, workflowId: noticeWorkflowId } };
  const status: NoticeStatus = { caseId: input.caseId, noticeId: planned.request.noticeId, notices: [], acknowledgements: [] };
  const caseHandle = getExternalWorkflowHandle(input.caseWorkflowId);
  // Signals to the case are sent in order; one the case cannot take (it has ended) changes nothing here.
  const tellCase = (progress: Omit<NoticeProgress, 'noticeWorkflowId'>) => caseHandle.signal(noticeProgressSignal, { noticeWorkflowId, ...progress }).catch(() => undefined);
  const tellTargets = async <A>(signal: { name: string }, arg: A) => {
    if (drives.length > 0) await fanOut.tellTargets({ signal: signal.name, workflowIds: drives, arg });
  };
  let settled: string | undefined;

  setHandler(noticeStatusQuery, () => status);
  setHandler(noticeSettledSignal, ({ reason }) => { settled ??= reason; });
  setHandler(acknowledgeNoticeSignal, async (ack) => {
    if (!status.notices.some((n) => n.noticeId === ack.noticeId)) return void (await tellCase({ ignored: ack }));
    const received = { ...ack, at: nowIso() };
    status.acknowledgements.push(received);
    await tellCase({ acknowledgement: received });
    await tellTargets(targetAcknowledgementSignal, received);
  });

  const result = await followUpNotice({
    planned,
    hooks: {
      acknowledged: ackLookup(status.acknowledgements),
      settled: () => settled,
      onNotice: async (notice) => {
        status.notices.push(notice);
        // The case keeps neither the attachments (one XARF report per target; this workflow and the ledger keep
        // them) nor what the notice covers when it is what the case ordered.
        const { covers, attachments: _attachments, ...rest } = notice;
        await tellCase({ notice: sameKeys(covers, planned.request.covers) ? rest : { ...rest, covers } });
        await tellTargets(targetNoticeSignal, noticeForTarget(notice));
      },
      // The case records every step but 'sent' (the notice itself says it), so that one goes without its data.
      onStep: (step) => void tellCase({ step: step.step === 'sent' ? { ...step, data: undefined } : step }),
    },
  });
  status.outcome = result.outcome;
  await tellCase({ outcome: result.outcome });
  await condition(() => settled !== undefined);
  await condition(allHandlersFinished);
  await tellCase({ closed: true });
  return { noticeId: result.noticeId, outcome: result.outcome };
}

const sameKeys = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key, i) => key === b[i]);
