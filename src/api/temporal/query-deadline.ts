import { AsyncLocalStorage } from 'node:async_hooks';
import { isGrpcDeadlineError, type Client, type ConnectionLike, type WorkflowClientInterceptor } from '@temporalio/client';
import { TakedownError } from '../../../domain/errors';
import { withWorkflowInterceptor } from './with-interceptor';

/** What a Connection keeps of the deadline a caller set (`client.withDeadline`); ConnectionLike does not name it. */
type WithCallContext = ConnectionLike & { callContextStorage?: AsyncLocalStorage<{ deadline?: number | Date }> };

/**
 * A query is answered by a worker. With none serving the workflow (its worker down or gone) the engine holds the
 * call about 30 s and then fails it as if the engine itself were unreachable. Here a query has `ms`, or less inside
 * a shorter deadline its caller set, and past it the answer says what happened: the engine answered, the
 * workflow did not (WORKFLOW_NOT_ANSWERING, 503).
 */
export function queryDeadlineInterceptor(connection: ConnectionLike, ms: number): WorkflowClientInterceptor {
  const callerDeadline = () => (connection as WithCallContext).callContextStorage?.getStore()?.deadline;
  return {
    query: async (input, next) => {
      const own = Date.now() + ms;
      const outer = callerDeadline();
      try {
        return await connection.withDeadline(outer === undefined ? own : Math.min(own, +outer), () => next(input));
      } catch (error) {
        if (!isGrpcDeadlineError(error)) throw error;
        const workflowId = input.workflowExecution.workflowId;
        throw new TakedownError('WORKFLOW_NOT_ANSWERING', `${workflowId} did not answer in time: no worker is serving it right now (the engine answered); try again once the worker runs`);
      }
    },
  };
}

/** The same connection and namespace as `client`, with every query held to `ms`. */
export function withQueryDeadline(client: Client, ms: number): Client {
  return withWorkflowInterceptor(client, queryDeadlineInterceptor(client.connection, ms));
}
