import { isGrpcServiceError, type Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { TakedownError } from '../../../domain/errors';
import { within } from './within';
import { withWorkflowInterceptor } from './with-interceptor';

/** gRPC's FAILED_PRECONDITION: how the engine refuses a query once no worker has polled the workflow's queue for a while. */
const failedPrecondition = 9;

const notAnswering = (workflowId: string, reason: string) =>
  new TakedownError('WORKFLOW_NOT_ANSWERING', `${workflowId} did not answer: ${reason}. The engine answered; try again once its worker runs`);

/** The engine's refusal of a query because no worker polls the workflow's queue, in its own words; else undefined. */
function noPoller(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause) && cause.code === failedPrecondition) return cause.details;
  }
  return undefined;
}

/**
 * A query is answered by a worker. With none serving the workflow (its worker down or gone) the engine holds the
 * call about 30 s, then refuses at once for as long as no worker polls, and the SDK reports both as a service
 * error, which the API would call the engine unreachable. Here the answer comes within `ms` (the call itself is
 * not cancelled: within.ts says why) and says what happened: the engine answered, the workflow did not
 * (WORKFLOW_NOT_ANSWERING, 503).
 */
export function queryDeadlineInterceptor(ms: number): WorkflowClientInterceptor {
  return {
    query: async (input, next) => {
      const workflowId = input.workflowExecution.workflowId;
      try {
        return await within(next(input), ms, () => notAnswering(workflowId, `no worker answered within ${Math.round(ms / 100) / 10} s`));
      } catch (error) {
        const refused = noPoller(error);
        throw refused === undefined ? error : notAnswering(workflowId, `the engine says ${refused}`);
      }
    },
  };
}

/** The same connection and namespace as `client`, with every query answered within `ms`. */
export function withQueryDeadline(client: Client, ms: number): Client {
  return withWorkflowInterceptor(client, queryDeadlineInterceptor(ms));
}
