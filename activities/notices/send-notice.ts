import { ApplicationFailure } from '@temporalio/common';
import type { NoticeRequest } from '../../domain/notice-contexts';
import type { NoticeSummary, RefusedRecipient } from '../../domain/notice-records';
import { composeNotice, type ComposeDeps } from '../../lib/mail/compose';
import type { LedgerEntry, NoticeLedger } from '../../lib/mail/ledger';
import type { MailHealth } from '../../lib/mail/mail-health';
import type { MailTransport } from '../../lib/mail/mailer';
import { classifySmtpError } from '../../lib/mail/smtp-errors';

export type { NoticeRequest } from '../../domain/notice-contexts';

export interface NoticeDeps extends ComposeDeps {
  transport: MailTransport;
  ledger: NoticeLedger;
  /** Shared by every notice this worker sends: our own mail configuration refused holds them all. */
  mailHealth?: MailHealth;
  log?: { warn(message: string, attrs?: Record<string, unknown>): void; error?(message: string, attrs?: Record<string, unknown>): void };
}

/** The mail server's acceptance of a message, as one attempt tells the next. */
export interface Acceptance {
  messageId: string;
  response: string;
  /** Recipients the server refused while accepting the others. */
  refused?: RefusedRecipient[];
}

/**
 * Where an attempt leaves the fact "the server accepted it" outside our own process and database:
 * Temporal's heartbeat details, which the next attempt of the same activity receives (see index.ts).
 */
export interface AttemptJournal {
  accepted(): Acceptance | undefined;
  recordAccepted(acceptance: Acceptance): Promise<void>;
}

/**
 * Sends one notice effectively once.
 * - The ledger is checked first: a notice already sent is not sent again.
 * - Once the server accepts, the acceptance goes to Temporal (heartbeat) and then to the ledger; if the
 *   ledger write fails, or the worker dies, the retry finds the acceptance in the heartbeat and records it
 *   without resending, on whichever worker host it runs (its ledger need not hold the notice).
 * - Known failures: 4xx and connection errors are retried by Temporal (nothing lost while the server is
 *   down); 5xx ends the notice as SMTP_PERMANENT, non-retryable, with the server's answer recorded.
 * - An attempt whose outcome is unknown (the process died within the instant between the server's answer
 *   and the heartbeat) is sent again with the same Message-ID: a duplicate receivers can drop is better
 *   than a legal notice silently lost.
 */
export async function sendNoticeOnce(deps: NoticeDeps, request: NoticeRequest, journal?: AttemptJournal): Promise<NoticeSummary> {
  const already = deps.ledger.get(request.noticeId);
  if (already?.status === 'sent') return summaryOf(already);
  const { entry, mail } = composeNotice(deps, request);
  // An earlier attempt saw the server accept it: Temporal kept that, whichever host made the attempt, so
  // this host records it (in its own ledger, which may never have seen the notice) and sends nothing.
  const accepted = journal?.accepted();
  if (accepted && accepted.messageId === entry.messageId) {
    if (!already) deps.ledger.beginAttempt(entry);
    deps.ledger.markSent(request.noticeId, accepted.response, replyCode(accepted.response), accepted.refused);
    return summaryOf(deps.ledger.get(request.noticeId)!);
  }
  const held = deps.mailHealth?.held();
  if (held) {
    if (already) deps.ledger.markDeferred(request.noticeId, `held: our mail configuration was refused: ${held}`);
    throw configurationFailure(request.noticeId, held);
  }

  if (already?.status === 'sending' && !already.lastError) {
    deps.log?.warn('the previous attempt of this notice ended without an answer; sending again under the same Message-ID', { noticeId: request.noticeId, messageId: entry.messageId });
  }
  deps.ledger.beginAttempt(entry);

  let response: string;
  let refused: RefusedRecipient[];
  try {
    const info = await deps.transport.sendMail(mail);
    refused = refusedRecipients(info);
    response = refused.length > 0 ? `${info.response} (refused: ${refused.map((r) => r.address).join(', ')})` : info.response;
  } catch (error) {
    const outcome = classifySmtpError(error);
    if (outcome.configuration) {
      deps.ledger.markDeferred(request.noticeId, outcome.answer);
      if (deps.mailHealth?.broken(outcome.answer) ?? true) {
        (deps.log?.error ?? deps.log?.warn)?.call(deps.log, 'ALERT: the mail server refuses our own configuration (credentials or TLS); no notice is sent until it is fixed, and notices wait meanwhile', { smtpResponse: outcome.answer, noticeId: request.noticeId });
      }
      throw configurationFailure(request.noticeId, outcome.answer);
    }
    if (outcome.permanent) {
      deps.ledger.markFailed(request.noticeId, outcome.answer, outcome.responseCode);
      throw ApplicationFailure.create({ type: 'SMTP_PERMANENT', message: `the mail server refused notice ${request.noticeId}: ${outcome.answer}`, nonRetryable: true, details: [{ noticeId: request.noticeId, smtpResponse: outcome.answer, responseCode: outcome.responseCode, to: entry.recipients }] });
    }
    deps.ledger.markDeferred(request.noticeId, outcome.answer);
    throw ApplicationFailure.create({ type: 'SMTP_TEMPORARY', message: `notice ${request.noticeId} not delivered yet: ${outcome.answer}`, details: [{ smtpResponse: outcome.answer, responseCode: outcome.responseCode }] });
  }
  deps.mailHealth?.working();
  // Accepted: tell Temporal first (it outlives this process and this database), then the ledger.
  await journal?.recordAccepted({ messageId: entry.messageId, response, ...(refused.length > 0 ? { refused } : {}) });
  deps.ledger.markSent(request.noticeId, response, replyCode(response), refused);
  return summaryOf(deps.ledger.get(request.noticeId)!);
}

/** Retried by Temporal like any outage: the notice waits for the configuration to be fixed, it does not fail. */
function configurationFailure(noticeId: string, answer: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'SMTP_CONFIG', message: `notice ${noticeId} waits: the mail server refuses our configuration (credentials or TLS): ${answer}`, details: [{ smtpResponse: answer }] });
}

/** What nodemailer reports of recipients refused while others were accepted, with each one's answer. */
function refusedRecipients(info: { rejected?: unknown[]; rejectedErrors?: { recipient?: string; response?: string; message?: string }[] }): RefusedRecipient[] {
  const errors = info.rejectedErrors ?? [];
  return (info.rejected ?? []).map((address) => {
    const error = errors.find((e) => e.recipient === String(address));
    return { address: String(address), answer: error?.response ?? error?.message ?? 'refused by the mail server' };
  });
}

const replyCode = (response: string) => (/^\d{3}/.test(response) ? Number(response.slice(0, 3)) : undefined);

export function summaryOf(entry: LedgerEntry): NoticeSummary {
  return {
    noticeId: entry.noticeId, kind: entry.kind, to: entry.recipients, subject: entry.subject, messageId: entry.messageId, sentAt: entry.sentAt ?? entry.createdAt,
    covers: entry.covers, smtpResponse: entry.smtpResponse, ...(entry.refused?.length ? { refused: entry.refused } : {}), attachments: entry.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sha256: a.sha256 })),
    ...(entry.follows ? { follows: entry.follows } : {}),
  };
}
