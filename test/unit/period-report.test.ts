import type { CaseStatusView } from '../../domain/case-view';
import { computePeriodReport, periodBounds, periodCsv, type PeriodRecords } from '../../src/api/metrics/period';

const period = { from: '2026-10-01', to: '2026-12-31' };
const empty: PeriodRecords = { targets: [], cases: [], custody: [], statuses: [], unreadCases: 0, banner: { hits: 0, tips: 0 }, leads: [], disseminations: [], events: [], eventOutcomes: [] };
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3_600_000).toISOString();
const opened = '2026-11-01T00:00:00.000Z';

test('the period runs from the first day to the end of the last (UTC), both included', () => {
  expect(periodBounds(period)).toEqual({ start: '2026-10-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
});

test('seizures as a distribution from case opening: bucket edges, median, 90th percentile; only those closed in the period', () => {
  const seizedAfter = [2, 24, 30, 100, 200, 800];
  const targets = seizedAfter.map((h, i) => ({ workflowId: `domain:s${i}.com`, key: `s${i}.com`, kind: 'domain', stage: 'SEIZED', caseId: 'C-1', running: false, startedAt: hoursAfter(opened, 1), closedAt: hoursAfter(opened, h) }));
  const outside = { workflowId: 'domain:old.com', key: 'old.com', kind: 'domain', stage: 'SEIZED', caseId: 'C-1', running: false, startedAt: '2026-01-01T00:00:00.000Z', closedAt: '2026-01-02T00:00:00.000Z' };
  const removed = { workflowId: 'profile:x:y', key: 'x:y', kind: 'profile', stage: 'REMOVED', running: false, startedAt: opened, closedAt: hoursAfter(opened, 5) };
  const report = computePeriodReport(period, { ...empty, targets: [...targets, outside, removed], cases: [{ caseId: 'C-1', workflowId: 'case:C-1', running: true, startedAt: opened }] });
  // Durations count from the case's opening, not the target's start; exactly 24 hours is "1 to 3 days".
  expect(report.timeToSeizure.buckets.map((b) => b.count)).toEqual([1, 2, 1, 1, 1]);
  expect(report.timeToSeizure).toMatchObject({ count: 6, medianHours: 65, maxHours: 800 });
  expect(report.timeToSeizure.p90Hours).toBe(500);
  expect(report.profiles.removed).toBe(1);
});

test('custody: seized when its record starts, forfeited and returned when it ends so in the period', () => {
  const custody = [
    { domain: 'a.com', workflowId: 'custody:a.com', stage: 'SEIZED', running: true, startedAt: '2026-11-02T00:00:00.000Z' },
    { domain: 'b.com', workflowId: 'custody:b.com', stage: 'FORFEITED', running: false, startedAt: '2026-06-01T00:00:00.000Z', closedAt: '2026-12-31T23:59:59.000Z' },
    { domain: 'c.com', workflowId: 'custody:c.com', stage: 'RELEASED', running: false, startedAt: '2026-10-05T00:00:00.000Z', closedAt: '2026-10-20T00:00:00.000Z' },
    { domain: 'd.com', workflowId: 'custody:d.com', stage: 'FORFEITED', running: false, startedAt: '2026-01-01T00:00:00.000Z', closedAt: '2027-01-01T00:00:00.000Z' },
  ];
  expect(computePeriodReport(period, { ...empty, custody }).domains).toEqual({ seized: 2, forfeited: 1, returned: 1 });
});

test('payment notices sent in the period and those confirmed as actioned (also through a reminder); accounts are not counted', () => {
  const notice = (noticeId: string, sentAt: string, follows?: string) => ({ noticeId, kind: 'payment-notice' as const, to: ['le@visa.example'], subject: 's', messageId: 'm', sentAt, covers: ['shop.com'], ...(follows ? { follows } : {}) });
  const status = {
    caseId: 'C-1', targets: [], acknowledgements: [{ noticeId: 'C-1/w1/payment-visa/renotice-1', kind: 'actioned', by: { name: 'Visa LE' }, at: '2026-11-05T00:00:00.000Z' }],
    notices: [notice('C-1/w1/payment-visa', '2026-11-01T00:00:00.000Z'), notice('C-1/w1/payment-visa/renotice-1', '2026-11-04T00:00:00.000Z', 'C-1/w1/payment-visa'), notice('C-1/w1/payment-mc', '2026-11-01T00:00:00.000Z'), notice('C-0/w1/payment-visa', '2026-09-01T00:00:00.000Z')],
  } as unknown as CaseStatusView;
  const report = computePeriodReport(period, { ...empty, statuses: [status] });
  expect(report.payments).toMatchObject({ noticesSent: 2, confirmedActioned: 1, accountsTerminated: null });
  expect(periodCsv(report)).toContain('\r\npayments,accounts terminated,not recorded\r\n');
});

test('cases whose records did not answer are counted and named in the report and its CSV; none unread says nothing', () => {
  expect(computePeriodReport(period, empty).completeness).toEqual({ unreadCases: 0 });
  const partial = computePeriodReport(period, { ...empty, unreadCases: 3 });
  expect(partial.completeness).toEqual({ unreadCases: 3, note: expect.stringMatching(/^3 cases open in the period did not answer in time: their notices are not in the response times/) });
  expect(computePeriodReport(period, { ...empty, unreadCases: 1 }).completeness.note).toMatch(/^1 case open in the period did not/);
  expect(periodCsv(partial)).toContain('\r\ncompleteness,cases not read in time,3\r\n');
});
