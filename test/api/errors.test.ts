import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import { errorCodes, TakedownError, type ErrorCode } from '../../domain/errors';
import { httpStatus, toHttpError } from '../../src/api/errors';
import { validatorCompiler } from 'fastify-type-provider-zod';

test('every catalogue code has an HTTP status, refusals are 4xx and only our own faults are 5xx', () => {
  expect(Object.keys(httpStatus).sort()).toEqual(Object.keys(errorCodes).sort());
  for (const [code, status] of Object.entries(httpStatus) as [ErrorCode, number][]) {
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    if (/^(TARGET_|VALIDATION|ROLE|FOUR_EYES|STALE|ALREADY|WRONG|UNKNOWN|DUPLICATE|UNAUTH|FORBIDDEN|NOT_FOUND|SIGN_IN|CSRF|CASE_EXISTS|ACK_LINK)/.test(code)) expect(status).toBeLessThan(500);
  }
});

test('a refused Update maps to its ApplicationFailure type, with the fields from its details', () => {
  const cause = ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: 'the warrant is invalid: docket: docket number is required', nonRetryable: true, details: [{ docket: ['docket number is required'] }] });
  const mapped = toHttpError(new WorkflowUpdateFailedError('Workflow Update failed', cause));
  expect(mapped).toEqual({ status: 400, unexpected: false, body: { error: { code: 'VALIDATION_FAILED', message: 'the warrant is invalid: docket: docket number is required', fields: { docket: ['docket number is required'] } } } });
  const fourEyes = toHttpError(new WorkflowUpdateFailedError('failed', ApplicationFailure.create({ type: 'FOUR_EYES', message: 'you amended it', nonRetryable: true })));
  expect(fourEyes.status).toBe(403);
  expect(fourEyes.body.error.code).toBe('FOUR_EYES');
  // A failure type outside the catalogue is our fault, not the caller's.
  const foreign = toHttpError(new WorkflowUpdateFailedError('failed', ApplicationFailure.create({ type: 'TypeError', message: 'x is undefined' })));
  expect(foreign).toMatchObject({ status: 500, unexpected: true, body: { error: { code: 'INTERNAL_ERROR' } } });
  expect(JSON.stringify(foreign.body)).not.toContain('x is undefined');
});

test('our own refusals, missing workflows, limits and schema errors each have their code', () => {
  expect(toHttpError(new TakedownError('ACK_LINK_EXPIRED')).status).toBe(410);
  expect(toHttpError(new WorkflowNotFoundError('not found', 'case:X', undefined))).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  expect(toHttpError(Object.assign(new Error('body too large'), { statusCode: 413 })).body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(toHttpError(Object.assign(new Error('rate limit'), { statusCode: 429 })).body.error.code).toBe('TOO_MANY_REQUESTS');
  expect(toHttpError(new Error('boom'))).toMatchObject({ status: 500, unexpected: true });

  const schema = z.object({ warrant: z.object({ docket: z.string().min(3, 'docket number is required') }) });
  const { error } = validatorCompiler({ schema, method: 'POST', url: '/x', httpPart: 'body' })({ warrant: { docket: '' } }) as { error: unknown };
  const schemaError = Object.assign(new Error('bad'), { validation: error, validationContext: 'body', statusCode: 400 });
  expect(toHttpError(schemaError).body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'the body is invalid: warrant.docket: docket number is required', fields: { 'warrant.docket': ['docket number is required'] } });
});
