import type { Client } from '@temporalio/client';
import { caseIdPattern } from '../domain/ids';
import { type OperationStatus } from '../domain/operation';
import { notYetStaged, progressStages, taskStages, type OperationSample } from '../domain/operation-progress';

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
 * machine-stage, breached and person's-task counts (the tasks a target waits for are its `OpenTasks` attribute).
 * About 25 indexed counts whatever the size: no target list is read and no workflow is asked, so a 10,000-target
 * operation costs what a 10-target one does, and a worker that is down does not hold the reading up.
 * The API reads the count "now" with this same function.
 */
export async function readOperationProgress(client: Pick<Client, 'workflow'>, { operationId, waiting, planned }: ProgressReading): Promise<OperationSample> {
  if (!caseIdPattern.test(operationId)) throw new Error(`not an operation ID: ${operationId}`);
  const at = new Date().toISOString();
  const base = `TargetKind IN ('domain', 'hosted', 'profile') AND OperationId = '${operationId}' AND ExecutionStatus != 'ContinuedAsNew'`;
  const running = `${base} AND ExecutionStatus = 'Running'`;
  const count = async (clauses: string) => (await client.workflow.count(clauses)).count;
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
  const [total, runningCount, machine, breached, candidates, manualLookup, portalSubmission, ...perStage] = await Promise.all([
    count(base), count(running), count(`${running} AND (Stage IS NULL OR Stage IN (${list(['LOOKUP', 'EVIDENCE'])}))`),
    count(`${running} AND DeadlineState = 'BREACHED'`), count(`${running} AND Stage IN (${list(taskStages)})`),
    count(`${running} AND OpenTasks IN ('manual-lookup')`), count(`${running} AND OpenTasks IN ('portal-submission')`),
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
  return { at, byStage, total: all, running: runningCount!, waiting: notStarted, machine: machine!, breached: breached!, tasks: { manualLookup: manualLookup!, portalSubmission: portalSubmission!, checked: candidates!, candidates: candidates! } };
}

/** Planned targets in the operation's cases not started yet (the operation's own status says). */
export const waitingIn = (status: Pick<OperationStatus, 'cases'>) => status.cases.filter((c) => c.state === 'waiting').reduce((n, c) => n + c.targets, 0);
