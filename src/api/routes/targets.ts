import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { targetStatusQuery } from '../../../domain/target';
import { normalizeTarget, platforms } from '../../../domain/targets';
import { actorOf, guard } from '../auth';
import { listTargets } from '../temporal/visibility';
import { targetFilterQuery, toTargetFilter } from '../schemas';
import { memberCaseIds, missingWorkflow, requireCaseMember } from '../membership';
import { asReadableBy } from '../sealed';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, reads, signedIn } from '../contract/responses';

/** A target as people name it (a domain, a link, `platform:handle`) or as its workflow ID. */
export function targetWorkflowId(given: string): string {
  if (/^(domain|hosted|profile):/.test(given)) return given;
  // `x:handle`, the key a case lists a profile under.
  if (new RegExp(`^(${platforms.join('|')}):[^/]+$`).test(given)) return `profile:${given}`;
  const normalized = normalizeTarget(given);
  if (!normalized.ok) throw new TakedownError(normalized.error.code, normalized.error.message);
  return workflowIds.target(normalized.target);
}

/** Listing targets across cases, one target's full record, and live normalisation for the forms. */
export function targetRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/targets', {
    schema: {
      tags: ['targets'], summary: 'List targets by stage, case, operation, registrar, registry, TLD, platform and deadline state',
      querystring: targetFilterQuery, response: answers({ 200: bodies.targetList }, reads),
    },
    preValidation: guard(deps, csrf, 'viewTargets'),
  }, async (request) => {
    const actor = actorOf(request);
    const filter = toTargetFilter(request.query);
    // A named case must be the person's; otherwise the list keeps to their cases, in the visibility query.
    if (filter.caseId) await requireCaseMember(client, actor, filter.caseId, "see this case's targets");
    const caseIds = filter.caseId ? undefined : await memberCaseIds(client, actor);
    if (caseIds?.length === 0) return { targets: [] };
    return { targets: await listTargets(client, { ...filter, caseIds }, request.query.limit) };
  });

  app.get('/api/targets/:target', {
    schema: {
      tags: ['targets'], summary: "One target's status and full timeline: every step, actor, notice and verification",
      params: z.object({ target: z.string().min(1).max(2048) }), response: answers({ 200: bodies.targetStatus }, [...reads, 422]),
    },
    preValidation: guard(deps, csrf, 'viewTargets'),
  }, async (request) => {
    const status = await client.workflow.getHandle(targetWorkflowId(request.params.target)).query(targetStatusQuery);
    const actor = actorOf(request);
    await requireCaseMember(client, actor, status.caseId, 'see this target', undefined, missingWorkflow(targetWorkflowId(request.params.target)));
    return asReadableBy(client, actor, status.caseId, status, status.warrant?.warrant.sealed ? [status.warrant.warrant] : []);
  });

  app.post('/api/normalize', {
    schema: {
      tags: ['targets'], summary: 'Normalise pasted targets without adding them (live feedback in the forms)',
      body: z.object({ inputs: z.array(z.string().max(2048)).min(1).max(500) }), response: answers({ 200: bodies.normalized }, signedIn),
    },
    preValidation: guard(deps, csrf, 'normalize'),
  }, async (request) => ({
    results: request.body.inputs.map((input) => {
      const result = normalizeTarget(input);
      return result.ok ? { input, ok: true as const, target: result.target, workflowId: workflowIds.target(result.target) } : { input, ok: false as const, error: result.error };
    }),
  }));
}
