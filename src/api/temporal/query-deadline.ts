import { isGrpcServiceError, type Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { TakedownError } from '../../../domain/errors';
import { within } from './within';
import { withWorkflowInterceptor } from './with-interceptor';

/**
 * How the engine fails a query its workflow's worker does not answer (gRPC codes): DEADLINE_EXCEEDED when it gave
 * up waiting (about 30 s), FAILED_PRECONDITION when it refuses at once because no worker has polled the queue lately.
 */
const deadlineExceeded = 4;
const failedPrecondition = 9;

const notAnswering = (workflowId: string, reason: string) =>
  new TakedownError('WORKFLOW_NOT_ANSWERING', `${workflowId} did not answer: ${reason}. The engine answered; try again once its worker runs`);

/** The engine's failure of a query for want of a worker, in its own words; else undefined. */
function noWorker(error: unknown): string | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (!isGrpcServiceError(cause)) continue;
    if (cause.code === deadlineExceeded) return 'the engine waited for a worker and gave up';
    if (cause.code === failedPrecondition) return `the engine says ${cause.details}`;
  }
  return undefined;
}

/**
 * A query is answered by a worker. With none serving the workflow (its worker down or gone) the engine holds the
 * call about 30 s, then refuses at once for as long as no worker polls, and the SDK reports both as a service
 * error, which the API would call the engine unreachable. Here either says what happened: the engine answered,
 * the workflow did not (WORKFLOW_NOT_ANSWERING, 503). Given `ms`, the answer comes within it (the call itself is
 * not cancelled: within.ts says why); without, the engine's own wait stands, so a busy worker's slow answer is
 * still an answer.
 */
export function queryDeadlineInterceptor(ms?: number): WorkflowClientInterceptor {
  return {
    query: async (input, next) => {
      const workflowId = input.workflowExecution.workflowId;
      try {
        return ms === undefined ? await next(input) : await within(next(input), ms, () => notAnswering(workflowId, `no worker answered within ${Math.round(ms / 100) / 10} s`));
      } catch (error) {
        const reason = noWorker(error);
        throw reason === undefined ? error : notAnswering(workflowId, reason);
      }
    },
  };
}

/** The same connection and namespace as `client`, with every query's failure for want of a worker named (and, given `ms`, its answer within it). */
export function withQueryDeadline(client: Client, ms?: number): Client {
  return withWorkflowInterceptor(client, queryDeadlineInterceptor(ms));
}
