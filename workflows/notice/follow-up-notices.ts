import type { NoticeRequest, WorkflowNoticeContext } from '../../domain/notice-contexts';
import type { EscalationLevel } from '../../domain/notice-request';
import { noticeIds } from '../../domain/notice-ids';

/**
 * The follow-up's own notices (workflows/notice/follow-up.ts sends them): the reminder, the escalations up
 * the ladder, the refused recipients. Pure, so the planner's unit tests can check them too.
 */

/** The reminder: the same notice and XARF copy under `<id>/renotice-<n>`, stating it repeats the first. */
export function renoticeRequest(original: NoticeRequest, number: number, originalSentAt: string, at: string): NoticeRequest {
  const reminder = { originalNoticeId: original.noticeId, originalSentOn: originalSentAt.slice(0, 10), number };
  return { ...original, noticeId: noticeIds.reminder(original.noticeId, number), context: { ...original.context, reminder } as NoticeRequest['context'], createdAt: at, follows: original.noticeId };
}

/** The coordinator told that some recipients of a notice were refused by the mail server (`<id>/refused-recipients`). */
export function refusedRecipientsRequests(original: NoticeRequest, coordinator: EscalationLevel, refused: string, originalSentAt: string, at: string): NoticeRequest[] {
  return escalationRequests(original, coordinator, `the mail server refused some of its recipients, who were not served: ${refused}`, originalSentAt, at).map((request) => ({
    ...request,
    noticeId: noticeIds.refusedRecipients(original.noticeId),
    context: { ...request.context, subject: `${original.kind} ${original.noticeId} did not reach every recipient` } as NoticeRequest['context'],
  }));
}

/** The notices of one rung: the registries of a registrar's domains, or the coordinator's mailbox. */
export function escalationRequests(original: NoticeRequest, level: EscalationLevel, reason: string, originalSentAt: string, at: string): NoticeRequest[] {
  const context = original.context as Partial<WorkflowNoticeContext<'registrar-notice'>> & Pick<WorkflowNoticeContext<'registrar-notice'>, 'case'>;
  const base = { workflowId: original.workflowId, createdAt: at, follows: original.noticeId };
  if (level.level === 'registry') {
    if (!context.registrar || !context.domains) return [];
    return level.parties.map((party): NoticeRequest => {
      const escalation: WorkflowNoticeContext<'registry-escalation'> = {
        case: context.case, registry: { name: party.name, legalEntity: party.legalEntity ?? party.name }, registrar: context.registrar!,
        domains: context.domains!.filter((d) => party.covers.includes(d.domain)), originalNotice: { noticeId: original.noticeId, sentOn: originalSentAt.slice(0, 10) },
        registryOrderId: party.registryOrderId, reason: reason.charAt(0).toUpperCase() + reason.slice(1),
      };
      const xarf = original.xarf ? { ...original.xarf, action: 'registry_escalation' as const, subjects: original.xarf.subjects.filter((s) => party.covers.includes(s.key)) } : undefined;
      // A registrar notice whose domains span several parts of one registry's order escalates to each part
      // (one name, several notices): the part goes into the ID. A whole order keeps the ID it always had.
      const part = /-(part-\d+-of-\d+)$/.exec(party.registryOrderId ?? '')?.[1];
      return { ...base, noticeId: noticeIds.registryEscalation(original.noticeId, party.name, part), kind: 'registry-escalation', template: 'registry-escalation', to: party.to, context: escalation, covers: party.covers, xarf };
    });
  }
  return level.parties.map((party): NoticeRequest => {
    const escalation: WorkflowNoticeContext<'escalation'> = {
      case: { caseId: context.case.caseId, title: context.case.title }, level: 'coordinator', reason,
      subject: `${original.kind} ${original.noticeId} is unanswered`, waitingSince: originalSentAt,
      details: [{ label: 'Notice', value: original.noticeId }, { label: 'Sent to', value: original.to.join(', ') }, { label: 'Covers', value: original.covers.join(', ') || '(none)' }],
      casePath: `/cases/${encodeURIComponent(context.case.caseId)}`,
    };
    return { ...base, noticeId: noticeIds.coordinatorEscalation(original.noticeId), kind: 'escalation', template: 'escalation', to: party.to, context: escalation, covers: original.covers };
  });
}
