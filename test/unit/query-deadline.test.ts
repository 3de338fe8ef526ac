import { ServiceError } from '@temporalio/client';
import { TakedownError } from '../../domain/errors';
import { queryDeadlineInterceptor } from '../../src/api/temporal/query-deadline';
import { within } from '../../src/api/temporal/within';

/** A gRPC failure as the SDK wraps it: a ServiceError whose cause carries the status code and the server's details. */
const grpcFailure = (code: number, details: string) => new ServiceError('Failed to query Workflow', { cause: Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} }) });

const input = { workflowExecution: { workflowId: 'case:HSI-1' }, queryType: 'status', args: [], headers: {} } as never;
const run = (next: () => Promise<unknown>, ms = 10_000) => queryDeadlineInterceptor(ms).query!(input, next as never);
const refusal = (next: () => Promise<unknown>, ms?: number) => run(next, ms).then(() => undefined, (e: unknown) => e);

test('an answer in time passes through; a query nobody answers is WORKFLOW_NOT_ANSWERING naming it, its call left to run', async () => {
  expect(await run(async () => 'answer')).toBe('answer');
  let settle: (value: string) => void = () => {};
  const call = new Promise<string>((resolve) => (settle = resolve));
  const late = await refusal(() => call, 50);
  expect(late).toBeInstanceOf(TakedownError);
  expect(late).toMatchObject({ code: 'WORKFLOW_NOT_ANSWERING', message: 'case:HSI-1 did not answer: no worker answered within 0.1 s. The engine answered; try again once its worker runs' });
  // Not cancelled: the call given up on still settles on its own.
  settle('later');
  expect(await call).toBe('later');
});

test('the engine failing a query for want of a worker is WORKFLOW_NOT_ANSWERING; the engine out of reach, or anything else, is not', async () => {
  expect(await refusal(async () => { throw grpcFailure(9, 'no poller seen for task queue recently, worker may be down'); })).toMatchObject({ code: 'WORKFLOW_NOT_ANSWERING', message: 'case:HSI-1 did not answer: the engine says no poller seen for task queue recently, worker may be down. The engine answered; try again once its worker runs' });
  expect(await refusal(async () => { throw grpcFailure(4, 'context deadline exceeded'); })).toMatchObject({ code: 'WORKFLOW_NOT_ANSWERING', message: 'case:HSI-1 did not answer: the engine waited for a worker and gave up. The engine answered; try again once its worker runs' });
  // Without a limit of its own the interceptor waits as long as the engine does.
  expect(await queryDeadlineInterceptor().query!(input, (async () => { await new Promise((resolve) => setTimeout(resolve, 100)); return 'slow answer'; }) as never)).toBe('slow answer');
  const unreachable = grpcFailure(14, 'No connection established');
  expect(await refusal(async () => { throw unreachable; })).toBe(unreachable);
  const other = new Error('query handler threw');
  expect(await refusal(async () => { throw other; })).toBe(other);
});

test('within: a call that fails after it was given up on is no unhandled rejection', async () => {
  let fail: (error: Error) => void = () => {};
  const call = new Promise<never>((_, reject) => (fail = reject));
  await expect(within(call, 10, () => new Error('late'))).rejects.toThrow('late');
  fail(new Error('failed later'));
  await new Promise((resolve) => setImmediate(resolve));
});
