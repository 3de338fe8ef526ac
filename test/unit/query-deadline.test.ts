import { ServiceError, type ConnectionLike } from '@temporalio/client';
import { TakedownError } from '../../domain/errors';
import { queryDeadlineInterceptor } from '../../src/api/temporal/query-deadline';

/** A gRPC failure as the SDK wraps it: a ServiceError whose cause carries the status code and the server's details. */
const grpcFailure = (code: number, details: string) => new ServiceError('Failed to query Workflow', { cause: Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} }) });

/** A connection that records the deadline each call runs under and runs it. */
function connection(outer?: number) {
  const deadlines: number[] = [];
  const conn = {
    callContextStorage: { getStore: () => (outer === undefined ? undefined : { deadline: outer }) },
    withDeadline: async <R>(deadline: number | Date, fn: () => Promise<R>) => { deadlines.push(+deadline); return fn(); },
  } as unknown as ConnectionLike;
  return { conn, deadlines };
}

const input = { workflowExecution: { workflowId: 'case:HSI-1' }, queryType: 'status', args: [], headers: {} } as never;
const failingWith = (error: Error) => async () => { throw error; };
const run = (conn: ConnectionLike, next: () => Promise<unknown>) => queryDeadlineInterceptor(conn, 10_000).query!(input, next as never);

test('a query runs under its own deadline, or under the shorter one its caller set', async () => {
  const own = connection();
  const before = Date.now();
  expect(await run(own.conn, async () => 'answer')).toBe('answer');
  expect(own.deadlines[0]).toBeGreaterThanOrEqual(before + 10_000);
  const inner = connection(before + 3000);
  await run(inner.conn, async () => 'answer');
  expect(inner.deadlines).toEqual([before + 3000]);
});

test('the workflow not answering (deadline passed, or no poller seen) is WORKFLOW_NOT_ANSWERING naming it; the engine out of reach is not', async () => {
  const { conn } = connection();
  const refusal = (error: Error) => run(conn, failingWith(error)).then(() => undefined, (e: unknown) => e);
  const late = await refusal(grpcFailure(4, 'Deadline exceeded after 10.001s'));
  expect(late).toBeInstanceOf(TakedownError);
  expect(late).toMatchObject({ code: 'WORKFLOW_NOT_ANSWERING', message: 'case:HSI-1 did not answer: no worker answered within 10 s. The engine answered; try again once its worker runs' });
  expect(await refusal(grpcFailure(9, 'no poller seen for task queue recently, worker may be down'))).toMatchObject({ code: 'WORKFLOW_NOT_ANSWERING', message: 'case:HSI-1 did not answer: the engine says no poller seen for task queue recently, worker may be down. The engine answered; try again once its worker runs' });
  const unreachable = grpcFailure(14, 'No connection established');
  expect(await refusal(unreachable)).toBe(unreachable);
  const other = new Error('query handler threw');
  expect(await refusal(other)).toBe(other);
});
