import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import { casePackageSchema } from '../../../domain/case-package';
import { checkClockSettings } from '../../../domain/clock-bounds';
import { TakedownError } from '../../../domain/errors';
import { workflowIds } from '../../../domain/ids';
import { requireMember, teamPattern } from '../../../domain/membership';
import { amendPackageUpdate, reopenReviewUpdate, setCaseMembershipUpdate, submitForReviewUpdate } from '../../../domain/messages';
import { caseStages } from '../../../domain/stages';
import { normalizeTarget } from '../../../domain/targets';
import type { caseWorkflow } from '../../../workflows/case';
import { actorOf, guard } from '../auth';
import { caseHandle, caseStatus, reviewStatus } from '../cases/handles';
import { listCases } from '../temporal/visibility';
import { caseClocks, caseIdParams, caseStageList, limit } from '../schemas';
import { memberCasesClause, requireCaseMember, teamOfNewCase } from '../membership';
import { asReadableBy } from '../sealed';
import type { Api, RouteContext } from '../types';

const teamField = z.string().regex(teamPattern, { error: '1 to 100 letters, digits, spaces or . _ @ : / -, starting with a letter or digit' });
const openCaseBody = casePackageSchema.extend({
  settings: caseClocks,
  team: teamField.optional().describe("the owning team: the opener's own (an agent may name no other); coordinators and supervisors may name any"),
  counsel: teamField.optional().describe("the assigned counsel's person ID (the sign-in's subject, e.g. okafor); a coordinator or supervisor may change it later"),
});

/**
 * A case none of whose lines is a target would open, close at once and use up its ID for ever; it is
 * refused here instead, with every line's refusal, and nothing is started. (One good line is enough:
 * the case reports the other lines as refused, as it always has.)
 */
function refuseIfNoTarget(targets: string[]): void {
  const refusals = targets.map((input) => normalizeTarget(input)).map((result) => (result.ok ? undefined : result.error));
  if (refusals.some((r) => r === undefined)) return;
  const fields = Object.fromEntries(refusals.map((r, i) => [`targets.${i}`, [`${r!.code}: ${r!.message}`]]));
  throw new TakedownError('VALIDATION_FAILED', `every target was refused, so the case was not opened (its ID stays free): ${refusals.map((r, i) => `"${targets[i]}": ${r!.message}`).join('; ')}`, fields);
}

/** Opening, reading and preparing a case: what an agent does before and between review rounds. */
export function caseRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/cases', {
    schema: { tags: ['cases'], summary: 'Open a case: starts its workflow and one workflow per target', body: openCaseBody },
    preValidation: guard(deps, csrf, 'openCase'),
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { settings, team: askedTeam, counsel, ...pkg } = request.body;
    const team = teamOfNewCase(actor, askedTeam);
    checkClockSettings(actor, settings, deps.settings);
    refuseIfNoTarget(pkg.targets);
    const workflowId = workflowIds.case(pkg.caseId);
    // Started by name with the workflow's type only: the API never loads workflow code.
    await client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: deps.settings.taskQueue,
      workflowId,
      // A case ID names one case for ever, even after it has closed.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ package: pkg, openedBy: actor, settings, team, counsel }],
      memo: { title: pkg.title, openedBy: { id: actor.id, name: actor.name } },
    });
    return reply.code(201).send({ caseId: pkg.caseId, workflowId });
  });

  app.get('/api/cases', {
    schema: {
      tags: ['cases'], summary: 'List cases (review queue: stage=IN_REVIEW; mine=true: cases I opened)',
      querystring: z.object({ stage: caseStageList.describe(`case stages: ${caseStages.join(', ')}`), operation: z.string().max(200).optional(), mine: z.enum(['true', 'false']).optional(), limit }),
    },
    preValidation: guard(deps, csrf, 'viewCases'),
  }, async (request) => {
    const actor = actorOf(request);
    // Only the person's own cases (their team's, and those they are assigned to), narrowed in the query itself.
    const member = memberCasesClause(actor);
    if (member === null) return { cases: [] };
    const rows = await listCases(client, { stage: request.query.stage, operationId: request.query.operation, member }, request.query.limit);
    return { cases: request.query.mine === 'true' ? rows.filter((row) => row.openedBy?.id === actor.id) : rows };
  });

  app.get('/api/cases/:caseId', {
    schema: { tags: ['cases'], summary: "A case's status: package versions, review rounds, decisions, warrants, targets, notices, timeline, and findings (failed evidence, hand-entered registrations)", params: caseIdParams },
    preValidation: guard(deps, csrf, 'viewCases'),
  }, async (request) => {
    const status = await caseStatus(client, request.params.caseId);
    const actor = actorOf(request);
    requireMember(actor, status.caseId, status, 'see this case');
    // Beside the package, what counsel must see: evidence that failed, registrations entered by hand and by whom.
    // A sealed warrant's court, judge and docket only for those who may read them (src/api/sealed.ts).
    const sealed = status.warrants.filter((w) => w.warrant.sealed).map((w) => w.warrant);
    return asReadableBy(client, actor, status.caseId, { ...status, review: await reviewStatus(client, status) }, sealed, status);
  });

  app.put('/api/cases/:caseId/package', {
    schema: { tags: ['cases'], summary: 'Amend the package: a new version (and a new review round if it was in review)', params: caseIdParams, body: z.object({ package: casePackageSchema, note: z.string().min(3, 'say what the amendment changes').max(2000) }) },
    preValidation: guard(deps, csrf, 'amendPackage'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'amend this case');
    return caseHandle(client, request.params.caseId).executeUpdate(amendPackageUpdate, { args: [{ actor: actorOf(request), package: request.body.package, note: request.body.note }] });
  });

  app.post('/api/cases/:caseId/submit', {
    schema: { tags: ['cases'], summary: 'Submit the current package version for legal review', params: caseIdParams },
    preValidation: guard(deps, csrf, 'submitForReview'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'submit this case for review');
    return caseHandle(client, request.params.caseId).executeUpdate(submitForReviewUpdate, { args: [{ actor: actorOf(request) }] });
  });

  app.post('/api/cases/:caseId/reopen', {
    schema: { tags: ['cases'], summary: 'Reopen a review that expired: a new round on the current version', params: caseIdParams, body: z.object({ reason: z.string().min(3, 'say why the review is reopened').max(2000) }) },
    preValidation: guard(deps, csrf, 'reopenReview'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, "reopen this case's review");
    return caseHandle(client, request.params.caseId).executeUpdate(reopenReviewUpdate, { args: [{ actor: actorOf(request), reason: request.body.reason }] });
  });

  app.put('/api/cases/:caseId/membership', {
    schema: {
      tags: ['cases'], summary: "Set the case's owning team and/or assign its counsel (counsel: null un-assigns); coordinators and supervisors", params: caseIdParams,
      body: z.object({ team: teamField.optional(), counsel: teamField.nullable().optional() }),
    },
    preValidation: guard(deps, csrf, 'setCaseMembership'),
  }, async (request) => caseHandle(client, request.params.caseId).executeUpdate(setCaseMembershipUpdate, { args: [{ actor: actorOf(request), ...request.body }] }));
}
