import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { PendingAlert } from './clocks';
import { causeMessage } from '../shared/cause-message';
import type { CustodyBook } from './state';

const mail = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '5s', maximumInterval: '5m', maximumAttempts: 5 } });

/** Records the alert (once per key) and mails it to the coordinator's role mailbox; a mail failure is recorded, not fatal. */
export async function alertCoordinator(book: CustodyBook, pending: PendingAlert): Promise<void> {
  const alert = book.raise(pending);
  if (!alert) return;
  try {
    alert.noticeId = (await mail.sendNotice(book.escalation(alert))).noticeId;
  } catch (error) {
    book.record(`alert ${alert.key} not mailed: ${causeMessage(error)}`);
  }
}
