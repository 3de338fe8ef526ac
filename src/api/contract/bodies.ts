import { z } from 'zod';
import { actorSchema } from '../../../domain/actors';
import { body, loose } from './responses';

/**
 * The success bodies of the API, each named once and used by the routes that answer it. They name the fields
 * a client relies on (from the domain's own schemas where there is one, such as the actor); every body is
 * loose, so the other fields of a status pass as they are.
 */

const list = <T extends z.ZodRawShape>(shape: T) => z.array(loose(shape));
/** Any object, its fields as they are. */
const anyObject = z.looseObject({}) as unknown as z.ZodType<object>;
const objects = z.array(anyObject);
const when = z.string().describe('an ISO date-time');

export const actor = loose(actorSchema.shape);

// Cases, their targets and review.
export const caseOpened = body('the case opened: its ID and its workflow', { caseId: z.string(), workflowId: z.string() });
export const caseList = body('cases, newest first', { cases: list({ caseId: z.string() }) });
export const caseStatus = body("the case's status", { caseId: z.string(), stage: z.string(), targets: list({ key: z.string() }) });
export const packageVersion = body('the new version of the package', { version: z.number(), by: actor, at: when });
export const reviewRound = body('the review round', {
  round: z.number(),
  packageVersion: z.number(),
  workflowId: z.string(),
  startedAt: when,
});
export const caseMembership = body("the case's team and counsel", { team: z.string().optional(), counsel: z.string().optional() });
export const targetsPage = body("a page of the case's targets in full", {
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
  targets: list({ key: z.string() }),
});
export const importReport = body('one row per target given: started, refused (with why) or duplicate', {
  rows: list({ line: z.number(), input: z.string(), status: z.string() }),
  counts: z.object({ started: z.number(), refused: z.number(), duplicate: z.number() }),
});
export const withdrawn = body('the target withdrawn', { key: z.string(), at: when });
export const decision = body('the decision recorded', { round: z.number(), packageVersion: z.number(), actor, at: when });
export const warrantRecorded = body('the warrant recorded', { warrantId: z.string(), actor, at: when });

// Targets and their tasks.
export const targetList = body('targets as visibility lists them', { targets: objects });
export const targetStatus = body("the target's status and timeline", {
  workflowId: z.string(),
  caseId: z.string(),
  stage: z.string(),
  timeline: z.array(z.unknown()),
});
export const normalized = body('each input normalised, or refused with its catalogue code', {
  results: list({ input: z.string(), ok: z.boolean() }),
});
export const taskList = body('open tasks, soonest deadline first', {
  tasks: list({ kind: z.string(), target: z.string(), workflowId: z.string() }),
});
export const portalSubmission = body('the portal submission recorded', {
  kind: z.enum(['preservation', 'takedown']),
  reference: z.string(),
  submittedAt: when,
  actor,
});
export const preservation = body('the preservation as extended', { requestedAt: when, expiresAt: when });

// Custody of seized domains.
export const custodyList = body('seized domains in custody and those whose custody ended', { domains: objects });
export const custodyStatus = body("the seized domain's custody", {
  domain: z.string(),
  caseId: z.string(),
  state: z.string(),
  seizedAt: when,
});
export const forfeiture = body('the custody after the fact: its state, forfeiture record and clocks', {
  state: z.string(),
  forfeiture: anyObject,
  clocks: anyObject,
});

// Operations.
export const operationStarted = body('every row answered; the cases start in the background', {
  operationId: z.string(),
  workflowId: z.string(),
  rows: z.array(z.unknown()),
  cases: list({ caseId: z.string(), targets: z.number() }),
});
export const operationList = body('operations, newest first', { operations: objects });
export const operationStatus = body('the operation: its rows, its cases and its timeline', {
  operationId: z.string(),
  title: z.string(),
  state: z.enum(['STARTING', 'STARTED']),
});
export const operationProgress = body('how the operation moves', {
  operationId: z.string(),
  state: z.string(),
  now: anyObject,
  needsPerson: z.unknown(),
  refused: z.number(),
});

// Metrics and reports (a report is JSON or, with format=csv, a CSV file).
export const metrics = body('the numbers of the dashboard', {
  generatedAt: when,
  targets: loose({ total: z.number() }),
  cases: loose({ total: z.number() }),
});
export const tips = body('tips from the seizure banners, newest first', { tips: objects });
export const periodReport = body('the report for the period', { generatedAt: when });
export const targetReport = body('the targets with their stage, parties and deadlines', { targets: objects });
export const jsonOrCsv = (json: z.ZodType) => ({
  description: 'JSON, or a CSV file with format=csv',
  content: { 'application/json': { schema: json }, 'text/csv': { schema: z.string() } },
});

// Leads, disseminations and outreach.
const lead = loose({ leadId: z.string(), state: z.string() });
export const leadBody = lead.describe("the lead (a partner sees what it sent and where it stands; staff see triage's findings too)");
export const leadList = body('leads, newest first', { leads: z.array(lead) });
export const leadsAdded = body('the leads added, each with its CSV line', { leads: list({ line: z.number(), leadId: z.string() }) });
export const caseFromLead = body('the case opened and the lead, now ACTIONED', { caseId: z.string(), workflowId: z.string(), lead });
export const addedFromLead = importReport.extend({ lead }).describe('one row per target and the lead (ACTIONED when any started)');
const dissemination = loose({ disseminationId: z.string(), workflowId: z.string(), note: z.string() });
export const disseminated = body('the dissemination started (and, for a lead, the lead now DISSEMINATED)', {
  dissemination,
  lead: lead.optional(),
});
export const disseminationBody = dissemination.describe('the dissemination, its notice and reminder, and its outcome');
export const disseminationList = body('disseminations with their notices and outcomes', { disseminations: z.array(dissemination) });
const outreachEvent = loose({ eventId: z.string(), recordedBy: anyObject, recordedAt: when, outcomes: z.array(z.unknown()) });
export const eventBody = outreachEvent.describe('the outreach event and its outcomes');
export const eventList = body('outreach events, newest first', { events: z.array(outreachEvent) });

// Identity, sessions and the codec server.
export const session = body('the signed-in actor, and the CSRF token of a cookie session', { actor, csrfToken: z.string().optional() });
export const token = body('a bearer token for the API', {
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  actor,
});
export const discovery = body("the embedded provider's OpenID discovery document", { issuer: z.string(), jwks_uri: z.string() });
export const jwks = body('the public keys that sign our tokens (a JWK set)', { keys: z.array(z.unknown()) });
export const payloads = body("Temporal's JSON payloads: metadata and data in base64", { payloads: list({ data: z.string().optional() }) });
