import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Client, WorkflowClientInterceptor } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { TakedownError } from '../../../domain/errors';
import { withWorkflowInterceptor } from './with-interceptor';

/**
 * `Idempotency-Key` on a request that changes a case: sending the same request again with the same key (after
 * a timeout, a 503, a dropped connection) is answered with the first one's result instead of acting twice.
 * The key becomes the Temporal Update's ID (per person and per action), which the engine keeps for the
 * workflow: an Update it has already accepted is not run again, and its result is returned. A key names one
 * request: used again for another request of the same person and action on the same case, it answers the first.
 */
const requestKeys = new AsyncLocalStorage<string>();

/** Visible ASCII, as the header's draft allows, and short enough to stay a small part of an Update ID. */
const keyPattern = /^[\x21-\x7e]{1,200}$/;

export function idempotencyKeys(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined) return done();
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      return done(new TakedownError('VALIDATION_FAILED', 'Idempotency-Key must be one value of 1 to 200 visible ASCII characters', { 'Idempotency-Key': ['1 to 200 visible ASCII characters, one per request'] }));
    }
    requestKeys.run(key, done);
  });
}

/** The Update ID of a request sent with a key: the same for the same person, action, workflow and key. */
export function idempotencyInterceptor(): WorkflowClientInterceptor {
  const updateIdOf = (key: string, workflowId: string, updateName: string, args: unknown[]) => {
    const message = args[0] as { actor?: { id?: string } } | undefined;
    return `idem-${createHash('sha256').update([message?.actor?.id ?? '', workflowId, updateName, key].join('\0')).digest('hex').slice(0, 40)}`;
  };
  return {
    startUpdate: (input, next) => {
      const key = requestKeys.getStore();
      if (!key || input.options?.updateId) return next(input);
      return next({ ...input, options: { ...input.options, updateId: updateIdOf(key, input.workflowExecution.workflowId, input.updateName, input.args) } });
    },
  };
}

/** The same connection and namespace as `client`, with the request's key as each Update's ID. */
export function withIdempotency(client: Client): Client {
  return withWorkflowInterceptor(client, idempotencyInterceptor());
}
