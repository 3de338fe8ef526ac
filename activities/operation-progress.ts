import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { workflowIds } from '../domain/ids';
import { operationStatusQuery } from '../domain/operation';
import type { OperationSample } from '../domain/operation-progress';
import { readOperationProgress, waitingIn } from '../lib/operation-progress';

/** The progress workflow's count (workflows/operation/operation-progress.ts): called every interval, the series kept there. */
export function createOperationProgressActivities(deps: { client?: Pick<Client, 'workflow'> } = {}) {
  return {
    /** One count of an operation's targets by stage, with its person's tasks and deadline breaches. */
    async sampleOperationProgress(operationId: string): Promise<OperationSample> {
      const client = deps.client ?? Context.current().client;
      const operation = client.workflow.getHandle(workflowIds.operation(operationId));
      // Once the operation has returned (every case started) nothing waits; no need to replay it for a query.
      const running = (await operation.describe()).status.name === 'RUNNING';
      const status = running ? await operation.query(operationStatusQuery) : undefined;
      return readOperationProgress(client, { operationId, waiting: status ? waitingIn(status) : 0, ...(status ? { planned: status.rows.planned } : {}) });
    },
  };
}
