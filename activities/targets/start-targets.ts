import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { CasePackage } from '../../domain/case-package';
import { searchAttributes } from '../../domain/search-attributes';
import { targetStartOf, type TargetStart } from '../../domain/target-start';
import { describeHolder, type ActiveHolder } from '../../lib/active-case';
import { forEachInFlight } from './in-flight';

/** Many target workflows of one case started at once: what they share once, and each one's pasted line. */
export interface StartTargetsInput {
  caseId: string;
  taskQueue: string;
  /** The input every target of the batch starts with (the case's IDs, facts, settings, who opened it). */
  common: Record<string, unknown>;
  /**
   * The lines as pasted, each a target the case admitted; the rest of each start is computed here
   * (domain/target-start.ts), so the case's history holds a line per target, not its whole input.
   */
  lines?: string[];
  userRegion?: CasePackage['userRegion'];
  /** Each start spelled out: what cases sent before 'lines' (an attempt scheduled then may still be retried). */
  targets?: TargetStart[];
}

/** Only what the case must act on: the targets another case already holds (a started one needs no word). */
export interface StartTargetsResult {
  started: number;
  duplicates: ActiveHolder[];
}

/** Starts in flight at once. */
const inFlight = 16;

/**
 * Starts a case's target workflows. The case once started each as a child, which wrote three events and
 * the whole input into its history per target; this writes three events per batch, and the input once.
 * Target IDs come from the target (one active workflow per target), so a target another case holds is
 * refused by the engine and reported with that case. A retry meets the targets its first attempt started:
 * held by this same case, they count as started. Each starts with its case's `CaseId` search attribute
 * (the target sets it again at its first task): a retry after a crash often meets targets whose first task
 * has not run yet, and without it they read as held by no case, so the case marked its own targets
 * DUPLICATE and stopped driving them (found by the chaos run, bench/chaos).
 */
export async function startTargets(client: Pick<Client, 'workflow'>, input: StartTargetsInput): Promise<StartTargetsResult> {
  const result: StartTargetsResult = { started: 0, duplicates: [] };
  const starts = input.targets ?? (input.lines ?? []).map((line) => {
    const start = targetStartOf(line, input.userRegion);
    if (!start) throw new Error(`case ${input.caseId} asked to start "${line}", which is not a target a workflow runs for`);
    return start;
  });
  await forEachInFlight(starts, inFlight, async (target) => {
    try {
      await client.workflow.start(target.workflowType, {
        workflowId: target.workflowId, taskQueue: input.taskQueue, args: [{ ...input.common, ...target.own }],
        typedSearchAttributes: [{ key: searchAttributes.CaseId, value: input.caseId }],
      });
      result.started++;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      const holder = await describeHolder(client, target.workflowId);
      if (holder.running && holder.caseId === input.caseId) result.started++;
      else result.duplicates.push(holder);
    }
  });
  return result;
}
