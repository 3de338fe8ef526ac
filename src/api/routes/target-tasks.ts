import { z } from 'zod';
import { TakedownError } from '../../../domain/errors';
import { extendPreservationUpdate, recordPortalSubmissionUpdate } from '../../../domain/profile-takedown';
import { provideRegistrationUpdate, targetStatusQuery } from '../../../domain/target';
import { manualRegistrationSchema } from '../../../domain/registration';
import { personTaskKinds } from '../../../domain/search-attributes';
import { actorOf, guard } from '../auth';
import type { Actor } from '../../../domain/actors';
import { listPersonTasks } from '../cases/person-tasks';
import { memberCaseIds, missingWorkflow, requireCaseMember } from '../membership';
import { allowed } from '../permissions';
import { filterValue } from '../schemas';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes, okBody, reads } from '../contract/responses';
import { targetWorkflowId } from './targets';

const targetParams = z.object({ target: z.string().min(1).max(2048).describe('a domain, a link, platform:handle or a workflow ID') });

/** The tasks a target hands a person: a manual lookup, a portal submission, a preservation extension. */
export function targetTaskRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/tasks', {
    schema: {
      tags: ['targets'], summary: 'The open tasks the signed-in role does (manual lookups, portal submissions, preservation extensions), soonest deadline first',
      querystring: z.object({
        case: filterValue.optional().describe('only this case'), limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: answers({ 200: bodies.taskList }, reads),
    },
    preValidation: guard(deps, csrf, 'viewTargets'),
  }, async (request) => {
    // Every kind is done under the targetTasks permission; other roles have none to do.
    const actor = actorOf(request);
    const mine = allowed('targetTasks', actor.role) ? personTaskKinds : [];
    if (request.query.case) await requireCaseMember(client, actor, request.query.case, "see this case's tasks");
    const caseIds = request.query.case ? undefined : await memberCaseIds(client, actor);
    if (caseIds?.length === 0) return { tasks: [] };
    return { tasks: await listPersonTasks(client, mine, { caseId: request.query.case, caseIds, limit: request.query.limit }) };
  });
  const handleOf = (target: string) => client.workflow.getHandle(targetWorkflowId(target));
  /** The target's status, once the person is known to be a member of its case. */
  const memberTarget = async (target: string, actor: Actor, doing: string) => {
    const status = await handleOf(target).query(targetStatusQuery);
    await requireCaseMember(client, actor, status.caseId, doing, undefined, missingWorkflow(targetWorkflowId(target)));
    return status;
  };
  /** The target's status, refused early unless it waits for this kind of task (the workflow checks again). */
  const waitingFor = async (target: string, kind: 'manual-lookup' | 'portal-submission', actor: Actor) => {
    const status = await memberTarget(target, actor, kind === 'manual-lookup' ? "enter this target's registration" : "record this target's portal submission");
    if (status.task?.kind !== kind) throw new TakedownError('WRONG_STATE', `${target} is at ${status.stage} and not waiting for a ${kind}${status.task ? ` (it waits for a ${status.task.kind})` : ''}`);
    return status;
  };

  app.post('/api/targets/:target/registration', {
    schema: {
      tags: ['targets'], summary: 'Enter the registration record found by hand when no registry answered (the manual-lookup task)',
      params: targetParams, body: z.object({ record: manualRegistrationSchema }),
      response: answers({ 200: okBody }, changes),
    },
    preValidation: guard(deps, csrf, 'targetTasks'),
  }, async (request) => {
    await waitingFor(request.params.target, 'manual-lookup', actorOf(request));
    await handleOf(request.params.target).executeUpdate(provideRegistrationUpdate, { args: [{ actor: actorOf(request), record: request.body.record }] });
    return { ok: true };
  });

  app.post('/api/targets/:target/portal-submission', {
    schema: {
      tags: ['targets'], summary: "Record a request made in a platform's portal (its reference and time start the platform's clock)", params: targetParams,
      body: z.object({ kind: z.enum(['preservation', 'takedown']), reference: z.string().trim().min(1, 'the portal reference is required').max(200), submittedAt: z.iso.datetime({ error: 'an ISO date-time, e.g. 2026-11-28T14:05:00Z' }) }),
      response: answers({ 200: bodies.portalSubmission }, changes),
    },
    preValidation: guard(deps, csrf, 'targetTasks'),
  }, async (request) => {
    await waitingFor(request.params.target, 'portal-submission', actorOf(request));
    return handleOf(request.params.target).executeUpdate(recordPortalSubmissionUpdate, { args: [{ actor: actorOf(request), ...request.body }] });
  });

  app.post('/api/targets/:target/preservation/extend', {
    schema: {
      tags: ['targets'], summary: 'Extend a preservation (18 U.S.C. § 2703(f)) by one more period', params: targetParams,
      body: z.object({ reference: z.string().trim().max(200).optional(), submittedAt: z.iso.datetime().optional() }),
      response: answers({ 200: bodies.preservation }, changes),
    },
    preValidation: guard(deps, csrf, 'targetTasks'),
  }, async (request) => {
    // After REMOVED the profile's watch holds the preservation clock.
    const status = await memberTarget(request.params.target, actorOf(request), "extend this target's preservation");
    if (!status.profile?.preservation) throw new TakedownError('WRONG_STATE', `${request.params.target} has no preservation to extend`);
    const holder = status.stage === 'REMOVED' && status.profile?.watchWorkflowId ? client.workflow.getHandle(status.profile.watchWorkflowId) : handleOf(request.params.target);
    return holder.executeUpdate(extendPreservationUpdate, { args: [{ actor: actorOf(request), ...request.body }] });
  });
}
