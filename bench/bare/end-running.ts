import type { Client } from '@temporalio/client';

/**
 * Terminates every workflow still running on the baseline's task queue (its operation, cases, targets, custody
 * children), again while visibility still lists some (it lags, and a case's targets end after it); answers how many.
 */
export async function endRunning(client: Client, taskQueue: string): Promise<number> {
  const query = `TaskQueue='${taskQueue}' AND ExecutionStatus='Running'`;
  let ended = 0;
  for (let round = 0; round < 30 && (await client.workflow.count(query)).count > 0; round++) {
    const ids: string[] = [];
    for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(ids.slice(i, i + 50).map((id) => client.workflow.getHandle(id).terminate('the benchmark gave up on its baseline').then(() => { ended++; }, () => undefined)));
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return ended;
}
