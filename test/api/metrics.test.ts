import { caseStatusView } from '../../domain/case-view';
import type { CaseStatus } from '../../domain/case-status';
import { computeMetrics } from '../../src/api/metrics/compute';
import { toCsv, withCustody } from '../../src/api/metrics/report';
import type { CustodyRow, TargetRow } from '../../src/api/temporal/visibility';

const row = (key: string, stage: string, extra: Partial<TargetRow> = {}): TargetRow => ({ workflowId: `domain:${key}`, key, stage, running: true, startedAt: '2026-11-01T00:00:00.000Z', ...extra });
const actor = { id: 'system', name: 'Takedown', role: 'system' as const };

function caseWith(notices: CaseStatus['notices'], acknowledgements: CaseStatus['acknowledgements']): CaseStatus {
  const target = (key: string, registrar: string) => ({ key, workflowId: `domain:${key}`, target: { kind: 'domain' as const, input: key, domain: key, unicode: key, tld: 'com', warnings: [] }, stage: 'COMPLIANCE' as const, notices: [], registration: { registry: { name: 'VeriSign' }, registrar: { name: registrar }, nameservers: [] } as never });
  return {
    caseId: 'HSI-1', stage: 'EXECUTING', packageVersion: 1, packageVersions: [], openedBy: actor, authors: [], round: 1, rounds: [], decisions: [], warrants: [],
    targets: [target('a.com', 'Slow Names'), target('b.com', 'Fast Names')], notices, acknowledgements,
    timeline: [{ at: '2026-11-03T00:00:00.000Z', actor, action: 'escalated to the registry: no answer from the registrar in 24h' }, { at: '2026-11-02T00:00:00.000Z', actor, action: 'notice sent' }],
  };
}

test('counts by stage and outcome, time to seizure, deadlines, response times with breaches, escalations', () => {
  const targets = [
    row('a.com', 'COMPLIANCE', { deadlineState: 'BREACHED', registrar: 'Slow Names' }),
    row('b.com', 'VERIFICATION', { deadlineState: 'DUE_SOON' }),
    row('c.com', 'SEIZED', { running: false, closedAt: '2026-11-01T10:00:00.000Z' }),
    row('d.com', 'SEIZED', { running: false, closedAt: '2026-11-02T00:00:00.000Z' }),
    row('e.com', 'WITHDRAWN', { running: false, closedAt: '2026-11-01T01:00:00.000Z' }),
  ];
  const notice = (noticeId: string, covers: string, sentAt: string) => ({ noticeId, kind: 'registrar-notice' as const, to: ['abuse@x'], subject: 's', messageId: 'm', sentAt, covers: [covers] });
  const status = caseWith(
    [notice('n1', 'a.com', '2026-11-01T00:00:00.000Z'), notice('n2', 'b.com', '2026-11-01T00:00:00.000Z'), notice('n3', 'b.com', '2026-11-01T00:00:00.000Z')],
    [{ noticeId: 'n2', kind: 'received', by: { name: 'Desk' }, at: '2026-11-01T02:00:00.000Z' }, { noticeId: 'n3', kind: 'actioned', by: { name: 'Desk' }, at: '2026-11-01T04:00:00.000Z' }],
  );
  const custody = (domain: string, stage: string, extra: Partial<CustodyRow> = {}): CustodyRow => ({ domain, workflowId: `custody:${domain}`, stage, running: true, startedAt: '2026-11-02T00:00:00.000Z', ...extra });
  const seized = [
    custody('c.com', 'SEIZED', { deadlineState: 'DUE_SOON', deadlineAt: '2026-11-05T00:00:00.000Z' }),
    custody('d.com', 'RELEASING', { deadlineState: 'BREACHED', deadlineAt: '2026-11-02T12:00:00.000Z' }),
    custody('f.com', 'FORFEITED', { running: false, deadlineState: 'OK' }),
    custody('g.com', 'RELEASED', { running: false, deadlineState: 'BREACHED' }), // ended: its last state is history, not a deadline
  ];
  const metrics = computeMetrics(targets, [{ stage: 'EXECUTING' }], [caseStatusView(status)], 0, [{ domain: 'c.com', hits: 40, tips: 2 }], seized, new Date('2026-11-03T00:00:00.000Z'));
  expect(metrics.targets).toEqual({ total: 5, byStage: { COMPLIANCE: 1, VERIFICATION: 1, SEIZED: 2, WITHDRAWN: 1 }, byOutcome: { SEIZED: 2, WITHDRAWN: 1 } });
  expect(metrics.timeToSeizure).toEqual({ count: 2, medianHours: 17, maxHours: 24 });
  expect(metrics.deadlines.breached.map((t) => t.key)).toEqual(['a.com']);
  expect(metrics.deadlines.near.map((t) => t.key)).toEqual(['b.com']);
  // Slow Names never answered: 48 h past a 24 h clock. Fast Names answered in 2 h and 4 h.
  expect(metrics.responseTimes).toEqual([
    { party: 'registrar', name: 'Fast Names', notices: 2, acknowledged: 2, breaches: 0, medianHours: 3, maxHours: 4 },
    { party: 'registrar', name: 'Slow Names', notices: 1, acknowledged: 0, breaches: 1, medianHours: undefined, maxHours: undefined },
  ]);
  expect(metrics.escalations).toEqual([{ caseId: 'HSI-1', at: '2026-11-03T00:00:00.000Z', action: 'escalated to the registry: no answer from the registrar in 24h', by: 'Takedown' }]);
  expect(metrics.banner).toEqual({ hits: 40, tips: 2, domains: [{ domain: 'c.com', hits: 40, tips: 2 }] });
  // After seizure: in custody, being returned, forfeited, returned; the custody deadlines of running workflows.
  expect(metrics.custody).toMatchObject({ total: 4, byStage: { SEIZED: 1, RELEASING: 1, FORFEITED: 1, RELEASED: 1 } });
  expect(metrics.custody.near.map((c) => c.domain)).toEqual(['c.com']);
  expect(metrics.custody.breached.map((c) => c.domain)).toEqual(['d.com']);
});

test('the CSV report quotes what needs quoting and neutralises spreadsheet formulas', () => {
  const csv = toCsv([row('a.com', 'SEIZED', { registrar: 'Names, Inc. "Best"', caseId: '=HYPERLINK("x")' })]);
  const [header, line] = csv.split('\r\n');
  expect(header).toBe('workflowId,key,kind,caseId,operationId,stage,registrar,registry,tld,platform,deadlineState,deadlineAt,startedAt,closedAt,custodyStage,custodyDeadlineState,custodyDeadlineAt');
  expect(line).toBe(`domain:a.com,a.com,,"'=HYPERLINK(""x"")",,SEIZED,"Names, Inc. ""Best""",,,,,,2026-11-01T00:00:00.000Z,,,,`);
});

test('a field starting with a tab or a carriage return is neutralised like one starting with = + - @', () => {
  const values = ['\t=cmd|/C calc!A0', '\r=1+1', '+SUM(1)', '-2+3', '@SUM(A1)', '=1'];
  const csv = toCsv(values.map((registrar, i) => row(`d${i}.com`, 'SEIZED', { registrar })));
  const registrarColumn = (line: string) => line.split(',')[6]!;
  const lines = csv.split('\r\n').slice(1, 1 + values.length);
  expect(registrarColumn(lines[0]!)).toBe("'\t=cmd|/C calc!A0");
  expect(lines[1]).toContain(`"'\r=1+1"`);
  expect(lines.slice(2).map(registrarColumn)).toEqual(["'+SUM(1)", "'-2+3", "'@SUM(A1)", "'=1"]);
});

test('the report joins each seized domain to its custody; profiles and domains never seized have none', () => {
  const targets = [row('a.com', 'SEIZED', { kind: 'domain' }), row('b.com', 'WITHDRAWN', { kind: 'domain' }), { ...row('x:seller', 'REMOVED', { kind: 'profile' }), workflowId: 'profile:x:seller' }];
  const custody: CustodyRow[] = [
    { domain: 'a.com', workflowId: 'custody:a.com', stage: 'FORFEITED', deadlineState: 'OK', running: false, startedAt: '2026-11-02T00:00:00.000Z' },
    { domain: 'x:seller', workflowId: 'custody:x:seller', stage: 'SEIZED', running: true, startedAt: '2026-11-02T00:00:00.000Z' },
  ];
  const rows = withCustody(targets, custody);
  expect(rows.map((r) => [r.key, r.custodyStage])).toEqual([['a.com', 'FORFEITED'], ['b.com', undefined], ['x:seller', undefined]]);
  expect(toCsv(rows).split('\r\n')[1]).toMatch(/,FORFEITED,OK,$/);
});

test('targets by route: served on a US registry, asked through a partner agency abroad, or requested of a platform; each target once, follow-ups are no route', () => {
  const notice = (noticeId: string, kind: 'registry-order' | 'partner-request' | 'platform-request' | 'registrar-notice', covers: string[], follows?: string) => ({ noticeId, kind, to: ['x@example.org'], subject: 's', messageId: 'm', sentAt: '2026-11-01T00:00:00.000Z', covers, ...(follows ? { follows } : {}) });
  const status = caseWith([
    notice('o1', 'registry-order', ['a.com']), notice('p1', 'partner-request', ['b.co.uk', 'c.de']), notice('o1/renotice-1', 'registry-order', ['a.com'], 'o1'),
    notice('r1', 'registrar-notice', ['a.com']), notice('t1', 'platform-request', ['x:shop']),
  ], []);
  expect(computeMetrics([], [], [caseStatusView(status)], 0, [], []).routes).toEqual({ registry: 1, partner: 2, platform: 1 });
});
