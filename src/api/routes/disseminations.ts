import { z } from 'zod';
import { disseminateBodySchema, disseminationStatusQuery, type DisseminationStatus } from '../../../domain/dissemination';
import { TakedownError } from '../../../domain/errors';
import { requireTransition } from '../../../domain/leads';
import { actorOf, guard } from '../auth';
import { caseStatus } from '../cases/handles';
import { startDissemination, type DisseminationSubject } from '../leads/disseminate';
import type { Dissemination } from '../leads/disseminations';
import type { Lead } from '../leads/store';
import { requireCaseMember } from '../membership';
import { caseIdParams } from '../schemas';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, reads, signedIn } from '../contract/responses';
import { leadParams, requireReadable } from './leads';

const disseminationParams = z.object({ disseminationId: z.string().regex(/^DIS-\d{1,12}$/i, { error: 'a dissemination ID is DIS- and a number, e.g. DIS-3' }) });

/** What the notice says of a lead: what it names, what triage found, what the reporter said. */
function leadSubject(lead: Lead): DisseminationSubject {
  return {
    kind: 'lead', reference: lead.leadId, summary: lead.summary,
    items: [
      { label: 'Source', value: `${lead.source}${lead.reference ? ` (${lead.reference})` : ''}, received ${lead.receivedAt.slice(0, 10)}` },
      { label: 'Domains', value: lead.domains.join(', ') },
      { label: 'Profiles', value: lead.profiles.join(', ') },
      { label: 'Payment accounts', value: lead.paymentAccounts.map((p) => `${p.processor}: ${p.account}`).join(', ') },
      { label: 'Our checks', value: (lead.findings ?? []).filter((f) => f.key || f.kind === 'payment').map((f) => `${f.key ?? f.input}: ${f.note}`).join('; ') },
      { label: 'What the reporter says', value: lead.text },
      { label: 'Attachments', value: lead.attachments.map((a) => `${a.name}${a.url ? ` <${a.url}>` : ''}${a.sha256 ? ` (SHA-256 ${a.sha256})` : ''}`).join('; ') },
    ],
  };
}

/** The dissemination as shown: the record, and where its notice and reminder stand (from its workflow, while the engine keeps it). */
async function withStatus(deps: RouteContext['deps'], record: Dissemination): Promise<Dissemination & { workflow?: Pick<DisseminationStatus, 'notices' | 'reminderSentAt' | 'ended' | 'failure'> }> {
  const status = await deps.client.workflow.getHandle(record.workflowId).query(disseminationStatusQuery).catch(() => undefined);
  if (!status) return record;
  const { notices, reminderSentAt, ended, failure } = status;
  return { ...record, workflow: { notices: notices.map((n) => ({ ...n, attachments: [] })), ...(reminderSentAt ? { reminderSentAt } : {}), ...(ended ? { ended } : {}), ...(failure ? { failure } : {}) } };
}

/**
 * Dissemination (issue 16, item 3): a lead, or a case's findings, passed to another field office, agency or
 * partner by a notice whose link records what came of it (src/api/ack/routes.ts), with a reminder if nothing is
 * recorded in time (workflows/dissemination.ts). A lead becomes DISSEMINATED with the verified actor.
 */
export function disseminationRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client, leads, disseminations } = deps;

  app.post('/api/leads/:leadId/disseminate', {
    schema: {
      tags: ['leads'], summary: 'Disseminate a triaged lead to another field office, agency or partner: a notice with a link where the recipient records the outcome; the lead becomes DISSEMINATED',
      params: leadParams, body: disseminateBodySchema,
      response: answers({ 201: bodies.disseminated }, [...reads, 409]),
    },
    preValidation: guard(deps, csrf, 'disseminate'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const lead = leads.get(request.params.leadId);
    requireReadable(actor, lead);
    requireTransition(lead.leadId, lead.state, 'DISSEMINATED');
    const record = await startDissemination(deps, actor, leadSubject(lead), request.body, new Date());
    const reason = `${record.disseminationId} to ${request.body.recipient.organisation} (${request.body.recipient.name}, ${request.body.recipient.kind}): ${request.body.note}`;
    const updated = leads.setState(lead.leadId, actor, 'DISSEMINATED', reason, record.createdAt);
    return reply.code(201).send({ dissemination: record, lead: updated });
  });

  app.post('/api/cases/:caseId/disseminate', {
    schema: {
      tags: ['cases'], summary: "Disseminate a case's findings (its targets and where each stands) to another field office, agency or partner, with the same notice and outcome link",
      params: caseIdParams, body: disseminateBodySchema,
      response: answers({ 201: bodies.disseminated }, reads),
    },
    preValidation: guard(deps, csrf, 'disseminate'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { caseId } = request.params;
    await requireCaseMember(client, actor, caseId, "disseminate this case's findings");
    const status = await caseStatus(client, caseId);
    const pkg = status.packageVersions.at(-1)?.package;
    const subject: DisseminationSubject = {
      kind: 'case', reference: caseId, summary: pkg?.title ?? caseId,
      items: [
        { label: 'Offence', value: pkg?.offence ?? '' },
        { label: 'Targets', value: status.targets.map((t) => `${t.key} (${t.stage})`).join(', ') },
        { label: 'Evidence', value: pkg?.evidence.summary ?? '' },
      ],
    };
    return reply.code(201).send({ dissemination: await startDissemination(deps, actor, subject, request.body, new Date()) });
  });

  app.get('/api/leads/:leadId/disseminations', {
    schema: {
      tags: ['leads'], summary: "A lead's disseminations: to whom, by whom, the notice and reminder, and the outcome recorded (who, when)",
      params: leadParams, response: answers({ 200: bodies.disseminationList }, [...signedIn, 404]),
    },
    preValidation: guard(deps, csrf, 'disseminate'),
  }, async (request) => {
    const lead = leads.get(request.params.leadId);
    requireReadable(actorOf(request), lead);
    return { disseminations: await Promise.all(disseminations.forLead(lead.leadId).map((d) => withStatus(deps, d))) };
  });

  app.get('/api/cases/:caseId/disseminations', {
    schema: {
      tags: ['cases'], summary: "A case's disseminations of its findings, with their notices and outcomes",
      params: caseIdParams, response: answers({ 200: bodies.disseminationList }, reads),
    },
    preValidation: guard(deps, csrf, 'disseminate'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, "see this case's disseminations");
    return { disseminations: await Promise.all(disseminations.forCase(request.params.caseId).map((d) => withStatus(deps, d))) };
  });

  app.get('/api/disseminations/:disseminationId', {
    schema: {
      tags: ['leads'], summary: 'One dissemination, its notice, reminder and outcome',
      params: disseminationParams, response: answers({ 200: bodies.disseminationBody }, reads),
    },
    preValidation: guard(deps, csrf, 'disseminate'),
  }, async (request) => {
    const actor = actorOf(request);
    const record = disseminations.get(request.params.disseminationId);
    if (record.leadId) requireReadable(actor, leads.get(record.leadId));
    else if (record.caseId) await requireCaseMember(client, actor, record.caseId, "see this case's disseminations");
    else throw new TakedownError('NOT_FOUND', `no dissemination ${request.params.disseminationId}`);
    return withStatus(deps, record);
  });
}
