import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import { checkClockSettings } from '../../../domain/clock-bounds';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { operationInputSchema, operationStatusQuery, planOperation, type OperationStatus } from '../../../domain/operation';
import { estimateMachineFinish, needsPerson, operationProgressQuery, type OperationSeries } from '../../../domain/operation-progress';
// The operation's progress workflow counts this way too: one reading, whether the workflow keeps it or the API shows it now.
import { readOperationProgress, waitingIn } from '../../../lib/operation-progress';
import { searchAttributes } from '../../../domain/search-attributes';
import type { operationWorkflow } from '../../../workflows/operation/operation';
import type { Actor } from '../../../domain/actors';
import { memberValues, memberValuesOf } from '../../../domain/membership';
import { actorOf, guard } from '../auth';
import { memberCasesClause, readsEveryCase } from '../membership';
import { caseClocks, limit } from '../schemas';
import { listOperations } from '../temporal/visibility';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, reads, signedIn } from '../contract/responses';

const startOperationBody = operationInputSchema.extend({ settings: caseClocks });

/**
 * Operations (PRODUCT §5): a sweep from one list, split into cases. The answer names what became of every
 * row at once (the plan is pure, and the workflow makes the same one); the cases start in the background.
 */
export function operationRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/operations', {
    schema: {
      tags: ['operations'], summary: 'Start an operation: every row answered (planned into a case, refused, or a repeat), then its cases started a few at a time',
      body: startOperationBody, response: answers({ 201: bodies.operationStarted }, [...signedIn, 409, 422, 503]),
    },
    preValidation: guard(deps, csrf, 'startOperation'),
  }, async (request, reply) => {
    const { settings, ...operation } = request.body;
    const team = operation.team ?? actorOf(request).team;
    const members = memberValues({ team, counsel: operation.counsel });
    checkClockSettings(actorOf(request), settings, deps.settings);
    const workflowId = workflowIds.operation(operation.operationId);
    try {
      await client.workflow.start<typeof operationWorkflow>('operationWorkflow', {
        taskQueue: deps.settings.taskQueue, workflowId, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ operation: { ...operation, team }, openedBy: actorOf(request), settings }],
        // The team and counsel of its cases, so agents and counsel list and read only their own operations.
        typedSearchAttributes: [
          { key: searchAttributes.OperationId, value: operation.operationId },
          ...(members.length ? [{ key: searchAttributes.CaseMembers, value: members }] : []),
        ],
        memo: { title: operation.title },
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw new TakedownError('OPERATION_EXISTS', `operation ${operation.operationId} exists already; choose another ID`);
      throw error;
    }
    const plan = planOperation(operation);
    return reply.code(201).send({ operationId: operation.operationId, workflowId, rows: plan.rows, cases: plan.cases.map((c) => ({ caseId: c.caseId, targets: c.targets.length })) });
  });

  /** The operation's status from its workflow, for a person who may read it; an ID with no workflow is NOT_FOUND. */
  async function statusOf(operationId: string, actor: Actor): Promise<OperationStatus> {
    try {
      const handle = client.workflow.getHandle(workflowIds.operation(operationId));
      if (!readsEveryCase(actor)) {
        const members = (await handle.describe()).typedSearchAttributes.get(searchAttributes.CaseMembers) ?? [];
        if (!memberValuesOf(actor).some((value) => members.includes(value))) {
          const team = members.find((m) => m.startsWith('team:'))?.slice(5);
          throw new TakedownError('NOT_A_MEMBER', `${actor.name} may not see operation ${operationId}: its cases belong to ${team ? `team ${team}` : 'no team'}; ${actor.team ? `you are in team ${actor.team}` : 'your sign-in names no team'}`);
        }
      }
      return await handle.query(operationStatusQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw new TakedownError('NOT_FOUND', `no operation ${operationId}`);
      throw error;
    }
  }
  const operationParams = z.object({ operationId: z.string().min(1).max(64) });

  app.get('/api/operations', {
    schema: {
      tags: ['operations'], summary: 'List operations, newest first: each with its stage (STARTING while it starts its cases, STARTED after), title and start',
      querystring: z.object({ limit }), response: answers({ 200: bodies.operationList }, [...signedIn, 503]),
    },
    preValidation: guard(deps, csrf, 'viewOperations'),
  }, async (request) => {
    const member = memberCasesClause(actorOf(request));
    return { operations: member === null ? [] : await listOperations(client, request.query.limit, member) };
  });

  app.get('/api/operations/:operationId', {
    schema: {
      tags: ['operations'], summary: 'An operation: its rows (counts, and every refused or repeated row with why), its cases and their state, its timeline',
      params: operationParams, response: answers({ 200: bodies.operationStatus }, reads),
    },
    preValidation: guard(deps, csrf, 'viewOperations'),
  }, async (request) => statusOf(request.params.operationId, actorOf(request)));

  app.get('/api/operations/:operationId/progress', {
    schema: {
      tags: ['operations'], params: operationParams, response: answers({ 200: bodies.operationProgress }, reads),
      summary: "How an operation moves: its targets by stage now (counted through visibility) and over time (the operation's own samples), "
        + 'how many need a person (failed, past a deadline, holding a task), its refusals, and when the machine side (lookup, evidence) should be through',
    },
    preValidation: guard(deps, csrf, 'viewOperations'),
  }, async (request) => {
    const status = await statusOf(request.params.operationId, actorOf(request));
    const now = await readOperationProgress(client, { operationId: status.operationId, waiting: waitingIn(status), planned: status.rows.planned });
    // An operation started before progress workflows existed has none: its chart starts with this count.
    const series: OperationSeries | undefined = await client.workflow.getHandle(status.progressWorkflowId ?? workflowIds.operationProgress(status.operationId))
      .query(operationProgressQuery).catch((error: unknown) => { if (error instanceof WorkflowNotFoundError) return undefined; throw error; });
    const samples = series?.samples ?? [];
    return {
      operationId: status.operationId, state: status.state, rows: status.rows, now,
      series: { everyMs: series?.everyMs, samples },
      needsPerson: needsPerson(now),
      refused: status.answered.filter((r) => r.status === 'refused').length,
      machine: estimateMachineFinish([...samples, now]),
    };
  });
}
