import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { operationInputSchema, operationStatusQuery, planOperation } from '../../../domain/operation';
import { searchAttributes } from '../../../domain/search-attributes';
import type { operationWorkflow } from '../../../workflows/operation';
import { actorOf, guard } from '../auth';
import { caseClocks } from '../schemas';
import type { Api, RouteContext } from '../types';

const startOperationBody = operationInputSchema.extend({ settings: caseClocks });

/**
 * Operations (PRODUCT §5): a sweep from one list, split into cases. The answer names what became of every
 * row at once (the plan is pure, and the workflow makes the same one); the cases start in the background.
 */
export function operationRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/operations', {
    schema: { tags: ['operations'], summary: 'Start an operation: every row answered (planned into a case, refused, or a repeat), then its cases started a few at a time', body: startOperationBody },
    preValidation: guard(deps, csrf, 'startOperation'),
  }, async (request, reply) => {
    const { settings, ...operation } = request.body;
    const workflowId = workflowIds.operation(operation.operationId);
    try {
      await client.workflow.start<typeof operationWorkflow>('operationWorkflow', {
        taskQueue: deps.settings.taskQueue, workflowId, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ operation, openedBy: actorOf(request), settings }],
        typedSearchAttributes: [{ key: searchAttributes.OperationId, value: operation.operationId }],
        memo: { title: operation.title },
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw new TakedownError('OPERATION_EXISTS', `operation ${operation.operationId} exists already; choose another ID`);
      throw error;
    }
    const plan = planOperation(operation);
    return reply.code(201).send({ operationId: operation.operationId, workflowId, rows: plan.rows, cases: plan.cases.map((c) => ({ caseId: c.caseId, targets: c.targets.length })) });
  });

  app.get('/api/operations/:operationId', {
    schema: { tags: ['operations'], summary: 'An operation: its rows (counts, and every refused or repeated row with why), its cases and their state, its timeline', params: z.object({ operationId: z.string().min(1).max(64) }) },
    preValidation: guard(deps, csrf, 'viewOperations'),
  }, async (request) => {
    try {
      return await client.workflow.getHandle(workflowIds.operation(request.params.operationId)).query(operationStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new TakedownError('NOT_FOUND', `no operation ${request.params.operationId}`);
      throw error;
    }
  });
}
