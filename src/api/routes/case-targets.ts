import { z } from 'zod';
import { defaultTargetsPage, maxTargetsPage } from '../../../domain/case-view';
import { TakedownError } from '../../../domain/errors';
import { withdrawTargetUpdate } from '../../../domain/case';
import { actorOf, guard } from '../auth';
import { addTargets } from '../cases/add-targets';
import { caseHandle, caseTargets } from '../cases/handles';
import { maxImportRows, parseImport } from '../cases/import-rows';
import { requireCaseMember } from '../membership';
import { caseIdParams } from '../schemas';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, changes, reads } from '../contract/responses';

/** Adding targets to a case (one, a list, or a file) and withdrawing one. */
export function caseTargetRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/cases/:caseId/targets', {
    schema: {
      tags: ['targets'], summary: "A page of the case's targets in full: registration and evidence beside each one's stage (the case's own page lists them by name)", params: caseIdParams,
      querystring: z.object({
        offset: z.coerce.number().int().min(0).default(0).describe('how many targets to skip, in the order they were added'),
        limit: z.coerce.number().int().min(1).max(maxTargetsPage).default(defaultTargetsPage),
        key: z.string().max(20_000).optional().describe('comma-separated target keys: only these (offset and limit then play no part)'),
      }),
      response: answers({ 200: bodies.targetsPage }, reads),
    },
    preValidation: guard(deps, csrf, 'viewCases'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, 'see this case');
    const { offset, limit, key } = request.query;
    const keys = key?.split(',').map((k) => k.trim()).filter(Boolean);
    if (keys && keys.length > maxTargetsPage) throw new TakedownError('VALIDATION_FAILED', `key: at most ${maxTargetsPage} targets at a time (${keys.length} given)`);
    const page = await caseTargets(client, request.params.caseId, keys ? { keys } : { offset, limit });
    return { ...page, limit: keys ? keys.length : limit };
  });

  app.post('/api/cases/:caseId/targets', {
    schema: {
      tags: ['targets'], summary: 'Add targets as pasted; answers one report row per target (started, refused or duplicate)', params: caseIdParams,
      body: z.object({ targets: z.array(z.string().max(2048)).min(1, 'add at least one target').max(maxImportRows) }),
      response: answers({ 200: bodies.importReport }, changes),
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
      response: answers({ 200: bodies.importReport }, changes),
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
      response: answers({ 200: bodies.withdrawn }, changes),
    },
    preValidation: guard(deps, csrf, 'withdrawTarget'),
  }, async (request) => {
    await requireCaseMember(client, actorOf(request), request.params.caseId, "withdraw this case's targets");
    return caseHandle(client, request.params.caseId).executeUpdate(withdrawTargetUpdate, { args: [{ actor: actorOf(request), target: request.params.target, reason: request.body.reason }] });
  });
}
