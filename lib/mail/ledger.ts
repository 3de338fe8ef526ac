import type { Db } from '../store/database';
import type { NoticeKind, RefusedRecipient } from '../../domain/notice-records';

export interface LedgerAttachment {
  filename: string;
  contentType: string;
  /** The attachment's text (XARF JSON), kept so a person can see exactly what was sent. */
  content: string;
  sha256: string;
}

/** One notice as stored: what was sent, to whom, and what the mail server answered. */
export interface LedgerEntry {
  noticeId: string;
  workflowId: string;
  caseId: string;
  kind: NoticeKind;
  template: string;
  messageId: string;
  /** The addresses it went to, after role references were resolved. */
  recipients: string[];
  /** As the workflow asked (e.g. `role:counsel`). */
  requestedTo: string[];
  subject: string;
  html: string;
  text: string;
  attachments: LedgerAttachment[];
  covers: string[];
  follows?: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  /** The last attempt's known failure (a 4xx or a connection error) while the notice is still being sent. */
  lastError?: string;
  smtpResponse?: string;
  smtpCode?: number;
  /** Recipients the server refused while it accepted the others: not served. */
  refused?: RefusedRecipient[];
  createdAt: string;
  sentAt?: string;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'status' | 'attempts' | 'lastError' | 'smtpResponse' | 'smtpCode' | 'refused' | 'sentAt'>;

/** Columns added after the first migration (lib/store/database.ts); added here if missing. */
const extraColumns: Record<string, string> = {
  case_id: "TEXT NOT NULL DEFAULT ''", template: "TEXT NOT NULL DEFAULT ''", requested_to: "TEXT NOT NULL DEFAULT '[]'",
  follows: 'TEXT', last_error: 'TEXT', smtp_code: 'INTEGER', created_at: "TEXT NOT NULL DEFAULT ''", refused: 'TEXT',
};

function ensureColumns(db: Db): void {
  const have = new Set((db.prepare('PRAGMA table_info(notices)').all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of Object.entries(extraColumns)) {
    if (have.has(name)) continue;
    // Another process (the API, a second worker) may add it at the same moment: that is fine.
    try { db.exec(`ALTER TABLE notices ADD COLUMN ${name} ${type}`); } catch (error) { if (!/duplicate column/i.test(String(error))) throw error; }
  }
  db.exec('CREATE INDEX IF NOT EXISTS notices_by_case ON notices (case_id, created_at)');
  db.exec('CREATE INDEX IF NOT EXISTS notices_by_workflow ON notices (workflow_id, created_at)');
}

const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(value: unknown, fallback: T): T => (typeof value === 'string' && value ? (JSON.parse(value) as T) : fallback);
const optional = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

function fromRow(row: Record<string, unknown>): LedgerEntry {
  return {
    noticeId: String(row.notice_id), workflowId: String(row.workflow_id), caseId: String(row.case_id), kind: row.kind as NoticeKind, template: String(row.template),
    messageId: String(row.message_id), recipients: parse(row.recipients, []), requestedTo: parse(row.requested_to, []), subject: String(row.subject),
    html: String(row.html), text: String(row.text), attachments: parse(row.attachments, []), covers: parse(row.covers, []), follows: optional(row.follows as string | null),
    status: row.status as LedgerEntry['status'], attempts: Number(row.attempts), lastError: optional(row.last_error as string | null),
    smtpResponse: optional(row.smtp_response as string | null), smtpCode: optional(row.smtp_code as number | null), refused: optional(row.refused ? parse<RefusedRecipient[]>(row.refused, []) : undefined),
    createdAt: String(row.created_at), sentAt: optional(row.sent_at as string | null),
  };
}

/**
 * The ledger of notices, consulted before every send so a retried activity never sends a notice twice,
 * and the record of everything sent (listed per case or per workflow for timelines and the API).
 */
export function createNoticeLedger(db: Db, now: () => string = () => new Date().toISOString()) {
  ensureColumns(db);
  const select = db.prepare('SELECT * FROM notices WHERE notice_id = ?');
  // A new attempt: the first inserts the rendered notice; later ones count (a `sent` notice stays untouched).
  const upsertAttempt = db.prepare(`
    INSERT INTO notices (notice_id, workflow_id, case_id, kind, template, message_id, recipients, requested_to, subject, html, text, attachments, covers, follows, status, attempts, created_at, updated_at)
    VALUES (@noticeId, @workflowId, @caseId, @kind, @template, @messageId, @recipients, @requestedTo, @subject, @html, @text, @attachments, @covers, @follows, 'sending', 1, @createdAt, @now)
    ON CONFLICT(notice_id) DO UPDATE SET attempts = attempts + 1, status = 'sending', updated_at = @now WHERE status != 'sent'`);
  const finish = db.prepare('UPDATE notices SET status = @status, smtp_response = @smtpResponse, smtp_code = @smtpCode, refused = @refused, last_error = NULL, sent_at = @at, updated_at = @at WHERE notice_id = @noticeId');
  const deferred = db.prepare('UPDATE notices SET last_error = @error, updated_at = @at WHERE notice_id = @noticeId');
  const byWorkflow = db.prepare('SELECT * FROM notices WHERE workflow_id = ? ORDER BY created_at, notice_id');
  const byCase = db.prepare('SELECT * FROM notices WHERE case_id = ? ORDER BY created_at, notice_id');

  return {
    get(noticeId: string): LedgerEntry | undefined {
      const row = select.get(noticeId) as Record<string, unknown> | undefined;
      return row ? fromRow(row) : undefined;
    },
    /** Records an attempt before talking to SMTP (a notice already `sent` is left untouched). */
    beginAttempt(entry: NewLedgerEntry): void {
      upsertAttempt.run({ ...entry, recipients: json(entry.recipients), requestedTo: json(entry.requestedTo), attachments: json(entry.attachments), covers: json(entry.covers), follows: entry.follows ?? null, now: now() });
    },
    markSent(noticeId: string, smtpResponse: string, smtpCode?: number, refused?: RefusedRecipient[]): void {
      finish.run({ noticeId, status: 'sent', smtpResponse, smtpCode: smtpCode ?? null, refused: refused?.length ? json(refused) : null, at: now() });
    },
    /** A permanent refusal: the server's answer is kept and the workflow escalates. */
    markFailed(noticeId: string, smtpResponse: string, smtpCode?: number): void {
      finish.run({ noticeId, status: 'failed', smtpResponse, smtpCode: smtpCode ?? null, refused: null, at: now() });
    },
    /** A known temporary failure (4xx, server down): safe to send again on the next attempt. */
    markDeferred(noticeId: string, error: string): void {
      deferred.run({ noticeId, error, at: now() });
    },
    forWorkflow(workflowId: string): LedgerEntry[] {
      return (byWorkflow.all(workflowId) as Record<string, unknown>[]).map(fromRow);
    },
    forCase(caseId: string): LedgerEntry[] {
      return (byCase.all(caseId) as Record<string, unknown>[]).map(fromRow);
    },
  };
}
export type NoticeLedger = ReturnType<typeof createNoticeLedger>;

/**
 * For the API: every notice of a case (or of a workflow), newest last, read from the shared SQLite file.
 * `withBodies: false` leaves out the rendered HTML, text and attachment contents for listings.
 */
export function listNotices(db: Db, query: { caseId: string } | { workflowId: string }, options: { withBodies?: boolean } = {}): LedgerEntry[] {
  const ledger = createNoticeLedger(db);
  const entries = 'caseId' in query ? ledger.forCase(query.caseId) : ledger.forWorkflow(query.workflowId);
  if (options.withBodies !== false) return entries;
  return entries.map((e) => ({ ...e, html: '', text: '', attachments: e.attachments.map((a) => ({ ...a, content: '' })) }));
}
