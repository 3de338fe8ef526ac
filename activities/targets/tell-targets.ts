import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { forEachInFlight } from './in-flight';

/** One message for many target workflows: the same signal and argument to each (IDs only, never the case's list). */
export interface TellTargetsInput {
  signal: string;
  workflowIds: string[];
  arg: unknown;
}

/** Signals in flight at once. */
const inFlight = 32;

/**
 * Signals every target workflow named, a few at a time. A case that told each target with its own signal
 * command wrote two history events per target per message; this writes three per message, whatever the
 * number of targets. A target that has already ended cannot be told, which is not an error. A retry tells
 * every target again: targets ignore a message they already hold.
 */
export async function tellTargets(client: Pick<Client, 'workflow'>, input: TellTargetsInput): Promise<{ told: number; ended: number }> {
  let told = 0;
  let ended = 0;
  await forEachInFlight(input.workflowIds, inFlight, async (workflowId) => {
    try {
      await client.workflow.getHandle(workflowId).signal(input.signal, input.arg);
      told++;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      ended++;
    }
  });
  return { told, ended };
}
