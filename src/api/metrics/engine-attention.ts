import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { searchAttributes } from '../../../domain/search-attributes';
import { targetQuery } from '../temporal/visibility';

/** One execution that needs a person or has stalled, as Temporal's visibility lists it. */
export interface AttentionRow {
  workflowId: string;
  runId: string;
  workflowType: string;
  /** Temporal's status of the run (RUNNING, FAILED, TIMED_OUT, TERMINATED, COMPLETED). */
  status: string;
  /** Why it is listed: FAILED_NEEDS_ATTENTION (our stage), Failed, TimedOut, Terminated, deadline breached, reported problem. */
  reason: string;
  stage?: string;
  caseId?: string;
  since: string;
}

export interface AttentionCount {
  total: number;
  byReason: Record<string, number>;
  /** At most `listLimit` of them, newest first. */
  executions: AttentionRow[];
}

/**
 * "Needs a person" and "stalled" as Temporal itself records them, not only from our own stages: a run that
 * Failed, TimedOut or was Terminated never reported FAILED_NEEDS_ATTENTION to anyone, so it is counted from
 * its execution status. Stalled: running, with its deadline breached, or with problems the server reports
 * (TemporalReportedProblems: a workflow task failing again and again), where the server has that attribute.
 */
export interface EngineAttention {
  needsPerson: AttentionCount;
  stalled: AttentionCount & { serverReportsProblems: boolean };
}

const listLimit = 50;

/** Scoped to one case's or operation's targets when the dashboard is filtered; otherwise every execution. */
export async function engineAttention(client: Client, filter: { caseId?: string; operationId?: string }): Promise<EngineAttention> {
  const scope = filter.caseId || filter.operationId ? targetQuery({ caseId: filter.caseId, operationId: filter.operationId }) : undefined;
  const within = (clause: string) => (scope ? `(${scope}) AND ${clause}` : clause);
  const [ours, failed, timedOut, terminated, breached, problems] = await Promise.all([
    list(client, within(`Stage = 'FAILED_NEEDS_ATTENTION' AND ExecutionStatus != 'ContinuedAsNew'`), 'FAILED_NEEDS_ATTENTION'),
    list(client, within(`ExecutionStatus = 'Failed'`), 'Failed'),
    list(client, within(`ExecutionStatus = 'TimedOut'`), 'TimedOut'),
    list(client, within(`ExecutionStatus = 'Terminated'`), 'Terminated'),
    list(client, within(`ExecutionStatus = 'Running' AND DeadlineState = 'BREACHED'`), 'deadline breached'),
    list(client, within(`ExecutionStatus = 'Running' AND TemporalReportedProblems IS NOT NULL`), 'reported problem').catch(() => undefined),
  ]);
  return {
    needsPerson: merge([ours, failed, timedOut, terminated]),
    // A server without TemporalReportedProblems (the dev server 1.29) refuses the query: only deadlines count then.
    stalled: { ...merge(problems ? [breached, problems] : [breached]), serverReportsProblems: problems !== undefined },
  };
}

interface Listed {
  reason: string;
  count: number;
  rows: AttentionRow[];
}

async function list(client: Client, query: string, reason: string): Promise<Listed> {
  const [{ count }, rows] = await Promise.all([client.workflow.count(query), first(client, query)]);
  return { reason, count, rows: rows.map((info) => row(info, reason)) };
}

async function first(client: Client, query: string): Promise<WorkflowExecutionInfo[]> {
  const rows: WorkflowExecutionInfo[] = [];
  for await (const info of client.workflow.list({ query, pageSize: listLimit })) {
    rows.push(info);
    if (rows.length >= listLimit) break;
  }
  return rows;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function row(info: WorkflowExecutionInfo, reason: string): AttentionRow {
  return {
    workflowId: info.workflowId, runId: info.runId, workflowType: info.type, status: info.status.name, reason,
    stage: text(info.typedSearchAttributes.get(searchAttributes.Stage)), caseId: text(info.typedSearchAttributes.get(searchAttributes.CaseId)),
    since: (info.closeTime ?? info.startTime).toISOString(),
  };
}

/** A run listed for two reasons (our stage, and Failed) counts once, under its first. */
function merge(parts: Listed[]): AttentionCount {
  const seen = new Set<string>();
  const byReason: Record<string, number> = {};
  const executions: AttentionRow[] = [];
  for (const part of parts) {
    byReason[part.reason] = part.count;
    for (const r of part.rows) {
      if (seen.has(r.runId)) continue;
      seen.add(r.runId);
      executions.push(r);
    }
  }
  const total = Object.values(byReason).reduce((n, c) => n + c, 0) - overlap(parts);
  return { total, byReason, executions: executions.sort((a, b) => b.since.localeCompare(a.since)).slice(0, listLimit) };
}

/** Runs listed under more than one reason, among those read (a FAILED_NEEDS_ATTENTION run that was then terminated). */
function overlap(parts: Listed[]): number {
  const counts = new Map<string, number>();
  for (const part of parts) for (const r of part.rows) counts.set(r.runId, (counts.get(r.runId) ?? 0) + 1);
  return [...counts.values()].reduce((n, c) => n + c - 1, 0);
}
