import { ApplicationFailure } from '@temporalio/common';
import type { SendMailOptions } from 'nodemailer';
import { hasAnswerLink, isExternalTemplate, type NoticeContext, type NoticeRequest, type TemplateName } from '../../domain/notice-contexts';
import { sha256Hex } from '../store/blob-store';
import { signAckToken } from '../ack-token';
import type { NewLedgerEntry } from './ledger';
import { deterministicMessageId } from './mailer';
import { resolveRecipients, type RoleMailboxes } from './recipients';
import type { NoticeRenderer } from './templates';
import { assertValidXarf, buildXarfReports } from './xarf-report';

/** What composing needs: the renderer, the signing key and who we are. No transport, no ledger. */
export interface ComposeDeps {
  templates: NoticeRenderer;
  mailFrom: string;
  mailDomain: string;
  publicUrl: string;
  linkSecret: string;
  ackLinkValidDays: number;
  /** Mailboxes behind `role:<name>` recipients (TAKEDOWN_ROLE_MAILBOXES). */
  roleMailboxes?: RoleMailboxes;
  /** The agency named as XARF reporter and sender. */
  agency?: string;
}

export interface ComposedNotice {
  entry: NewLedgerEntry;
  mail: SendMailOptions;
}

const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * Turns a request into the exact message: recipients resolved, context completed with the delivery facts
 * (signed acknowledgement link for outside parties), rendered, XARF copy built and validated. Everything
 * derives from the request and configuration, so a retry composes the same bytes under the same Message-ID.
 */
export function composeNotice(deps: ComposeDeps, request: NoticeRequest): ComposedNotice {
  const base = deps.publicUrl.replace(/\/$/, '');
  const sentOn = request.createdAt.slice(0, 10);
  const external = isExternalTemplate(request.template);
  const exp = Math.floor(Date.parse(request.createdAt) / 1000) + deps.ackLinkValidDays * 86_400;
  const ackUrl = `${base}/ack/${signAckToken({ workflowId: request.workflowId, noticeId: request.noticeId, exp }, deps.linkSecret)}`;
  const delivery = hasAnswerLink(request.template) ? { noticeId: request.noticeId, ackUrl, sentOn } : { noticeId: request.noticeId, sentOn, baseUrl: base };
  const rendered = deps.templates.render(request.template, { ...request.context, delivery } as NoticeContext<TemplateName>);
  const recipients = resolveRecipients(request.to, deps.roleMailboxes ?? {});
  const caseFacts = (request.context as { case: { caseId: string; offence?: string; title: string; contact?: { email: string } } }).case;

  let attachments: NewLedgerEntry['attachments'] = [];
  if (external) {
    if (!request.xarf) throw ApplicationFailure.create({ type: 'TEMPLATE_CONTEXT_INVALID', message: `notice ${request.noticeId} goes to an outside party but carries no XARF facts`, nonRetryable: true });
    const reports = buildXarfReports({
      workflowId: request.workflowId, noticeId: request.noticeId, createdAt: request.createdAt, ackUrl,
      caseContact: caseFacts.contact?.email ?? addressOf(deps.mailFrom), description: `${caseFacts.offence ?? 'Counterfeit goods'}: ${caseFacts.title}`,
      xarf: request.xarf, parties: { agency: deps.agency ?? 'IPR Center', senderAddress: addressOf(deps.mailFrom), senderDomain: deps.mailDomain },
    });
    assertValidXarf(request.noticeId, reports);
    attachments = reports.map((report) => {
      const content = `${JSON.stringify(report, null, 2)}\n`;
      return { filename: `xarf-${report.source_identifier.replace(/[^A-Za-z0-9.-]+/g, '_')}.json`, contentType: 'application/json', content, sha256: sha256Hex(content) };
    });
  }

  const messageId = deterministicMessageId(request.workflowId, request.noticeId, deps.mailDomain);
  const follows = request.follows ? deterministicMessageId(request.workflowId, request.follows, deps.mailDomain) : undefined;
  return {
    entry: {
      noticeId: request.noticeId, workflowId: request.workflowId, caseId: caseFacts.caseId, kind: request.kind, template: request.template, messageId,
      recipients, requestedTo: request.to, ...rendered, attachments, covers: request.covers, follows: request.follows, createdAt: request.createdAt,
    },
    mail: {
      from: deps.mailFrom, to: recipients, subject: rendered.subject, html: rendered.html, text: rendered.text,
      // Same Message-ID, Date and MIME boundary on every attempt: a resent notice is byte-identical.
      messageId, date: new Date(request.createdAt), baseBoundary: request.noticeId.replace(/[^A-Za-z0-9]/g, ''),
      ...(follows ? { inReplyTo: follows, references: [follows] } : {}),
      headers: { 'X-Takedown-Notice': request.noticeId, 'X-Takedown-Case': caseFacts.caseId },
      attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    },
  };
}
