import { condition, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { systemActor } from '../../domain/actors';
import { nowIso } from '../../domain/clock';
import { targetWarrantExpiredSignal } from '../../domain/target';
import type { NoticeRequest } from '../../domain/notice-contexts';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import type { CaseState } from './state';
import { noticeIds } from '../../domain/notice-ids';

const mail = proxyActivities<Activities>({ startToCloseTimeout: '2m', scheduleToCloseTimeout: '1d', retry: { initialInterval: '5s', maximumInterval: '10m', nonRetryableErrorTypes: ['SMTP_PERMANENT', 'TEMPLATE_CONTEXT_INVALID', 'CONFIG_INVALID'] } });

/**
 * The warrant step has the review's shape: after approval, counsel is reminded at each interval until a
 * warrant covers every approved target; at the deadline the targets still uncovered end WARRANT_EXPIRED.
 */
export async function awaitWarrants(state: CaseState, settings: CaseSettings, caseWorkflowId: string, approvedAt: string): Promise<void> {
  // Evaluated at every report while the case waits: linear in the targets, not in targets times warrants' lists.
  const uncovered = () => {
    const covered = new Set(state.status.warrants.flatMap((w) => w.warrant.covers));
    return state.approvedKeys().filter((key) => !covered.has(key));
  };
  const every = durationMs(settings.warrantReminderAfter);
  const expireAt = Date.parse(approvedAt) + durationMs(settings.warrantExpireAfter);
  let nextReminder = Date.parse(approvedAt) + every;
  for (let reminder = 1; uncovered().length > 0; reminder++) {
    const wake = Math.min(nextReminder, expireAt);
    if (await condition(() => uncovered().length === 0, Math.max(1, wake - Date.parse(nowIso())))) return;
    if (Date.parse(nowIso()) >= expireAt) {
      const reason = `no warrant was recorded within ${settings.warrantExpireAfter} of approval`;
      state.record(systemActor, `warrant deadline passed for ${uncovered().join(', ')}`, { reason });
      await state.tellMany(uncovered(), targetWarrantExpiredSignal, { at: nowIso(), reason });
      return;
    }
    nextReminder += every;
    const request: NoticeRequest<'warrant-reminder'> = {
      workflowId: caseWorkflowId, noticeId: noticeIds.warrantReminder(state.status.caseId, reminder), kind: 'warrant-reminder', template: 'warrant-reminder', to: ['role:counsel'], covers: uncovered(), createdAt: nowIso(),
      context: { case: { caseId: state.status.caseId, title: state.pkg.title }, approvedOn: approvedAt.slice(0, 10), dueBy: new Date(expireAt).toISOString(), targets: uncovered(), reminderNumber: reminder, casePath: `/cases/${encodeURIComponent(state.status.caseId)}` },
    };
    try {
      await mail.sendNotice(request);
      state.record(systemActor, `warrant reminder ${reminder} sent to counsel`);
    } catch (error) {
      state.record(systemActor, `warrant reminder ${reminder} could not be sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
