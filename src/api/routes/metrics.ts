import { z } from 'zod';
import { guard } from '../auth';
import { readCaseStatuses } from '../cases/read-statuses';
import { computeMetrics } from '../metrics/compute';
import { engineAttention } from '../metrics/engine-attention';
import { toCsv, withCustody } from '../metrics/report';
import { computePeriodReport, periodBounds, periodCsv } from '../metrics/period';
import { TakedownError } from '../../../domain/errors';
import { listCases, listCustody, listTargets } from '../temporal/visibility';
import { filterValue, targetFilterQuery, toTargetFilter } from '../schemas';
import type { Api, RouteContext } from '../types';
import * as bodies from '../contract/bodies';
import { answers, signedIn } from '../contract/responses';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as YYYY-MM-DD' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'not a calendar date' });

/** The coordinator's numbers and the exportable report. */
export function metricsRoutes(app: Api, { deps, csrf }: RouteContext): void {
  const { client } = deps;

  app.get('/api/metrics', {
    schema: {
      tags: ['metrics'], summary: 'Targets by stage and outcome, what needs a person and what has stalled (from Temporal itself), time to seizure, deadlines near and breached, response times per registrar/registry/platform, escalations',
      querystring: z.object({ operation: filterValue.optional(), case: filterValue.optional() }),
      response: answers({ 200: bodies.metrics }, [...signedIn, 503]),
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
    const { statuses, unreadable } = await readCaseStatuses(client, cases.map((c) => c.caseId));
    // With a filter, only the banners of the targets it selects count.
    const keys = new Set(targets.map((t) => t.key));
    const banner = deps.banner.perDomain().filter((d) => (!operation && !caseId) || keys.has(d.domain));
    // Custody carries no operation: with an operation filter, the domains of the targets it selects.
    const custody = operation ? seized.filter((c) => keys.has(c.domain)) : seized;
    return { ...computeMetrics(targets, cases, statuses, unreadable, banner, custody), attention };
  });

  app.get('/api/tips', {
    schema: {
      tags: ['metrics'], summary: 'Tips from the public through the seizure banners (actionable leads), newest first',
      querystring: z.object({ domain: z.string().max(253).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: answers({ 200: bodies.tips }, signedIn),
    },
    preValidation: guard(deps, csrf, 'viewMetrics'),
  }, async (request) => ({ tips: deps.banner.tips({ domain: request.query.domain, limit: request.query.limit }) }));

  app.get('/api/report/period', {
    schema: {
      tags: ['metrics'],
      summary: "The strategy's report for a period (first and last day, inclusive, UTC): domains seized, forfeited and returned; profiles removed; payment notices; time to seizure as a distribution; response times; banner hits and tips; leads by source, triaged, actioned, disseminated and their outcomes; outreach events, attendance and outcomes. JSON or CSV",
      querystring: z.object({ from: day, to: day, format: z.enum(['json', 'csv']).default('json') }),
      response: answers({ 200: bodies.jsonOrCsv(bodies.periodReport) }, [...signedIn, 503]),
    },
    preValidation: guard(deps, csrf, 'exportReport'),
  }, async (request, reply) => {
    const { from, to, format } = request.query;
    if (from > to) throw new TakedownError('VALIDATION_FAILED', `to: ${to} is before from (${from})`, { to: [`on or after ${from}`] });
    const { start, end } = periodBounds({ from, to });
    const [targets, cases, custody] = await Promise.all([listTargets(client, {}, 5000), listCases(client, {}, 1000), listCustody(client, {}, 5000)]);
    // Notices come from the records of the cases open in the period only; one that does not answer in time is counted as unread.
    const { statuses, unreadable } = await readCaseStatuses(client, (await listCases(client, { openDuring: { start, end } }, 1000)).map((c) => c.caseId));
    deps.leads.syncTips();
    const report = computePeriodReport({ from, to }, {
      targets, cases, custody, statuses, unreadCases: unreadable, banner: deps.banner.inPeriod(from, to, start, end),
      leads: deps.leads.touchedSince(start), disseminations: deps.disseminations.inPeriod(start, end),
      events: deps.outreach.list(from, '9999-12-31', 100_000), eventOutcomes: deps.outreach.outcomesIn(from, '9999-12-31'),
    });
    if (format === 'json') return report;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="takedown-report-${from}-to-${to}.csv"`).send(periodCsv(report));
  });

  app.get('/api/report', {
    schema: {
      tags: ['metrics'], summary: 'Export targets with their stage, parties and deadlines as CSV or JSON',
      querystring: targetFilterQuery.extend({ format: z.enum(['csv', 'json']).default('json') }),
      response: answers({ 200: bodies.jsonOrCsv(bodies.targetReport) }, [...signedIn, 503]),
    },
    preValidation: guard(deps, csrf, 'exportReport'),
  }, async (request, reply) => {
    const filter = toTargetFilter(request.query);
    const [targets, custody] = await Promise.all([listTargets(client, filter, request.query.limit), listCustody(client, { caseId: filter.caseId }, 5000)]);
    const rows = withCustody(targets, custody);
    if (request.query.format === 'json') return { targets: rows };
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="takedown-report.csv"').send(toCsv(rows));
  });
}
