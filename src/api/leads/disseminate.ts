import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Actor } from '../../../domain/actors';
import { disseminationOutcomes, outcomeLabels, type DisseminateBody, type DisseminationInput } from '../../../domain/dissemination';
import type { NoticeRequest, WorkflowNoticeContext } from '../../../domain/notice-contexts';
import { durationMs } from '../../../domain/duration';
import { noticeIds } from '../../../domain/notice-ids';
import type { disseminationWorkflow } from '../../../workflows/dissemination/dissemination';
import type { ApiDeps } from '../deps';
import type { Dissemination } from './disseminations';

/** The default wait before the reminder (TAKEDOWN_DISSEMINATION_FOLLOW_UP): the strategy's 30 days. */
export const defaultFollowUp = '30d';

/** What a dissemination is about: a lead or a case, in the words the notice uses. */
export interface DisseminationSubject {
  kind: 'lead' | 'case';
  reference: string;
  summary: string;
  items: { label: string; value: string }[];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Composes the notice and starts the dissemination's workflow (by name: the API never loads workflow code).
 * The record is made first so the ID is ours; a workflow that cannot be started takes its record with it.
 */
export async function startDissemination(deps: Pick<ApiDeps, 'client' | 'settings' | 'disseminations'>, actor: Actor, subject: DisseminationSubject, body: DisseminateBody, now: Date): Promise<Dissemination> {
  const at = now.toISOString();
  const record = deps.disseminations.add(subject.kind === 'lead' ? { leadId: subject.reference } : { caseId: subject.reference }, body, actor, at);
  const followUpAfter = deps.settings.disseminationFollowUp ?? defaultFollowUp;
  const context: WorkflowNoticeContext<'dissemination'> = {
    case: { caseId: subject.reference, title: clip(subject.summary, 200) },
    about: { kind: subject.kind, reference: subject.reference, summary: clip(subject.summary, 300) },
    recipient: { name: body.recipient.name, organisation: body.recipient.organisation },
    sender: { name: actor.name, ...(actor.team ? { team: actor.team } : {}) },
    note: body.note,
    items: subject.items.filter((i) => i.value.trim()).map((i) => ({ label: i.label, value: clip(i.value, 2000) })),
    outcomes: disseminationOutcomes.map((o) => outcomeLabels[o].toLowerCase()),
    answerBy: new Date(now.getTime() + durationMs(followUpAfter)).toISOString().slice(0, 10),
  };
  const request: NoticeRequest<'dissemination'> = {
    workflowId: record.workflowId, noticeId: noticeIds.dissemination(record.disseminationId), kind: 'dissemination', template: 'dissemination',
    to: [body.recipient.email], context, covers: [], createdAt: at,
  };
  const input: DisseminationInput = { disseminationId: record.disseminationId, subjectId: subject.reference, request, followUpAfter };
  try {
    await deps.client.workflow.start<typeof disseminationWorkflow>('disseminationWorkflow', {
      taskQueue: deps.settings.taskQueue, workflowId: record.workflowId, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE, args: [input],
      memo: { about: subject.reference, to: body.recipient.organisation, by: { id: actor.id, name: actor.name } },
    });
  } catch (error) {
    deps.disseminations.discard(record.disseminationId);
    throw error;
  }
  return record;
}
