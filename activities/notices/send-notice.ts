import { ApplicationFailure } from '@temporalio/common';
import type { NoticeKind, NoticeSummary } from '../../domain/records';
import type { NoticeContext, TemplateName, WorkflowNoticeContext } from '../../domain/notice-contexts';
import { signAckToken } from './ack-token';
import { deterministicMessageId, type MailTransport } from './mailer';
import type { NoticeLedger, LedgerEntry } from './ledger';
import type { NoticeRenderer } from './templates';

/** What the workflow asks for: a notice, addressed, with everything it must state. */
export interface NoticeRequest<T extends TemplateName = TemplateName> {
  workflowId: string;
  noticeId: string;
  kind: NoticeKind;
  template: T;
  to: string[];
  context: WorkflowNoticeContext<T>;
  covers: string[];
  /** Workflow time of the decision to send: the Date header, so a resend is byte-identical. */
  createdAt: string;
}

export interface NoticeDeps {
  transport: MailTransport;
  ledger: NoticeLedger;
  templates: NoticeRenderer;
  mailFrom: string;
  mailDomain: string;
  publicUrl: string;
  linkSecret: string;
  ackLinkValidDays: number;
}

/**
 * Sends one notice effectively once. The ledger is checked first: a notice already sent is not sent
 * again. An attempt whose outcome is unknown (the worker died mid-send) is sent again with the same
 * Message-ID: a duplicate receivers can drop is better than a legal notice silently lost.
 */
export async function sendNoticeOnce(deps: NoticeDeps, request: NoticeRequest): Promise<NoticeSummary> {
  const already = deps.ledger.get(request.noticeId);
  if (already?.status === 'sent') return summaryOf(already, request);

  const token = signAckToken({ workflowId: request.workflowId, noticeId: request.noticeId, exp: Math.floor(Date.parse(request.createdAt) / 1000) + deps.ackLinkValidDays * 86_400 }, deps.linkSecret);
  const context = { ...request.context, delivery: { noticeId: request.noticeId, ackUrl: `${deps.publicUrl.replace(/\/$/, '')}/ack/${token}`, sentOn: request.createdAt.slice(0, 10) } } as NoticeContext<TemplateName>;
  const rendered = deps.templates.render(request.template, context);
  const messageId = deterministicMessageId(request.workflowId, request.noticeId, deps.mailDomain);
  deps.ledger.beginAttempt({ noticeId: request.noticeId, workflowId: request.workflowId, kind: request.kind, messageId, recipients: request.to, ...rendered, attachments: [], covers: request.covers });

  try {
    const info = await deps.transport.sendMail({
      from: deps.mailFrom, to: request.to, subject: rendered.subject, html: rendered.html, text: rendered.text,
      messageId, date: new Date(request.createdAt), baseBoundary: request.noticeId.replace(/[^A-Za-z0-9]/g, ''),
      headers: { 'X-Takedown-Notice': request.noticeId },
    });
    deps.ledger.markSent(request.noticeId, info.response);
    return summaryOf(deps.ledger.get(request.noticeId)!, request);
  } catch (error) {
    const smtp = error as { responseCode?: number; response?: string; permanent?: boolean; message?: string };
    const answer = smtp.response ?? smtp.message ?? String(error);
    if (smtp.permanent === true || (smtp.responseCode !== undefined && smtp.responseCode >= 500)) {
      deps.ledger.markFailed(request.noticeId, answer);
      throw ApplicationFailure.create({ type: 'SMTP_PERMANENT', message: `the mail server refused notice ${request.noticeId}: ${answer}`, nonRetryable: true, details: [{ smtpResponse: answer, responseCode: smtp.responseCode }] });
    }
    // 4xx and connection errors: Temporal retries with backoff; nothing is lost while the server is down.
    throw ApplicationFailure.create({ type: 'SMTP_TEMPORARY', message: `notice ${request.noticeId} not delivered yet: ${answer}` });
  }
}

function summaryOf(entry: LedgerEntry, request: NoticeRequest): NoticeSummary {
  return { noticeId: entry.noticeId, kind: entry.kind, to: entry.recipients, subject: entry.subject, messageId: entry.messageId, sentAt: entry.sentAt ?? request.createdAt, covers: entry.covers, smtpResponse: entry.smtpResponse };
}
