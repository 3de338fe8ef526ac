import { z } from 'zod';
import { withdrawTargetUpdate } from '../../../domain/messages';
import { actorOf, guard } from '../auth';
import { addTargets } from '../cases/add-targets';
import { caseHandle } from '../cases/handles';
import { maxImportRows, parseImport } from '../cases/import-rows';
import { requireCaseMember } from '../membership';
import { caseIdParams } from '../schemas';
import type { Api, RouteContext } from '../types';

/** Adding targets to a case (one, a list, or a file) and withdrawing one. */
export function caseTargetRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.post('/api/cases/:caseId/targets', {
    schema: {
      tags: ['targets'], summary: 'Add targets as pasted; answers one report row per target (started, refused or duplicate)', params: caseIdParams,
      body: z.object({ targets: z.array(z.string().max(2048)).min(1, 'add at least one target').max(maxImportRows) }),
    },
    preValidation: guard(deps, csrf, 'addTargets'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'add targets to this case');
    return addTargets(caseHandle(client, request.params.caseId), actorOf(request), request.body.targets.map((input, i) => ({ line: i + 1, input })));
  });

  app.post('/api/cases/:caseId/targets/import', {
    schema: {
      tags: ['targets'], summary: 'Import targets from a CSV or JSON file; every row started or refused with its reason', params: caseIdParams,
      body: z.object({ format: z.enum(['csv', 'json']), content: z.string().min(1, 'the file is empty') }),
    },
    // The file is bounded by the body limit, and each of its rows by parseImport.
    config: { longText: ['content'] },
    preValidation: guard(deps, csrf, 'addTargets'),
  }, async (request) => {
    // The file is read first: a malformed one is refused for what it is, engine or not.
    const rows = parseImport(request.body.format, request.body.content);
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'add targets to this case');
    return addTargets(caseHandle(client, request.params.caseId), actorOf(request), rows);
  });

  app.post('/api/cases/:caseId/targets/:target/withdraw', {
    schema: {
      tags: ['targets'], summary: 'Withdraw a target: before its notice it ends WITHDRAWN, after it the domain is released',
      params: caseIdParams.extend({ target: z.string().min(1).max(300).describe('the target key: a domain, or platform:handle') }),
      body: z.object({ reason: z.string().min(3, 'a withdrawal needs a reason').max(2000) }),
    },
    preValidation: guard(deps, csrf, 'withdrawTarget'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, "withdraw this case's targets");
    return caseHandle(client, request.params.caseId).executeUpdate(withdrawTargetUpdate, { args: [{ actor: actorOf(request), target: request.params.target, reason: request.body.reason }] });
  });
}
