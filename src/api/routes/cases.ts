import { z } from 'zod';
import { casePackageSchema } from '../../../domain/case-package';
import { workflowIds } from '../../../domain/ids';
import { mayReadCase } from '../../../domain/membership';
import { amendPackageUpdate, reopenReviewUpdate, setCaseMembershipUpdate, submitForReviewUpdate } from '../../../domain/case';
import { caseStages } from '../../../domain/stages';
import { actorOf, guard } from '../auth';
import { caseHandle, caseStatus, reviewStatus } from '../cases/handles';
import { openCase, openCaseBody, teamField } from '../cases/open-case';
import { listCases } from '../temporal/visibility';
import { caseIdParams, caseStageList, filterValue, limit } from '../schemas';
import { memberCasesClause, missingWorkflow, requireCaseMember } from '../membership';
import { asReadableBy } from '../sealed';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes, reads, signedIn } from '../contract/responses';

/** Opening, reading and preparing a case: what an agent does before and between review rounds. */
export function caseRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/cases', {
    schema: {
      tags: ['cases'], summary: 'Open a case: starts its workflow and one workflow per target',
      body: openCaseBody, response: answers({ 201: bodies.caseOpened }, [...signedIn, 409, 422, 503]),
    },
    preValidation: guard(deps, csrf, 'openCase'),
  }, async (request, reply) => {
    return reply.code(201).send(await openCase(deps, actorOf(request), request.body));
  });

  app.get('/api/cases', {
    schema: {
      tags: ['cases'], summary: 'List cases (review queue: stage=IN_REVIEW; mine=true: cases I opened)',
      querystring: z.object({
        stage: caseStageList.describe(`case stages: ${caseStages.join(', ')}`),
        operation: filterValue.optional(), mine: z.enum(['true', 'false']).optional(), limit,
      }),
      response: answers({ 200: bodies.caseList }, [...signedIn, 503]),
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
    schema: {
      tags: ['cases'], summary: "A case's status: package versions, review rounds, decisions, warrants, targets, notices, timeline, and findings (failed evidence, hand-entered registrations)",
      params: caseIdParams, response: answers({ 200: bodies.caseStatus }, reads),
    },
    preValidation: guard(deps, csrf, 'viewCases'),
  }, async (request) => {
    const status = await caseStatus(client, request.params.caseId);
    const actor = actorOf(request);
    // A non-member is answered as if the case were not there (src/api/membership.ts).
    if (!mayReadCase(actor, status)) throw missingWorkflow(workflowIds.case(request.params.caseId));
    // Beside the package, what counsel must see: evidence that failed, registrations entered by hand and by whom.
    // A sealed warrant's court, judge and docket only for those who may read them (src/api/sealed.ts).
    const sealed = status.warrants.filter((w) => w.warrant.sealed).map((w) => w.warrant);
    return asReadableBy(client, actor, status.caseId, { ...status, review: await reviewStatus(client, status) }, sealed, status);
  });

  app.put('/api/cases/:caseId/package', {
    schema: {
      tags: ['cases'], summary: 'Amend the package: a new version (and a new review round if it was in review)',
      params: caseIdParams,
      body: z.object({ package: casePackageSchema, note: z.string().min(3, 'say what the amendment changes').max(2000) }),
      response: answers({ 200: bodies.packageVersion }, changes),
    },
    preValidation: guard(deps, csrf, 'amendPackage'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'amend this case');
    return caseHandle(client, request.params.caseId).executeUpdate(amendPackageUpdate, { args: [{ actor: actorOf(request), package: request.body.package, note: request.body.note }] });
  });

  app.post('/api/cases/:caseId/submit', {
    schema: {
      tags: ['cases'], summary: 'Submit the current package version for legal review',
      params: caseIdParams, response: answers({ 200: bodies.reviewRound }, changes),
    },
    preValidation: guard(deps, csrf, 'submitForReview'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'submit this case for review');
    return caseHandle(client, request.params.caseId).executeUpdate(submitForReviewUpdate, { args: [{ actor: actorOf(request) }] });
  });

  app.post('/api/cases/:caseId/reopen', {
    schema: {
      tags: ['cases'], summary: 'Reopen a review that expired: a new round on the current version',
      params: caseIdParams, body: z.object({ reason: z.string().min(3, 'say why the review is reopened').max(2000) }),
      response: answers({ 200: bodies.reviewRound }, changes),
    },
    preValidation: guard(deps, csrf, 'reopenReview'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, "reopen this case's review");
    return caseHandle(client, request.params.caseId).executeUpdate(reopenReviewUpdate, { args: [{ actor: actorOf(request), reason: request.body.reason }] });
  });

  app.put('/api/cases/:caseId/membership', {
    schema: {
      tags: ['cases'], summary: "Set the case's owning team and/or assign its counsel (counsel: null un-assigns); coordinators and supervisors", params: caseIdParams,
      body: z.object({ team: teamField.optional(), counsel: teamField.nullable().optional() }),
      response: answers({ 200: bodies.caseMembership }, changes),
    },
    preValidation: guard(deps, csrf, 'setCaseMembership'),
  }, async (request) => caseHandle(client, request.params.caseId).executeUpdate(setCaseMembershipUpdate, { args: [{ actor: actorOf(request), ...request.body }] }));
}
