import type { CaseStatusView as CaseStatus } from '../../../domain/case-view';
import { disseminationOutcomes, type DisseminationOutcome } from '../../../domain/dissemination';
import { leadSources, type LeadSource } from '../../../domain/leads';
import { outreachKinds } from '../../../domain/outreach';
import type { Dissemination } from '../leads/disseminations';
import type { Lead } from '../leads/store';
import type { OutreachEvent, OutreachOutcome } from '../outreach/store';
import type { CaseRow, CustodyRow, TargetRow } from '../temporal/visibility';
import { responseTimes, type ResponseTimes } from './compute';
import { csvField } from './report';

/**
 * The strategy's report for a chosen period (issue 16, item 5): what was seized, forfeited, returned and
 * removed; how long seizures took (a distribution); how fast registrars, registries and platforms answered;
 * the banners' reach; leads from receipt to dissemination and the outcomes recorded; outreach and its outcomes.
 * Pure: the route gathers the records (Temporal visibility, case statuses, takedown.db) and this counts them.
 */
export interface Period {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface PeriodReport {
  period: Period;
  generatedAt: string;
  domains: { seized: number; forfeited: number; returned: number };
  profiles: { removed: number };
  /**
   * Payment accounts: the system records termination notices to processors and each processor's confirmation
   * that it acted, per notice; it does not record each merchant account's termination, so none is counted.
   */
  payments: { noticesSent: number; confirmedActioned: number; accountsTerminated: null; note: string };
  timeToSeizure: { count: number; medianHours?: number; p90Hours?: number; maxHours?: number; buckets: { label: string; count: number }[] };
  responseTimes: ResponseTimes[];
  banner: { hits: number; tips: number };
  leads: {
    received: number;
    bySource: Record<LeadSource, number>;
    triaged: number;
    actioned: number;
    /** Leads disseminated in the period (each once, however many recipients), and case findings disseminated. */
    disseminated: number;
    caseFindingsDisseminated: number;
    /** The outcomes recorded for the disseminations made in the period; `none-yet` where none is. */
    outcomes: Record<DisseminationOutcome | 'none-yet', number>;
  };
  outreach: { events: number; byKind: Record<string, number>; attendance: number; outcomes: number; outcomesByKind: Record<string, number> };
  /**
   * Notices (response times, payment notices) are counted from the records of the cases open in the period; a
   * case whose record did not answer in time is not in them, and is counted here so the report never looks
   * complete when it is not.
   */
  completeness: { unreadCases: number; note?: string };
}

export interface PeriodRecords {
  targets: TargetRow[];
  cases: CaseRow[];
  custody: CustodyRow[];
  statuses: CaseStatus[];
  /** Cases open in the period whose record could not be read in time. */
  unreadCases: number;
  banner: { hits: number; tips: number };
  /** Leads received or changed since the period began. */
  leads: Lead[];
  disseminations: Dissemination[];
  events: OutreachEvent[];
  eventOutcomes: OutreachOutcome[];
}

/** Where each seizure's duration falls (hours from the case's opening to SEIZED). */
export const seizureBuckets = [
  { label: 'under 1 day', under: 24 },
  { label: '1 to 3 days', under: 72 },
  { label: '3 to 7 days', under: 168 },
  { label: '7 to 30 days', under: 720 },
  { label: '30 days or more', under: Infinity },
] as const;

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const round1 = (value: number) => Math.round(value * 10) / 10;
function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return round1(sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low));
}
const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** [start, end) as ISO instants: the first day's midnight (UTC) to the midnight after the last day. */
export function periodBounds(period: Period): { start: string; end: string } {
  const end = new Date(`${period.to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: `${period.from}T00:00:00.000Z`, end: end.toISOString() };
}

export function computePeriodReport(period: Period, records: PeriodRecords, now = new Date()): PeriodReport {
  const { start, end } = periodBounds(period);
  const within = (at: string | undefined) => at !== undefined && at >= start && at < end;
  const { targets, cases, custody, statuses } = records;

  // Seizure is when the custody record starts; forfeiture and return are where it ends.
  const ended = (stage: string) => custody.filter((c) => c.stage === stage && within(c.closedAt)).length;
  const caseOpened = new Map(cases.map((c) => [c.caseId, c.startedAt]));
  const seizures = targets.filter((t) => t.kind !== 'profile' && t.stage === 'SEIZED' && within(t.closedAt));
  const durations = seizures.map((t) => hours((t.caseId && caseOpened.get(t.caseId)) || t.startedAt, t.closedAt!));

  // Notices of the period: sent in it; their answers whenever they came.
  const periodStatuses = statuses.map((s) => ({ ...s, notices: s.notices.filter((n) => within(n.sentAt)) }));
  const paymentNotices = periodStatuses.flatMap((s) => s.notices.filter((n) => n.kind === 'payment-notice' && !n.follows).map((n) => ({ n, s })));

  const leadsReceived = records.leads.filter((l) => within(l.receivedAt));
  const changedTo = (lead: Lead, action: string) => lead.history.some((h) => h.action === action && within(h.at));
  const periodDisseminations = records.disseminations.filter((d) => within(d.createdAt));
  const outcomes = { ...zeroes(disseminationOutcomes), 'none-yet': 0 } as PeriodReport['leads']['outcomes'];
  for (const d of periodDisseminations) outcomes[d.outcome?.outcome ?? 'none-yet'] += 1;

  const events = records.events.filter((e) => e.date >= period.from && e.date <= period.to);
  const eventOutcomes = records.eventOutcomes.filter((o) => o.date >= period.from && o.date <= period.to);
  const tally = <T>(items: T[], key: (item: T) => string, keys: readonly string[] = []) => items.reduce<Record<string, number>>((acc, item) => ((acc[key(item)] = (acc[key(item)] ?? 0) + 1), acc), zeroes(keys));

  return {
    period,
    generatedAt: now.toISOString(),
    domains: { seized: custody.filter((c) => within(c.startedAt)).length, forfeited: ended('FORFEITED'), returned: ended('RELEASED') },
    profiles: { removed: targets.filter((t) => t.kind === 'profile' && t.stage === 'REMOVED' && within(t.closedAt)).length },
    payments: {
      noticesSent: paymentNotices.length,
      confirmedActioned: paymentNotices.filter(({ n, s }) => s.acknowledgements.some((a) => a.kind === 'actioned' && (a.noticeId === n.noticeId || a.noticeId.startsWith(`${n.noticeId}/`)))).length,
      accountsTerminated: null,
      note: 'Payment accounts terminated are not recorded per account: the system records termination notices to processors and their confirmation that they acted, counted here per notice.',
    },
    timeToSeizure: {
      count: durations.length, medianHours: quantile(durations, 0.5), p90Hours: quantile(durations, 0.9), maxHours: durations.length ? round1(Math.max(...durations)) : undefined,
      buckets: seizureBuckets.map((b, i) => ({ label: b.label, count: durations.filter((h) => h < b.under && (i === 0 || h >= seizureBuckets[i - 1]!.under)).length })),
    },
    responseTimes: responseTimes(periodStatuses, now),
    banner: records.banner,
    leads: {
      received: leadsReceived.length,
      bySource: { ...zeroes(leadSources), ...tally(leadsReceived, (l) => l.source) } as Record<LeadSource, number>,
      triaged: records.leads.filter((l) => changedTo(l, 'triaged')).length,
      actioned: records.leads.filter((l) => changedTo(l, 'targets')).length,
      disseminated: new Set(periodDisseminations.filter((d) => d.leadId).map((d) => d.leadId)).size,
      caseFindingsDisseminated: periodDisseminations.filter((d) => d.caseId).length,
      outcomes,
    },
    outreach: {
      events: events.length, byKind: tally(events, (e) => e.kind, outreachKinds), attendance: events.reduce((n, e) => n + e.attendance, 0),
      outcomes: eventOutcomes.length, outcomesByKind: tally(eventOutcomes, (o) => o.kind),
    },
    completeness: records.unreadCases === 0 ? { unreadCases: 0 } : {
      unreadCases: records.unreadCases,
      note: `${records.unreadCases} case${records.unreadCases === 1 ? '' : 's'} open in the period did not answer in time: their notices are not in the response times or payment notices. Generate the report again once their workers run.`,
    },
  };
}

/** The report as CSV rows (section, measure, value): one line per number, so a spreadsheet sums and charts them. */
export function periodCsv(report: PeriodReport): string {
  const rows: [string, string, string | number][] = [
    ['period', 'from', report.period.from], ['period', 'to', report.period.to], ['period', 'generated at', report.generatedAt],
    ['domains', 'seized', report.domains.seized], ['domains', 'forfeited', report.domains.forfeited], ['domains', 'returned', report.domains.returned],
    ['profiles', 'removed', report.profiles.removed],
    ['payments', 'termination notices sent', report.payments.noticesSent], ['payments', 'termination notices confirmed actioned', report.payments.confirmedActioned],
    ['payments', 'accounts terminated', 'not recorded'],
    ['time to seizure', 'seizures', report.timeToSeizure.count], ['time to seizure', 'median hours', report.timeToSeizure.medianHours ?? ''],
    ['time to seizure', '90th percentile hours', report.timeToSeizure.p90Hours ?? ''], ['time to seizure', 'max hours', report.timeToSeizure.maxHours ?? ''],
    ...report.timeToSeizure.buckets.map((b): [string, string, number] => ['time to seizure', b.label, b.count]),
    ...report.responseTimes.flatMap((r): [string, string, string | number][] => [
      ['response times', `${r.party} ${r.name}: notices`, r.notices], ['response times', `${r.party} ${r.name}: acknowledged`, r.acknowledged],
      ['response times', `${r.party} ${r.name}: median hours`, r.medianHours ?? ''], ['response times', `${r.party} ${r.name}: past deadline`, r.breaches],
    ]),
    ['banner', 'hits', report.banner.hits], ['banner', 'tips', report.banner.tips],
    ['leads', 'received', report.leads.received],
    ...Object.entries(report.leads.bySource).map(([source, n]): [string, string, number] => ['leads', `received from ${source}`, n]),
    ['leads', 'triaged', report.leads.triaged], ['leads', 'actioned', report.leads.actioned], ['leads', 'disseminated', report.leads.disseminated],
    ['leads', 'case findings disseminated', report.leads.caseFindingsDisseminated],
    ...Object.entries(report.leads.outcomes).map(([outcome, n]): [string, string, number] => ['dissemination outcomes', outcome, n]),
    ['outreach', 'events', report.outreach.events],
    ...Object.entries(report.outreach.byKind).map(([kind, n]): [string, string, number] => ['outreach', `${kind} events`, n]),
    ['outreach', 'attendance', report.outreach.attendance], ['outreach', 'outcomes', report.outreach.outcomes],
    ...Object.entries(report.outreach.outcomesByKind).map(([kind, n]): [string, string, number] => ['outreach outcomes', kind, n]),
    ['completeness', 'cases not read in time', report.completeness.unreadCases],
  ];
  return `${['section,measure,value', ...rows.map((r) => r.map(csvField).join(','))].join('\r\n')}\r\n`;
}
