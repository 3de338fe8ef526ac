import type { Db } from '../store/database';
import type { NoticeKind } from '../../domain/records';

export interface LedgerEntry {
  noticeId: string;
  workflowId: string;
  kind: NoticeKind;
  messageId: string;
  recipients: string[];
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
  covers: string[];
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  smtpResponse?: string;
  sentAt?: string;
}

/** The ledger of notices: consulted before every send so a retried activity never sends a notice twice. */
export function createNoticeLedger(db: Db) {
  const select = db.prepare('SELECT * FROM notices WHERE notice_id = ?');
  const upsertAttempt = db.prepare(`
    INSERT INTO notices (notice_id, workflow_id, kind, message_id, recipients, subject, html, text, attachments, covers, status, attempts, updated_at)
    VALUES (@noticeId, @workflowId, @kind, @messageId, @recipients, @subject, @html, @text, @attachments, @covers, 'sending', 1, @now)
    ON CONFLICT(notice_id) DO UPDATE SET attempts = attempts + 1, updated_at = @now WHERE status != 'sent'`);
  const finish = db.prepare('UPDATE notices SET status = @status, smtp_response = @smtpResponse, sent_at = @sentAt, updated_at = @sentAt WHERE notice_id = @noticeId');
  const list = db.prepare('SELECT * FROM notices WHERE workflow_id = ? ORDER BY updated_at');

  const fromRow = (row: Record<string, unknown>): LedgerEntry => ({
    noticeId: String(row.notice_id), workflowId: String(row.workflow_id), kind: row.kind as NoticeKind, messageId: String(row.message_id),
    recipients: JSON.parse(String(row.recipients)), subject: String(row.subject), html: String(row.html), text: String(row.text),
    attachments: JSON.parse(String(row.attachments)), covers: JSON.parse(String(row.covers)),
    status: row.status as LedgerEntry['status'], attempts: Number(row.attempts),
    smtpResponse: (row.smtp_response as string | null) ?? undefined, sentAt: (row.sent_at as string | null) ?? undefined,
  });

  return {
    get(noticeId: string): LedgerEntry | undefined {
      const row = select.get(noticeId) as Record<string, unknown> | undefined;
      return row ? fromRow(row) : undefined;
    },
    /** Records an attempt before talking to SMTP (a notice already `sent` is left untouched). */
    beginAttempt(entry: Omit<LedgerEntry, 'status' | 'attempts' | 'smtpResponse' | 'sentAt'>): void {
      upsertAttempt.run({ ...entry, recipients: JSON.stringify(entry.recipients), attachments: JSON.stringify(entry.attachments), covers: JSON.stringify(entry.covers), now: new Date().toISOString() });
    },
    markSent(noticeId: string, smtpResponse: string): void {
      finish.run({ noticeId, status: 'sent', smtpResponse, sentAt: new Date().toISOString() });
    },
    markFailed(noticeId: string, smtpResponse: string): void {
      finish.run({ noticeId, status: 'failed', smtpResponse, sentAt: new Date().toISOString() });
    },
    forWorkflow(workflowId: string): LedgerEntry[] {
      return (list.all(workflowId) as Record<string, unknown>[]).map(fromRow);
    },
  };
}
export type NoticeLedger = ReturnType<typeof createNoticeLedger>;
