import { legalDecisionSchema } from '../../../domain/decisions';
import { workflowIds } from '../../../domain/ids';
import { mayReadCase } from '../../../domain/membership';
import { caseStatusQuery, recordWarrantUpdate } from '../../../domain/case';
import { decideLegalReviewUpdate } from '../../../domain/review';
import { checkWarrantDates, warrantSchema } from '../../../domain/warrant';
import { actorOf, guard } from '../auth';
import { caseHandle, openRound } from '../cases/handles';
import { missingWorkflow, requireCaseMember } from '../membership';
import { caseIdParams } from '../schemas';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes } from '../contract/responses';

/** Counsel's actions: decide the open review round, record the seizure warrant. */
export function reviewRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/cases/:caseId/decision', {
    schema: {
      tags: ['review'], summary: 'Decide the open review round: approve (optionally excluding targets), reject, or request changes',
      params: caseIdParams, body: legalDecisionSchema, response: answers({ 200: bodies.decision }, changes),
    },
    preValidation: guard(deps, csrf, 'decide'),
  }, async (request) => {
    // The decision belongs to the round's own workflow, whose ID the case status names (the case's answer as it
    // holds it: the targets' current stages, read through visibility for the page, play no part here).
    const status = await caseHandle(client, request.params.caseId).query(caseStatusQuery);
    // A non-member (counsel of another team) is answered as if the case were not there (src/api/membership.ts).
    if (!mayReadCase(actorOf(request), status)) throw missingWorkflow(workflowIds.case(request.params.caseId));
    const round = openRound(status);
    return client.workflow.getHandle(round.workflowId).executeUpdate(decideLegalReviewUpdate, { args: [{ actor: actorOf(request), decision: request.body }] });
  });

  app.post('/api/cases/:caseId/warrants', {
    schema: {
      tags: ['review'], summary: 'Record the seizure warrant; it lists the approved targets it covers',
      params: caseIdParams, body: warrantSchema, response: answers({ 201: bodies.warrantRecorded }, changes),
    },
    preValidation: guard(deps, csrf, 'recordWarrant'),
  }, async (request, reply) => {
    // A future-dated warrant is refused before it reaches the case (whose validator checks it again, with the author rule).
    await requireCaseMember(client, actorOf(request), request.params.caseId, "record this case's warrant");
    checkWarrantDates(request.body, Date.now());
    const record = await caseHandle(client, request.params.caseId).executeUpdate(recordWarrantUpdate, { args: [{ actor: actorOf(request), warrant: request.body }] });
    return reply.code(201).send(record);
  });
}
