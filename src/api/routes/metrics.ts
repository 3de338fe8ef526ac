import { z } from 'zod';
import type { CaseStatusView as CaseStatus } from '../../../domain/case-view';
import { guard } from '../auth';
import { caseStatus } from '../cases/handles';
import { computeMetrics } from '../metrics/compute';
import { engineAttention } from '../metrics/engine-attention';
import { toCsv, withCustody } from '../metrics/report';
import { listCases, listCustody, listTargets } from '../temporal/visibility';
import { targetFilterQuery, toTargetFilter } from '../schemas';
import type { Api, RouteContext } from '../types';

/** How long one case's status may take before the metrics go on without it. */
const statusDeadlineMs = 3000;

/** Case statuses are read a few at a time, so a dashboard refresh does not flood the engine. */
async function readStatuses(read: (caseId: string) => Promise<CaseStatus>, caseIds: string[], concurrency = 8): Promise<{ statuses: CaseStatus[]; unreadable: number }> {
  const statuses: CaseStatus[] = [];
  let unreadable = 0;
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, caseIds.length) }, async () => {
    while (next < caseIds.length) {
      const caseId = caseIds[next++]!;
      await read(caseId).then((s) => statuses.push(s), () => (unreadable += 1));
    }
  }));
  return { statuses, unreadable };
}

/** The coordinator's numbers and the exportable report. */
export function metricsRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/metrics', {
    schema: {
      tags: ['metrics'], summary: 'Targets by stage and outcome, what needs a person and what has stalled (from Temporal itself), time to seizure, deadlines near and breached, response times per registrar/registry/platform, escalations',
      querystring: z.object({ operation: z.string().max(200).optional(), case: z.string().max(200).optional() }),
    },
    preValidation: guard(deps, csrf, 'viewMetrics'),
  }, async (request) => {
    const { operation, case: caseId } = request.query;
    const [targets, cases, seized, attention] = await Promise.all([
      listTargets(client, { operationId: operation, caseId }, 5000),
      listCases(client, { operationId: operation }, 1000).then((rows) => (caseId ? rows.filter((r) => r.caseId === caseId) : rows)),
      listCustody(client, { caseId }, 5000),
      // Needs a person and stalled as Temporal records them (Failed, TimedOut, Terminated runs included).
      engineAttention(client, { caseId, operationId: operation }),
    ]);
    // A case whose worker does not answer in time counts as unreadable rather than holding the dashboard up.
    const { statuses, unreadable } = await readStatuses((id) => client.withDeadline(Date.now() + statusDeadlineMs, () => caseStatus(client, id)), cases.map((c) => c.caseId));
    // With a filter, only the banners of the targets it selects count.
    const keys = new Set(targets.map((t) => t.key));
    const banner = deps.banner.perDomain().filter((d) => (!operation && !caseId) || keys.has(d.domain));
    // Custody carries no operation: with an operation filter, the domains of the targets it selects.
    const custody = operation ? seized.filter((c) => keys.has(c.domain)) : seized;
    return { ...computeMetrics(targets, cases, statuses, unreadable, banner, custody), attention };
  });

  app.get('/api/tips', {
    schema: { tags: ['metrics'], summary: 'Tips from the public through the seizure banners (actionable leads), newest first', querystring: z.object({ domain: z.string().max(253).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
    preValidation: guard(deps, csrf, 'viewMetrics'),
  }, async (request) => ({ tips: deps.banner.tips({ domain: request.query.domain, limit: request.query.limit }) }));

  app.get('/api/report', {
    schema: { tags: ['metrics'], summary: 'Export targets with their stage, parties and deadlines as CSV or JSON', querystring: targetFilterQuery.extend({ format: z.enum(['csv', 'json']).default('json') }) },
    preValidation: guard(deps, csrf, 'exportReport'),
  }, async (request, reply) => {
    const filter = toTargetFilter(request.query);
    const [targets, custody] = await Promise.all([listTargets(client, filter, request.query.limit), listCustody(client, { caseId: filter.caseId }, 5000)]);
    const rows = withCustody(targets, custody);
    if (request.query.format === 'json') return { targets: rows };
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="takedown-report.csv"').send(toCsv(rows));
  });
}
