import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodes, TakedownError, type ErrorCode } from '../../domain/errors';
import type { ErrorBody } from './contract/responses';

/**
 * The one mapping from the error catalogue to HTTP statuses. A `Record` over every code, so adding a
 * code to domain/errors.ts without deciding its status here is a compile error.
 */
export const httpStatus: Record<ErrorCode, number> = {
  TARGET_EMPTY: 422,
  TARGET_IP_ADDRESS: 422,
  TARGET_BARE_TLD: 422,
  TARGET_UNKNOWN_TLD: 422,
  TARGET_INVALID_LABEL: 422,
  TARGET_EMAIL_ADDRESS: 422,
  TARGET_UNSUPPORTED_SCHEME: 422,
  TARGET_PROFILE_MISSING: 422,
  TARGET_MALFORMED: 422,
  VALIDATION_FAILED: 400,
  ROLE_NOT_ALLOWED: 403,
  FOUR_EYES: 403,
  STALE_VERSION: 409,
  ALREADY_DECIDED: 409,
  WRONG_STATE: 409,
  UNKNOWN_TARGET: 404,
  UNKNOWN_NOTICE: 404,
  DUPLICATE_TARGET: 409,
  // The API signs every action it sends; a refusal here means the worker does not hold the API's public key
  // (TAKEDOWN_ACTOR_KEY / TAKEDOWN_ACTOR_PUBLIC_KEYS disagree) or waited too long: our fault, not the caller's.
  ACTOR_SIGNATURE_INVALID: 500,
  FACT_DATE_OUT_OF_RANGE: 422,
  CLOCK_OUT_OF_BOUNDS: 422,
  NOT_REGISTERED: 422,
  NO_RDAP_SERVER: 502,
  RATE_LIMITED: 503,
  BAD_RESPONSE: 502,
  LOOKUP_TIMEOUT: 504,
  TEMPLATE_CONTEXT_INVALID: 500,
  SMTP_PERMANENT: 502,
  SMTP_TEMPORARY: 503,
  RECIPIENT_INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NO_TEAM: 403,
  NOT_FOUND: 404,
  CONFIG_INVALID: 500,
  // A payload handed to the codec server that this API's keys cannot open: the request's, not a fault of ours.
  PAYLOAD_KEY_UNKNOWN: 422,
  PAYLOAD_UNREADABLE: 422,
  SIGN_IN_FAILED: 401,
  CSRF_INVALID: 403,
  CASE_EXISTS: 409,
  OPERATION_EXISTS: 409,
  ACK_LINK_INVALID: 400,
  ACK_LINK_EXPIRED: 410,
  ACK_LINK_USED: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  METHOD_NOT_ALLOWED: 405,
  ENGINE_UNAVAILABLE: 503,
  WORKFLOW_NOT_ANSWERING: 503,
  INTERNAL_ERROR: 500,
};


export interface HttpError {
  status: number;
  body: ErrorBody;
  /** An error we did not expect: logged in full, answered without detail. */
  unexpected: boolean;
}

const isCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(errorCodes, value);

const answer = (code: ErrorCode, message: string = errorCodes[code], fields?: Record<string, string[]>, unexpected = false): HttpError => ({
  status: httpStatus[code],
  body: { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } },
  unexpected,
});

/** Maps anything a route can throw to the catalogue: our refusals, workflow refusals, validation, limits. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof TakedownError) return answer(error.code, error.message, error.fields);
  if (hasZodFastifySchemaValidationErrors(error)) return validationAnswer(error.validation, error.validationContext);
  // An Update refused by its validator or handler: the ApplicationFailure's type is a catalogue code.
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && isCode(cause.type)) return answer(cause.type, cause.message, fieldsFrom(cause.details));
    return answer('INTERNAL_ERROR', undefined, undefined, true);
  }
  if (error instanceof WorkflowNotFoundError) return answer('NOT_FOUND', `no such workflow: ${error.workflowId}`);
  if (error instanceof WorkflowExecutionAlreadyStartedError) return answer('CASE_EXISTS', `workflow ${error.workflowId} exists already`);
  // The engine out of reach is worth a log line in full, and a plain answer to the caller.
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || error instanceof ServiceError) return answer('ENGINE_UNAVAILABLE', undefined, undefined, true);
  const statusCode = (error as { statusCode?: number }).statusCode;
  if (statusCode === 413) return answer('PAYLOAD_TOO_LARGE');
  // The router's refusal of a path parameter past its 2,048 characters (routerOptions.maxParamLength).
  if (statusCode === 414) return answer('URL_TOO_LONG');
  if (statusCode === 429) return answer('TOO_MANY_REQUESTS');
  if (statusCode === 415) return answer('VALIDATION_FAILED', 'send JSON (content-type application/json) or a form');
  // Fastify's own 4xx (unparseable JSON, an empty body): the request, not us.
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return answer('VALIDATION_FAILED', `the request is malformed: ${(error as Error).message}`);
  return answer('INTERNAL_ERROR', undefined, undefined, true);
}

/** Field errors from a workflow's ApplicationFailure details (domain/validation.ts puts them first). */
function fieldsFrom(details: unknown[] | undefined | null): Record<string, string[]> | undefined {
  const first = details?.[0];
  if (!first || typeof first !== 'object') return undefined;
  const entries = Object.entries(first).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((m) => typeof m === 'string'));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

interface SchemaIssue {
  instancePath?: string;
  message?: string;
}

/** Zod issues from a route schema (path as `/a/0/b`), as `field: [messages]`; the message names every field. */
function validationAnswer(issues: readonly SchemaIssue[], context: string | undefined): HttpError {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const field = issue.instancePath?.split('/').filter(Boolean).join('.') || context || '(root)';
    (fields[field] ??= []).push(issue.message ?? 'invalid');
  }
  const summary = Object.entries(fields).map(([field, messages]) => `${field}: ${messages.join('; ')}`).join('; ');
  return answer('VALIDATION_FAILED', `the ${context ?? 'request'} is invalid: ${summary}`, fields);
}
