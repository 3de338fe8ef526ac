import type { AsyncLocalStorage } from 'node:async_hooks';
import { isGrpcDeadlineError, isGrpcServiceError, type Client, type ConnectionLike, type WorkflowClientInterceptor } from '@temporalio/client';
import { TakedownError } from '../../../domain/errors';
import { withWorkflowInterceptor } from './with-interceptor';

/** What a Connection keeps of the deadline a caller set (`client.withDeadline`); ConnectionLike does not name it. */
type WithCallContext = ConnectionLike & { callContextStorage?: AsyncLocalStorage<{ deadline?: number | Date }> };

/** gRPC's FAILED_PRECONDITION: how the engine refuses a query once no worker has polled the workflow's queue for a while. */
const failedPrecondition = 9;

/**
 * Why a query failed on the workflow's side, the engine having answered: no worker took it before the deadline,
 * or the engine says none polls its queue ("no poller seen for task queue recently, worker may be down").
 * Undefined for anything else (the engine itself unreachable stays ENGINE_UNAVAILABLE).
 */
function notAnswering(error: unknown, waitedMs: number): string | undefined {
  if (isGrpcDeadlineError(error)) return `no worker answered within ${Math.round(waitedMs / 100) / 10} s`;
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause) && cause.code === failedPrecondition) return `the engine says ${cause.details}`;
  }
  return undefined;
}

/**
 * A query is answered by a worker. With none serving the workflow (its worker down or gone) the engine holds the
 * call about 30 s, then refuses at once for as long as no worker polls, and the SDK reports both as a service
 * error, which the API would call the engine unreachable. Here a query has `ms`, or less inside a shorter
 * deadline its caller set, and the answer says what happened: the engine answered, the workflow did not
 * (WORKFLOW_NOT_ANSWERING, 503).
 */
export function queryDeadlineInterceptor(connection: ConnectionLike, ms: number): WorkflowClientInterceptor {
  const callerDeadline = () => (connection as WithCallContext).callContextStorage?.getStore()?.deadline;
  return {
    query: async (input, next) => {
      const started = Date.now();
      const outer = callerDeadline();
      const deadline = outer === undefined ? started + ms : Math.min(started + ms, +outer);
      try {
        return await connection.withDeadline(deadline, () => next(input));
      } catch (error) {
        const reason = notAnswering(error, deadline - started);
        if (reason === undefined) throw error;
        throw new TakedownError('WORKFLOW_NOT_ANSWERING', `${input.workflowExecution.workflowId} did not answer: ${reason}. The engine answered; try again once its worker runs`);
      }
    },
  };
}

/** The same connection and namespace as `client`, with every query held to `ms`. */
export function withQueryDeadline(client: Client, ms: number): Client {
  return withWorkflowInterceptor(client, queryDeadlineInterceptor(client.connection, ms));
}
