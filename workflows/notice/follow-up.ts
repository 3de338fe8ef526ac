import { condition, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { nowIso } from '../../domain/clock';
import type { NoticeRequest } from '../../domain/notice-contexts';
import { coordinatorLevel, type EscalationLevel, type FollowUpPlan, type FollowUpStep, type FollowUpStepKind, type PlannedNotice } from '../../domain/notice-request';

export type { FollowUpStep, FollowUpStepKind } from '../../domain/notice-request';
import type { Acknowledgement, NoticeSummary, RefusedRecipient } from '../../domain/notice-records';
import { durationMs } from '../../domain/duration';
import { failureType } from '../shared/refuse';
import { escalationRequests, refusedRecipientsRequests, renoticeRequest } from './follow-up-notices';

export { escalationRequests, refusedRecipientsRequests, renoticeRequest } from './follow-up-notices';

/** Notices must get through: a mail server down for a while delays them (retried for a week), it does not lose them. */
const mail = proxyActivities<Activities>({
  startToCloseTimeout: '2m',
  scheduleToCloseTimeout: '7d',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: ['SMTP_PERMANENT', 'TEMPLATE_CONTEXT_INVALID', 'CONFIG_INVALID'] },
});

/** Finds the answer that settles a notice among the acknowledgements received (the case supplies it). */
export type AckLookup = (noticeIds: readonly string[], requires: FollowUpPlan['requires']) => Acknowledgement | undefined;

/** The usual lookup over the case's acknowledgements: `actioned` settles both needs, `received` only its own. */
export function ackLookup(acks: readonly Acknowledgement[]): AckLookup {
  return (ids, requires) => acks.find((a) => ids.includes(a.noticeId) && (requires === 'received' || a.kind === 'actioned'));
}

/** How the case is told: every notice sent (to record it and tell its targets) and every step. */
export interface NoticeHooks {
  acknowledged: AckLookup;
  /**
   * Optional: whether the notice no longer needs an answer, and why (e.g. every domain it covers is verified
   * seized at the registry, or has ended); checked with the acknowledgements, it ends the follow-up quietly.
   */
  settled?: (covers: readonly string[]) => string | undefined;
  onNotice(notice: NoticeSummary): Promise<void> | void;
  onStep(step: FollowUpStep): void;
}

/** A sent notice, or why it could not be sent: the server's answer (SMTP_PERMANENT) or another failure after all retries. */
export type Delivery = { ok: true; notice: NoticeSummary } | { ok: false; failure: string; smtpResponse?: string };

export interface FollowUpResult {
  noticeId: string;
  outcome: 'acknowledged' | 'acknowledged-late' | 'settled' | 'unanswered' | 'undeliverable-unanswered';
  acknowledgement?: Acknowledgement;
  steps: FollowUpStep[];
}

/**
 * Sends one notice. A notice that cannot be sent (the server refused it, a week of retries ran out, a
 * template or configuration error) is a result the ladder takes over, never a failed case workflow.
 */
export async function deliverNotice(request: NoticeRequest, hooks: Pick<NoticeHooks, 'onNotice'>): Promise<Delivery> {
  let notice: NoticeSummary;
  try {
    notice = await mail.sendNotice(request);
  } catch (error) {
    if (isCancellation(error)) throw error;
    if (failureType(error) === 'SMTP_PERMANENT') return { ok: false, failure: `the mail server refused it: ${smtpAnswer(error)}`, smtpResponse: smtpAnswer(error) };
    return { ok: false, failure: `it could not be sent (${failureType(error) ?? 'error'}): ${smtpAnswer(error)}` };
  }
  await hooks.onNotice(notice);
  return { ok: true, notice };
}

/**
 * Follows one notice to an answer: wait for the acknowledgement until the deadline; re-notify once (a new
 * notice `<id>/renotice-1`, same content, marked as a reminder); then escalate up the plan's ladder
 * (registrar → registry → coordinator; others → coordinator), waiting the same time after each rung. An
 * answer to any notice of the chain settles it, however late. A notice the server refused skips the
 * reminder (it would be refused too) and escalates with the server's answer as the reason.
 */
export async function followUpNotice(input: { planned: PlannedNotice; hooks: NoticeHooks; delivery?: Delivery }): Promise<FollowUpResult> {
  const { planned: { request: original, followUp }, hooks } = input;
  const steps: FollowUpStep[] = [];
  const emit = (step: FollowUpStepKind, action: string, reason?: string, data?: Record<string, unknown>) => {
    const entry: FollowUpStep = { at: nowIso(), noticeId: original.noticeId, step, action, reason, data };
    steps.push(entry);
    hooks.onStep(entry);
  };
  const chain = [original.noticeId];
  const within = durationMs(followUp.ackWithin);
  const label = `${original.kind} ${original.noticeId}`;
  let late = false;
  const waitForAnswer = async (): Promise<FollowUpResult | undefined> => {
    const settled = () => hooks.settled?.(original.covers);
    await condition(() => hooks.acknowledged(chain, followUp.requires) !== undefined || settled() !== undefined, within);
    const answer = hooks.acknowledged(chain, followUp.requires);
    if (!answer) {
      const why = settled();
      if (!why) return undefined;
      emit('settled', `${label} needs no answer any more: ${why}`, why);
      return { noticeId: original.noticeId, outcome: 'settled', steps };
    }
    emit('acknowledged', `${label} ${answer.kind} by ${answer.by.name}${late ? ' (late, after the deadline)' : ''}`, undefined, { answeredNotice: answer.noticeId, reference: answer.reference });
    return { noticeId: original.noticeId, outcome: late ? 'acknowledged-late' : 'acknowledged', acknowledgement: answer, steps };
  };

  const delivery = input.delivery ?? (await deliverNotice(original, hooks));
  let reason: string;
  if (delivery.ok) {
    emit('sent', `${label} sent to ${delivery.notice.to.join(', ')}`, undefined, { messageId: delivery.notice.messageId, covers: original.covers });
    // Recipients the server refused were not served: the coordinator is told at once who, and why.
    if (delivery.notice.refused?.length) await escalateRefused(delivery.notice.refused, delivery.notice.sentAt);
    // 1. The recipient's deadline: its acknowledgement (or action, for a registry) settles the notice.
    const answered = await waitForAnswer();
    if (answered) return answered;
    late = true;
    emit('deadline-missed', `${label}: no ${followUp.requires === 'actioned' ? 'confirmation of action' : 'acknowledgement'} within ${followUp.ackWithin}`, `deadline of ${followUp.ackWithin} passed`);
    // 2. Re-notify once, same content, under its own ID.
    const reminder = renoticeRequest(original, 1, delivery.notice.sentAt, nowIso());
    const resent = await deliverNotice(reminder, hooks);
    if (resent.ok) {
      chain.push(reminder.noticeId);
      emit('renotified', `${label} re-notified as ${reminder.noticeId}`, `no answer within ${followUp.ackWithin}`, { messageId: resent.notice.messageId });
      const answeredAfterReminder = await waitForAnswer();
      if (answeredAfterReminder) return answeredAfterReminder;
      reason = `no answer within ${followUp.ackWithin} of the notice, nor within ${followUp.ackWithin} of the reminder`;
    } else {
      reason = `the reminder failed: ${resent.failure}`;
    }
  } else {
    late = true;
    emit('undeliverable', `${label} could not be delivered`, delivery.smtpResponse ?? delivery.failure, { smtpResponse: delivery.smtpResponse });
    reason = `the notice failed: ${delivery.failure}`;
  }

  // 3. Up the ladder, one rung at a time, each with its reason; an answer at any point still counts.
  for (const level of followUp.ladder) {
    await escalate(level, reason);
    const answered = await waitForAnswer();
    if (answered) return answered;
    reason = `no answer within ${followUp.ackWithin} after escalating to the ${level.level}`;
  }
  emit('unanswered', `${label}: unanswered after the whole escalation ladder`, reason);
  return { noticeId: original.noticeId, outcome: delivery.ok ? 'unanswered' : 'undeliverable-unanswered', steps };

  async function escalateRefused(refused: RefusedRecipient[], sentAt: string): Promise<void> {
    const who = refused.map((r) => `${r.address} (${r.answer})`).join('; ');
    emit('recipients-refused', `${label}: the mail server refused ${refused.map((r) => r.address).join(', ')}; not served`, who, { refused });
    const coordinator = followUp.ladder.find((l) => l.level === 'coordinator') ?? coordinatorLevel;
    for (const request of refusedRecipientsRequests(original, coordinator, who, sentAt, nowIso())) {
      const sent = await deliverNotice(request, hooks);
      if (sent.ok) emit('escalated', `${label}: refused recipients escalated to the coordinator: ${sent.notice.to.join(', ')}`, who, { escalationNotice: request.noticeId, level: 'coordinator' });
      else emit('escalation-failed', `${label}: escalating the refused recipients failed`, sent.failure, { escalationNotice: request.noticeId, level: 'coordinator' });
    }
  }

  async function escalate(level: EscalationLevel, why: string): Promise<void> {
    for (const request of escalationRequests(original, level, why, delivery.ok ? delivery.notice.sentAt : original.createdAt, nowIso())) {
      const sent = await deliverNotice(request, hooks);
      if (sent.ok) {
        chain.push(request.noticeId);
        emit('escalated', `${label} escalated to the ${level.level}: ${sent.notice.to.join(', ')}`, why, { escalationNotice: request.noticeId, level: level.level });
      } else {
        emit('escalation-failed', `${label}: escalation to the ${level.level} failed`, sent.failure, { escalationNotice: request.noticeId, level: level.level });
      }
    }
  }
}

/** The server's answer carried by an SMTP_PERMANENT failure (details from activities/notices/send-notice.ts), else the message. */
function smtpAnswer(error: unknown): string {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    const details = (current as { details?: unknown[] }).details;
    const answer = (details?.[0] as { smtpResponse?: string } | undefined)?.smtpResponse;
    if (answer) return answer;
    current = (current as { cause?: unknown }).cause;
  }
  let deepest: unknown = error;
  while ((deepest as { cause?: unknown })?.cause) deepest = (deepest as { cause: unknown }).cause;
  return deepest instanceof Error ? deepest.message : String(deepest);
}
