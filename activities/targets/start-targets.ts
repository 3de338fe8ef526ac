import { heartbeat } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { describeHolder, type ActiveHolder } from './active-case';

/** Many target workflows of one case started at once: what they share once, what each has of its own. */
export interface StartTargetsInput {
  caseId: string;
  taskQueue: string;
  /** The input every target of the batch starts with (the case's IDs, facts, settings, who opened it). */
  common: Record<string, unknown>;
  targets: { workflowId: string; workflowType: string; own: Record<string, unknown> }[];
}

/** Only what the case must act on: the targets another case already holds (a started one needs no word). */
export interface StartTargetsResult {
  started: number;
  duplicates: ActiveHolder[];
}

/** Starts in flight at once: enough to keep the frontend busy, few enough to stay polite. */
const inFlight = 16;

/**
 * Starts a case's target workflows. The case once started each as a child, which wrote three events and
 * the whole input into its history per target; this writes three events per batch, and the input once.
 * Target IDs come from the target (one active workflow per target), so a target another case holds is
 * refused by the engine and reported with that case. A retry meets the targets its first attempt started:
 * held by this same case, they count as started.
 */
export async function startTargets(client: Pick<Client, 'workflow'>, input: StartTargetsInput): Promise<StartTargetsResult> {
  const result: StartTargetsResult = { started: 0, duplicates: [] };
  let next = 0;
  const worker = async () => {
    while (next < input.targets.length) {
      const target = input.targets[next++]!;
      try {
        await client.workflow.start(target.workflowType, { workflowId: target.workflowId, taskQueue: input.taskQueue, args: [{ ...input.common, ...target.own }] });
        result.started++;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        const holder = await describeHolder(client, target.workflowId);
        if (holder.running && holder.caseId === input.caseId) result.started++;
        else result.duplicates.push(holder);
      }
      if ((result.started + result.duplicates.length) % 100 === 0) heartbeat(result.started + result.duplicates.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, input.targets.length) }, worker));
  return result;
}
