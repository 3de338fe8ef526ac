import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { TakedownError } from '../../../domain/errors';
import { profileWatchStatusQuery } from '../../../domain/profile-takedown';
import { targetStatusQuery } from '../../../domain/target';
import type { PortalChecklist } from '../../../domain/platform-rules';
import type { PreservationRecord } from '../../../domain/profile-takedown';
import { searchAttributes, type PersonTaskKind } from '../../../domain/search-attributes';
import { within } from '../temporal/within';

/** One task a person must do, as the "my tasks" page and `takedown tasks` list it. */
export interface PersonTask {
  kind: PersonTaskKind;
  /** The target as people name it (`example.com`, `instagram:handle`): its page holds the task's form. */
  target: string;
  caseId?: string;
  /** The workflow that waits for the task (a target, or a removed profile's watch holding the preservation clock). */
  workflowId: string;
  stage?: string;
  since?: string;
  dueBy?: string;
  reason: string;
  checklist?: PortalChecklist;
  /** Where to do it in the web UI. */
  href: string;
}

const quoted = (value: string) => {
  const rule = '1 to 200 characters without quotes or backslashes';
  if (!/^[^'"\\\n\r]{1,200}$/.test(value)) throw new TakedownError('VALIDATION_FAILED', `case: ${rule}`, { case: [rule] });
  return `'${value}'`;
};

/** The visibility query: running workflows whose OpenTasks (upserted by the workflows themselves) name one of the kinds. */
export function openTasksQuery(kinds: readonly PersonTaskKind[], caseId?: string, caseIds?: readonly string[]): string {
  const clauses = [`OpenTasks IN (${kinds.map((k) => `'${k}'`).join(', ')})`, `ExecutionStatus = 'Running'`];
  if (caseId) clauses.push(`CaseId = ${quoted(caseId)}`);
  // Only the person's own cases (src/api/membership.ts); an empty list is answered before any query.
  if (caseIds?.length) clauses.push(`CaseId IN (${caseIds.map(quoted).join(', ')})`);
  return clauses.join(' AND ');
}

/** `domain:example.com` → `example.com`; `profile-watch:x:handle` → `x:handle`. */
export const targetOf = (workflowId: string) => workflowId.replace(/^(domain|hosted|profile|profile-watch):/, '');

/**
 * How long one workflow may take to give its task's detail. Past it (its worker down, or busy) the task is still
 * listed, from what visibility says of it, rather than holding the list up (a query to a workflow nobody serves
 * waits about 30 s) or leaving the task out.
 */
const detailDeadlineMs = 3000;

/**
 * Open tasks of the given kinds, soonest deadline first. Visibility names the workflows (one query, however
 * many targets run); each listed one is then asked for its task's detail (deadline, reason, checklist), so
 * the cost grows with the open tasks, not with the targets. A workflow that ended meanwhile answers without the
 * task and is left out; one that does not answer in time is listed without the detail.
 */
export async function listPersonTasks(client: Client, kinds: readonly PersonTaskKind[], options: { caseId?: string; caseIds?: readonly string[]; limit: number }): Promise<PersonTask[]> {
  if (kinds.length === 0 || options.caseIds?.length === 0) return [];
  const infos: WorkflowExecutionInfo[] = [];
  for await (const info of client.workflow.list({ query: openTasksQuery(kinds, options.caseId, options.caseIds), pageSize: Math.min(options.limit, 1000) })) {
    infos.push(info);
    if (infos.length >= options.limit) break;
  }
  const rows = await Promise.all(infos.map((info) => within(tasksOf(client, info, kinds), detailDeadlineMs, () => new Error('late')).catch(() => unanswered(info, kinds))));
  return rows.flat().sort((a, b) => (a.dueBy ?? '9').localeCompare(b.dueBy ?? '9'));
}

/** The kinds asked for that the workflow publishes as open, and what visibility says of the task's target. */
function listed(info: WorkflowExecutionInfo, kinds: readonly PersonTaskKind[]) {
  const published = info.typedSearchAttributes.get(searchAttributes.OpenTasks) ?? [];
  const open = published.filter((k): k is PersonTaskKind => (kinds as readonly string[]).includes(k));
  const target = targetOf(info.workflowId);
  const caseId = info.typedSearchAttributes.get(searchAttributes.CaseId);
  return { open, base: { target, workflowId: info.workflowId, caseId, href: `/targets/${encodeURIComponent(target)}#task` } };
}

/** The tasks of a workflow that did not answer: each open kind it publishes, its stage, and why the rest is missing. */
function unanswered(info: WorkflowExecutionInfo, kinds: readonly PersonTaskKind[]): PersonTask[] {
  const { open, base } = listed(info, kinds);
  const stage = info.typedSearchAttributes.get(searchAttributes.Stage);
  return open.map((kind) => ({ ...base, kind, stage, reason: "its workflow did not answer in time (its worker may be down): the deadline and detail show on the target's page once it does" }));
}

async function tasksOf(client: Client, info: WorkflowExecutionInfo, kinds: readonly PersonTaskKind[]): Promise<PersonTask[]> {
  const { open, base } = listed(info, kinds);
  const extension = (p: PreservationRecord, stage?: string): PersonTask => ({
    ...base, kind: 'preservation-extension', stage, dueBy: p.expiresAt, reason: `the preservation at the platform expires on ${p.expiresAt}; it may be extended once`,
  });
  const handle = client.workflow.getHandle(info.workflowId);
  if (info.workflowId.startsWith('profile-watch:')) {
    const watch = await handle.query(profileWatchStatusQuery);
    const p = watch.preservation;
    return open.includes('preservation-extension') && p ? [extension(p, 'REMOVED')] : [];
  }
  const status = await handle.query(targetStatusQuery);
  const tasks: PersonTask[] = [];
  const { task } = status;
  if (task && open.includes(task.kind)) {
    tasks.push({ ...base, kind: task.kind, stage: status.stage, since: task.since, dueBy: task.dueBy, reason: task.reason, ...(task.checklist ? { checklist: task.checklist } : {}) });
  }
  const p = status.profile?.preservation;
  if (open.includes('preservation-extension') && p && !p.expired) tasks.push(extension(p, status.stage));
  return tasks;
}

