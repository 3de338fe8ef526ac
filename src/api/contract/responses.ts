import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../../../domain/errors';

/**
 * The shared answers of the API's contract (the OpenAPI document at /docs/json): the one error body every
 * refusal has, and `answers`, which says what a route answers. Fastify serializes each answer through the
 * schema of its status (fastify-type-provider-zod), so the server checks its own answers against what it
 * documents; success bodies are loose objects, so a field the schema does not name is kept, never dropped.
 */

const codes = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** The body of every error answer: the catalogue code, a specific message, and the offending fields. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(codes).describe('a code of the one error catalogue (domain/errors.ts)'),
      message: z.string().describe('what is wrong, naming the field and what is accepted'),
      fields: z.record(z.string(), z.array(z.string())).optional().describe('the offending fields (a dotted path) and what each needs'),
    }),
  })
  .meta({ id: 'Error', description: 'A refusal: a code of the error catalogue, a specific message and, for bad input, the fields' });
export type ErrorBody = z.infer<typeof errorBody>;

/** What each refusal status means in this API; every refusal a route can give is one of these. */
export const refusalMeanings = {
  400: 'the request is malformed or a field is invalid (VALIDATION_FAILED, ACK_LINK_INVALID)',
  401: 'not signed in, or the token is refused (UNAUTHENTICATED, SIGN_IN_FAILED)',
  403: 'signed in, but the role, team or form may not (ROLE_NOT_ALLOWED, FOUR_EYES, NOT_A_MEMBER, NO_TEAM, FORBIDDEN, CSRF_INVALID)',
  404: 'no such case, target, workflow or record, or not one of yours (NOT_FOUND, UNKNOWN_TARGET, UNKNOWN_NOTICE)',
  409: 'the case or target is not at a step where this applies, or it exists already (WRONG_STATE, STALE_VERSION, CASE_EXISTS ...)',
  410: 'the acknowledgement link has expired (ACK_LINK_EXPIRED)',
  413: 'the request body is larger than the route takes (PAYLOAD_TOO_LARGE)',
  414: 'the URL path is over 2,048 characters (URL_TOO_LONG)',
  422: 'a target, date or clock the rules refuse (TARGET_*, FACT_DATE_OUT_OF_RANGE, CLOCK_OUT_OF_BOUNDS ...)',
  429: 'too many requests from you this minute (TOO_MANY_REQUESTS)',
  500: 'a fault of ours, logged (INTERNAL_ERROR)',
  503: 'the workflow engine, or the worker serving the workflow, is out of reach; try again shortly (ENGINE_UNAVAILABLE, WORKFLOW_NOT_ANSWERING)',
} as const;
export type RefusalStatus = keyof typeof refusalMeanings;

/**
 * A loose object: its named fields are checked, its other fields pass as they are (never stripped from an answer).
 * Typed as its named fields only, as TypeScript lets a value of an interface type pass with more.
 */
export const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape) as unknown as z.ZodObject<T>;

/** A success body: a loose object with its description. */
export const body = <T extends z.ZodRawShape>(description: string, shape: T) => loose(shape).describe(description);

/** `{ ok: true }`: an action taken, with nothing more to say. */
export const okBody = z.object({ ok: z.boolean() }).describe('the action was taken');

/** An HTML page (the public acknowledgement pages answer people, their refusals too). */
export const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** One refusal status as the contract documents it: its meaning and the shared error body (`$ref` Error), or a page. */
export const refusal = (status: RefusalStatus, html = false) =>
  html
    ? htmlPage(refusalMeanings[status])
    : { description: refusalMeanings[status], content: { 'application/json': { schema: errorBody } } };

/** A body of one media type, or of several (`content`), with its description. */
type Media = { description: string; content: Record<string, { schema: z.ZodType }> };
type Success = Partial<Record<200 | 201 | 202 | 204, z.ZodType | Media>>;

/**
 * A route's answers: its success statuses with their bodies, and the refusal statuses it can give besides those
 * every route shares (a malformed request, a body too large, a rate limit, our own fault), which
 * common-refusals.ts adds to every documented route. Handlers are typed by the success bodies; refusals are
 * thrown, and the error handler answers them through the same schemas.
 */
export function answers<S extends Success>(success: S, refusals: readonly RefusalStatus[] = [], options: { html?: boolean } = {}): S {
  return { ...Object.fromEntries(refusals.map((status) => [status, refusal(status, options.html)])), ...success };
}

/** Refusals of a signed-in route: not signed in (401), and a role, team or CSRF token that may not (403). */
export const signedIn: readonly RefusalStatus[] = [401, 403];
/** A signed-in read of a workflow: it may not be there (or not be the person's: 404), or the engine out of reach. */
export const reads: readonly RefusalStatus[] = [...signedIn, 404, 503];
/** A signed-in change through a workflow's Update: its validator may refuse the step (409) or a date or target (422). */
export const changes: readonly RefusalStatus[] = [...reads, 409, 422];
