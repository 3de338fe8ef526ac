import type { Client } from '@temporalio/client';
import { caseIdPattern } from '../domain/ids';
import { targetStatusQuery } from '../domain/target';
import { type OperationStatus } from '../domain/operation';
import { notYetStaged, progressStages, taskStages, type OperationSample } from '../domain/operation-progress';

/** Targets whose status is read at most, per count, to find a person's task (the rest are reported as unchecked). */
export const taskCheckLimit = 100;
const parallelQueries = 10;

export interface ProgressReading {
  operationId: string;
  /** Planned targets in cases the operation has not started yet. */
  waiting: number;
  /** Every target the operation planned: waiting and counted together are never more. */
  planned?: number;
}

/**
 * Counts an operation's targets by stage through Temporal visibility: one count query per stage (the dev
 * server's SQL visibility groups only by ExecutionStatus, so `GROUP BY Stage` is refused), plus running,
 * machine-stage and breached counts. About 25 indexed counts whatever the size: no target list is read, so a
 * 10,000-target operation costs what a 10-target one does. Only the person's tasks (not a search attribute)
 * need each candidate's status, read for at most `taskCheckLimit` of them.
 * The API reads the count "now" with this same function.
 */
export async function readOperationProgress(client: Pick<Client, 'workflow'>, { operationId, waiting, planned }: ProgressReading): Promise<OperationSample> {
  if (!caseIdPattern.test(operationId)) throw new Error(`not an operation ID: ${operationId}`);
  const at = new Date().toISOString();
  const base = `TargetKind IN ('domain', 'hosted', 'profile') AND OperationId = '${operationId}' AND ExecutionStatus != 'ContinuedAsNew'`;
  const running = `${base} AND ExecutionStatus = 'Running'`;
  const count = async (clauses: string) => (await client.workflow.count(clauses)).count;
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
  const [total, runningCount, machine, breached, candidates, ...perStage] = await Promise.all([
    count(base), count(running), count(`${running} AND (Stage IS NULL OR Stage IN (${list(['LOOKUP', 'EVIDENCE'])}))`),
    count(`${running} AND DeadlineState = 'BREACHED'`), count(`${running} AND Stage IN (${list(taskStages)})`),
    ...progressStages.map((stage) => count(`${base} AND Stage = '${stage}'`)),
  ]);
  const byStage: Record<string, number> = {};
  progressStages.forEach((stage, i) => { if (perStage[i]) byStage[stage] = perStage[i]!; });
  const staged = perStage.reduce((n, c) => n + c, 0);
  if (total! > staged) byStage[notYetStaged] = total! - staged;
  // The counts are separate queries a moment apart: targets that appeared between them are in the stages but
  // not in the total, and a sample must add up (the chart stacks the stages to the total).
  const all = Math.max(total!, staged);
  // The operation's own status may still call a case waiting whose targets are already counted (it records the
  // start a moment after the case's targets move): those targets are counted once, where they are.
  const notStarted = planned === undefined ? waiting : Math.min(waiting, Math.max(0, planned - all));
  return { at, byStage, total: all, running: runningCount!, waiting: notStarted, machine: machine!, breached: breached!, tasks: await personTasks(client, `${running} AND Stage IN (${list(taskStages)})`, candidates!) };
}

/** Reads the status of up to `taskCheckLimit` targets in LOOKUP or NOTICE and counts those holding a task. */
async function personTasks(client: Pick<Client, 'workflow'>, query: string, candidates: number): Promise<OperationSample['tasks']> {
  const tasks = { manualLookup: 0, portalSubmission: 0, checked: 0, candidates };
  if (candidates === 0) return tasks;
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query, pageSize: taskCheckLimit })) {
    ids.push(info.workflowId);
    if (ids.length >= taskCheckLimit) break;
  }
  for (let i = 0; i < ids.length; i += parallelQueries) {
    await Promise.all(ids.slice(i, i + parallelQueries).map(async (id) => {
      // A target that ended or does not answer right now is simply not counted as checked.
      const status = await client.workflow.getHandle(id).query(targetStatusQuery).catch(() => undefined);
      if (!status) return;
      tasks.checked++;
      if (status.task?.kind === 'manual-lookup') tasks.manualLookup++;
      if (status.task?.kind === 'portal-submission') tasks.portalSubmission++;
    }));
  }
  return tasks;
}

/** Planned targets in the operation's cases not started yet (the operation's own status says). */
export const waitingIn = (status: Pick<OperationStatus, 'cases'>) => status.cases.filter((c) => c.state === 'waiting').reduce((n, c) => n + c.targets, 0);
