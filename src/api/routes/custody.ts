import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { z } from 'zod';
import { custodyStatusQuery, custodyWorkflowId, reverifyNowSignal } from '../../../domain/custody';
import { checkFactDate } from '../../../domain/custody-fact-dates';
import { TakedownError } from '../../../domain/errors';
import { searchAttributes } from '../../../domain/search-attributes';
import { normalizeTargetOrThrow } from '../../../domain/targets';
import type { Actor } from '../../../domain/actors';
import { actorOf, guard } from '../auth';
import { custodyFacts } from '../custody/facts';
import { commaList, filterValue, limit } from '../schemas';
import { listCustody, oneOf } from '../temporal/visibility';
import { memberCaseIds, memberCasesClause, membershipOf, requireCaseMember, requireMemberValues } from '../membership';
import { asReadableBy } from '../sealed';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes, okBody, signedIn } from '../contract/responses';

const domainParams = z.object({ domain: z.string().min(1).max(2048).describe('the seized domain as people type it (a name or a link; IDNs in Unicode or punycode)') });

/** The domain as people type it, normalised as at seizure; only a registrable domain is ever seized. */
export function custodyDomain(given: string): string {
  const target = normalizeTargetOrThrow(given);
  if (target.kind !== 'domain') throw new TakedownError('NOT_FOUND', `${given} is ${target.kind === 'profile' ? 'a social-media profile' : 'a name on a shared-hosting service'}: only a seized domain is held in custody`);
  return target.domain;
}

/** The 404 of a domain never in custody, which a non-member of its case gets too (src/api/membership.ts). */
const notInCustody = (domain: string) => new TakedownError('NOT_FOUND', `${domain} is not in custody: no seized domain of that name`);

/**
 * Runs a call on a domain's custody workflow. A workflow the engine does not know is a domain never in
 * custody (404); one that ended (forfeited, released) no longer takes facts or signals (409), which only a
 * member of its case is told: anyone else gets the 404.
 */
async function onCustody<T>(client: Client, actor: Actor, domain: string, call: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  const handle = client.workflow.getHandle(custodyWorkflowId(domain));
  try {
    return await call(handle);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const ended = await handle.describe().catch(() => undefined);
    if (!ended) throw notInCustody(domain);
    requireMemberValues(actor, ended.typedSearchAttributes.get(searchAttributes.CaseMembers), notInCustody(domain));
    throw new TakedownError('WRONG_STATE', `custody of ${domain} has ended (${ended.typedSearchAttributes.get(searchAttributes.Stage) ?? ended.status.name})`);
  }
}

/** Seized domains in custody: the listing, one domain's status, the forfeiture facts people record, re-verification. */
export function custodyRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/custody', {
    schema: {
      tags: ['custody'], summary: 'List seized domains in custody and those whose custody ended, by stage, case and deadline state',
      querystring: z.object({
        stage: commaList.describe('stages, comma-separated: SEIZED (in custody), RELEASING, FORFEITED, RELEASED'),
        deadline: commaList.describe('deadline states, comma-separated: OK, DUE_SOON, BREACHED'),
        case: filterValue.optional().describe('case ID'),
        limit,
      }),
      response: answers({ 200: bodies.custodyList }, [...signedIn, 503]),
    },
    preValidation: guard(deps, csrf, 'viewCustody'),
  }, async (request) => {
    // Only the person's custody records: those of their cases, and those whose own team is theirs (a custody
    // record keeps its case's team, and outlives the case), narrowed in the visibility query.
    const actor = actorOf(request);
    const member = memberCasesClause(actor);
    if (member === null) return { domains: [] };
    const caseIds = member === undefined ? [] : await memberCaseIds(client, actor) ?? [];
    const mine = member === undefined ? undefined : caseIds.length ? `(${member} OR ${oneOf('CaseId', 'case', caseIds)})` : member;
    return { domains: await listCustody(client, { stage: request.query.stage, deadlineState: request.query.deadline, caseId: request.query.case, member: mine }, request.query.limit) };
  });

  app.get('/api/custody/:domain', {
    schema: {
      tags: ['custody'], summary: "A seized domain's custody: re-verification, expiry, the forfeiture facts and clocks, alerts and timeline",
      params: domainParams, response: answers({ 200: bodies.custodyStatus }, [...changes]),
    },
    preValidation: guard(deps, csrf, 'viewCustody'),
  }, async (request) => {
    const domain = custodyDomain(request.params.domain);
    const status = await onCustody(client, actorOf(request), domain, (handle) => handle.query(custodyStatusQuery));
    const kept = { team: status.team };
    await requireCaseMember(client, actorOf(request), status.caseId, 'see this seized domain', kept, notInCustody(domain));
    return asReadableBy(client, actorOf(request), status.caseId, status, status.warrant?.sealed ? [status.warrant] : [], await membershipOf(client, status.caseId, kept));
  });

  for (const fact of custodyFacts) {
    app.post(`/api/custody/:domain/${fact.path}`, {
      schema: { tags: ['custody'], summary: fact.summary, params: domainParams, body: fact.schema,
        response: answers({ 200: bodies.forfeiture }, changes) },
      preValidation: guard(deps, csrf, fact.action),
    }, async (request) => onCustody(client, actorOf(request), custodyDomain(request.params.domain), async (handle) => {
      // Refused here already when dated before the seizure or in the future; the workflow's validator checks again.
      const { seizedAt, caseId, team } = await handle.query(custodyStatusQuery);
      await requireCaseMember(client, actorOf(request), caseId, `record on this seized domain (${fact.name.replace(/-/g, ' ')})`, { team }, notInCustody(custodyDomain(request.params.domain)));
      checkFactDate(fact.update.name, `the ${fact.name.replace(/-/g, ' ')}`, request.body as Record<string, unknown>, seizedAt, Date.now());
      return handle.executeUpdate(fact.update, { args: [{ actor: actorOf(request), ...request.body }] });
    }));
  }

  app.post('/api/custody/:domain/reverify', {
    schema: {
      tags: ['custody'], summary: 'Re-verify the seizure now (registry, zone, banner) instead of at the next scheduled check',
      params: domainParams, response: answers({ 202: okBody }, changes),
    },
    preValidation: guard(deps, csrf, 'recordCustodyFact'),
  }, async (request, reply) => {
    const domain = custodyDomain(request.params.domain);
    await onCustody(client, actorOf(request), domain, async (handle) => {
      const { caseId, team } = await handle.query(custodyStatusQuery);
      await requireCaseMember(client, actorOf(request), caseId, 'have this seized domain re-verified', { team }, notInCustody(domain));
      return handle.signal(reverifyNowSignal);
    });
    return reply.code(202).send({ ok: true });
  });
}
