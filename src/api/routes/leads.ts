import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../domain/actors';
import { TakedownError } from '../../../domain/errors';
import { actionable, closingStates, leadSources, leadStates, leadSubmissionSchema, namesInText, requireTransition, type Finding } from '../../../domain/leads';
import { everyCaseRoles } from '../../../domain/membership';
import { actorOf, guard } from '../auth';
import { addTargets } from '../cases/add-targets';
import { toHttpError } from '../errors';
import { caseHandle } from '../cases/handles';
import { openCase, openCaseBody } from '../cases/open-case';
import { deconflict } from '../leads/deconflict';
import { intakeLimits, leadFromXarf, leadsFromCsv } from '../leads/intake';
import { mayReadLead, partnerOrgOf, partnerView, type Lead, type LeadStore, type NewLead } from '../leads/store';
import { requireCaseMember } from '../membership';
import { caseIdParams, oneOfList } from '../schemas';
import { targetWorkflowId } from './targets';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes, reads, signedIn } from '../contract/responses';

export const leadParams = z.object({ leadId: z.string().regex(/^LEAD-\d{1,12}$/i, { error: 'a lead ID is LEAD- and a number, e.g. LEAD-12' }) });
const reason = z.string().trim().min(3, 'say why').max(2000);

/** Per sign-in, not per address: partners send from shared gateways, and each account has its own allowance. */
const submissionRateLimit = {
  max: intakeLimits.submissionsPerMinute,
  timeWindow: '1 minute',
  keyGenerator: (request: FastifyRequest) => createHash('sha256').update(request.headers.authorization ?? request.headers.cookie ?? request.ip).digest('hex'),
  errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) =>
    new TakedownError('TOO_MANY_REQUESTS', `at most ${context.max} lead submissions a minute per sign-in; try again in ${context.after}`),
};

/**
 * A route's own body limit, answered with what the limit is (fastify refuses a larger body before any handler
 * runs, with a message that does not say it); every other error goes the usual way through the catalogue.
 */
function bodyOf(bytes: number, what: string) {
  return {
    bodyLimit: bytes,
    errorHandler(this: unknown, error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) {
      const answer = error.statusCode === 413
        ? toHttpError(new TakedownError('PAYLOAD_TOO_LARGE', `${what} may be at most ${Math.round(bytes / 1024)} KiB (${bytes} bytes); this one is ${request.headers['content-length'] ?? 'larger'} bytes`))
        : toHttpError(error);
      if (answer.unexpected) request.log.error({ err: error }, 'unexpected error');
      return reply.code(answer.status).send(answer.body);
    },
  };
}

/** Refuses a lead the person may not see, in the catalogue's shape: a partner's own only; staff their team's and the unassigned. */
export function requireReadable(actor: Actor, lead: Lead): void {
  if (mayReadLead(actor, lead)) return;
  if (actor.role === 'partner') throw new TakedownError('FORBIDDEN', `${actor.name} may see only the leads its organisation (${partnerOrgOf(actor)}) submitted; ${lead.leadId} is not one of them`);
  throw new TakedownError('NOT_A_MEMBER', `${actor.name} may not see lead ${lead.leadId}: it is team ${lead.team}'s; you are in ${actor.team ? `team ${actor.team}` : 'no team'}`);
}

/** What the person is shown of a lead: a partner only what it sent and where it stands. */
const shown = (actor: Actor, lead: Lead) => (actor.role === 'partner' ? partnerView(lead) : lead);

/** A new lead from the signed-in person: a partner's referral, or staff's own finding (never a banner tip). */
function newLead(actor: Actor, given: NewLead['submission'], at: string, xarf?: unknown): NewLead {
  const submission = namedFromText(given);
  const submittedBy = { id: actor.id, name: actor.name, role: actor.role };
  if (actor.role === 'partner') return { source: 'partner', submission, submittedBy, receivedAt: at, partner: partnerOrgOf(actor), ...(xarf !== undefined ? { xarf } : {}) };
  // Staff's own lead is their team's from the start (coordinators and supervisors leave it unassigned, for anyone).
  return { source: 'agent', submission, submittedBy, receivedAt: at, ...(!everyCaseRoles.includes(actor.role) && actor.team ? { team: actor.team } : {}), ...(xarf !== undefined ? { xarf } : {}) };
}

/** A lead that names no domain or profile but whose text does names what its text names, as a tip does. */
function namedFromText(submission: NewLead['submission']): NewLead['submission'] {
  if (submission.domains.length > 0 || submission.profiles.length > 0 || !submission.text.trim()) return submission;
  const named = namesInText(submission.text);
  return { ...submission, domains: named.domains, profiles: named.profiles };
}

/** Which of the triaged findings become targets: those asked for (each must be new), or every new one. */
function chosenTargets(lead: Lead, asked: string[] | undefined): Finding[] {
  if (lead.state !== 'TRIAGED' || !lead.findings) requireTransition(lead.leadId, lead.state, 'ACTIONED');
  const findings = lead.findings!;
  if (!asked) {
    const fresh = actionable(findings);
    if (fresh.length === 0) throw new TakedownError('WRONG_STATE', `lead ${lead.leadId} names no new target: ${findings.map((f) => `${f.input}: ${f.note}`).join('; ') || 'it names no domain or profile at all'}`, { targets: ['no named target is new; close the lead as DUPLICATE or DECLINED instead'] });
    return fresh;
  }
  const fields: Record<string, string[]> = {};
  const chosen = asked.map((key, i) => {
    const finding = findings.find((f) => f.key === key || f.input === key);
    if (!finding) (fields[`targets.${i}`] ??= []).push(`"${key}" is not named by lead ${lead.leadId}; it names: ${findings.filter((f) => f.key).map((f) => f.key).join(', ') || 'no target'}`);
    else if (finding.status !== 'new') (fields[`targets.${i}`] ??= []).push(`"${key}" is ${finding.note}; only new targets are added`);
    return finding!;
  });
  if (Object.keys(fields).length) throw new TakedownError('VALIDATION_FAILED', `targets: ${Object.values(fields).flat().join('; ')}`, fields);
  return chosen;
}

/**
 * Leads: submitted by agents and partners (JSON, XARF v4, CSV), made from banner tips, triaged with
 * deconfliction against every active and past target, turned into a new case or added to an open one
 * (the targets keep their link to the lead), or closed. Access: src/api/permissions.ts and mayReadLead.
 */
export function leadRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;
  const leads: LeadStore = deps.leads;
  const now = () => new Date().toISOString();
  /** The lead a person may read, or the refusal; `withTips` first turns new banner tips into leads. */
  const readableLead = (actor: Actor, leadId: string, withTips = false): Lead => {
    if (withTips) leads.syncTips();
    const lead = leads.get(leadId);
    requireReadable(actor, lead);
    return lead;
  };

  app.get('/api/leads', {
    schema: {
      tags: ['leads'], summary: "Leads the person may see, newest first (a partner: its own; staff: their team's and the unassigned; coordinators and supervisors: all)",
      querystring: z.object({
        state: oneOfList(leadStates, 'state').describe(`states, comma-separated: ${leadStates.join(', ')}`),
        source: oneOfList(leadSources, 'source').describe(`sources, comma-separated: ${leadSources.join(', ')}`),
        target: z.string().max(2048).optional().describe('only the leads this target came from (a domain, a link or platform:handle)'),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: answers({ 200: bodies.leadList }, [...signedIn, 422]),
    },
    preValidation: guard(deps, csrf, 'viewLeads'),
  }, async (request) => {
    const actor = actorOf(request);
    leads.syncTips();
    const { state, source, target, limit } = request.query;
    const list = target !== undefined
      ? leads.forTarget(targetWorkflowId(target)).filter((l) => mayReadLead(actor, l))
      : leads.list({ state, source, readableBy: actor, limit });
    return { leads: list.map((l) => shown(actor, l)) };
  });

  app.get('/api/leads/:leadId', {
    schema: {
      tags: ['leads'], summary: 'One lead: what it names, its state and history (who changed it and when), the findings of triage and the targets it became',
      params: leadParams, response: answers({ 200: bodies.leadBody }, [...signedIn, 404]),
    },
    preValidation: guard(deps, csrf, 'viewLeads'),
  }, async (request) => {
    const actor = actorOf(request);
    const lead = readableLead(actor, request.params.leadId, true);
    return shown(actor, lead);
  });

  app.post('/api/leads', {
    schema: {
      tags: ['leads'], summary: "Submit a lead: what it names (domains, profile links, payment accounts, text) and attachments by reference; a partner's is a referral",
      body: leadSubmissionSchema, response: answers({ 201: bodies.leadBody }, signedIn),
    },
    ...bodyOf(intakeLimits.leadBodyBytes, 'a lead'),
    config: { rateLimit: submissionRateLimit },
    preValidation: guard(deps, csrf, 'submitLead'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.code(201).send(shown(actor, leads.add(newLead(actor, request.body, now()))));
  });

  app.post('/api/leads/xarf', {
    schema: {
      tags: ['leads'], summary: 'Submit a XARF v4 report as a lead (Version, ReporterInfo, Report with ReportClass, ReportType, SourceType Uri/Url/Domain, Source; attachments by Url or Sha256)',
      body: z.record(z.string(), z.unknown()),
      response: answers({ 201: bodies.leadBody }, signedIn),
    },
    ...bodyOf(intakeLimits.xarfBodyBytes, 'a XARF report'),
    config: { rateLimit: submissionRateLimit },
    preValidation: guard(deps, csrf, 'submitLead'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const submission = leadFromXarf(request.body);
    return reply.code(201).send(shown(actor, leads.add(newLead(actor, submission, now(), request.body))));
  });

  app.post('/api/leads/csv', {
    schema: {
      tags: ['leads'], summary: 'Submit leads from a CSV file (header: summary, domains, profiles, payment_processor, payment_account, text, reference, attachment_url); all rows or none',
      body: z.object({ content: z.string().min(1, 'the file is empty') }),
      response: answers({ 201: bodies.leadsAdded }, signedIn),
    },
    ...bodyOf(intakeLimits.csvBodyBytes, 'a CSV upload'),
    config: { rateLimit: submissionRateLimit, longText: ['content'] },
    preValidation: guard(deps, csrf, 'submitLead'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const at = now();
    const rows = leadsFromCsv(request.body.content);
    const added = leads.addAll(rows.map((r) => newLead(actor, r.submission, at)));
    return reply.code(201).send({ leads: added.map((l, i) => ({ line: rows[i]!.line, ...shown(actor, l) })) });
  });

  app.post('/api/leads/:leadId/triage', {
    schema: {
      tags: ['leads'], summary: 'Triage: normalise what the lead names and check each against every active and past target (again, on a triaged lead)',
      params: leadParams, response: answers({ 200: bodies.leadBody }, [...reads, 409]),
    },
    preValidation: guard(deps, csrf, 'triageLead'),
  }, async (request) => {
    const actor = actorOf(request);
    const lead = readableLead(actor, request.params.leadId, true);
    if (lead.state !== 'TRIAGED') requireTransition(lead.leadId, lead.state, 'TRIAGED');
    return leads.triage(lead.leadId, actor, await deconflict(client, leads, lead), now());
  });

  app.post('/api/leads/:leadId/state', {
    schema: {
      tags: ['leads'], summary: 'Close a triaged lead: DECLINED or DUPLICATE, with the reason (DISSEMINATED comes with its notice: POST /api/leads/{leadId}/disseminate)', params: leadParams,
      body: z.object({ state: z.enum(closingStates, { error: `one of ${closingStates.join(', ')} (ACTIONED comes with the targets a lead becomes, TRIAGED with triage, DISSEMINATED with its notice: POST /api/leads/{leadId}/disseminate)` }), reason }),
      response: answers({ 200: bodies.leadBody }, [...signedIn, 404, 409]),
    },
    preValidation: guard(deps, csrf, 'triageLead'),
  }, async (request) => {
    const actor = actorOf(request);
    const lead = readableLead(actor, request.params.leadId);
    return leads.setState(lead.leadId, actor, request.body.state, request.body.reason, now());
  });

  app.post('/api/leads/:leadId/case', {
    schema: {
      tags: ['leads'], summary: "Open a new case from a triaged lead: its new targets (or those named in `targets`), the package given here; the lead becomes ACTIONED and each target links back to it", params: leadParams,
      body: openCaseBody.omit({ targets: true }).extend({ targets: z.array(z.string().max(2048)).min(1).max(500).optional().describe('the keys of the triaged targets to take (default: every new one)') }),
      response: answers({ 201: bodies.caseFromLead }, changes),
    },
    preValidation: guard(deps, csrf, 'openCase'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const lead = readableLead(actor, request.params.leadId);
    const chosen = chosenTargets(lead, request.body.targets);
    const opened = await openCase(deps, actor, { ...request.body, targets: chosen.map((f) => f.input) });
    const updated = leads.actioned(lead.leadId, actor, opened.caseId, chosen.map((f) => ({ workflowId: f.workflowId!, key: f.key! })), now());
    return reply.code(201).send({ ...opened, lead: updated });
  });

  app.post('/api/leads/:leadId/add-to-case', {
    schema: {
      tags: ['leads'], summary: "Add a triaged lead's new targets (or those named) to an open case; the ones started link back to the lead, which becomes ACTIONED", params: leadParams,
      body: caseIdParams.extend({ targets: z.array(z.string().max(2048)).min(1).max(500).optional() }),
      response: answers({ 200: bodies.addedFromLead }, changes),
    },
    preValidation: guard(deps, csrf, 'addTargets'),
  }, async (request) => {
    const actor = actorOf(request);
    const lead = readableLead(actor, request.params.leadId);
    const chosen = chosenTargets(lead, request.body.targets);
    await requireCaseMember(client, actor, request.body.caseId, 'add targets to this case');
    const report = await addTargets(caseHandle(client, request.body.caseId), actor, chosen.map((f, i) => ({ line: i + 1, input: f.input })));
    const started = chosen.filter((_, i) => report.rows[i]?.status === 'started');
    if (started.length === 0) return { ...report, lead };
    const updated = leads.actioned(lead.leadId, actor, request.body.caseId, started.map((f) => ({ workflowId: f.workflowId!, key: f.key! })), now());
    return { ...report, lead: updated };
  });
}
