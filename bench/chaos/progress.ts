import type { Client } from '@temporalio/client';
import { domainStages, terminalOutcomes } from '../../domain/stages';

/** Every `everySeconds`, one log line of the run's domain targets by stage, from Temporal's visibility (for a person watching; never a check). */
export function logProgress(client: Client, everySeconds: number, log: (line: string) => void): () => void {
  const stages = [...domainStages, ...terminalOutcomes.filter((s) => s !== 'REMOVED' && s !== 'FORFEITED' && s !== 'RELEASED')];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      const counts: string[] = [];
      for (const stage of stages) {
        const { count } = await client.workflow.count(`WorkflowType='domainSeizureWorkflow' AND Stage='${stage}'`);
        if (count) counts.push(`${stage} ${count}`);
      }
      log(`targets: ${counts.join(', ') || 'none started yet'}`);
    })().catch((error: Error) => log(`targets: (engine did not answer: ${error.message.split('\n')[0]})`)).finally(() => { busy = false; });
  }, everySeconds * 1000);
  return () => clearInterval(timer);
}
