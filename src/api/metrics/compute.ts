import type { CaseStatusView as CaseStatus } from '../../../domain/case-view';
import type { NoticeKind } from '../../../domain/notice-records';
import { terminalOutcomes } from '../../../domain/stages';
import type { CustodyRow, TargetRow } from '../temporal/visibility';
import type { BannerDomainStats } from './banner-stats';
import type { DeadlineState } from '../../../domain/search-attributes';

/** What coordinators report (PRODUCT.md §7), computed from visibility rows and case statuses. */
export interface Metrics {
  generatedAt: string;
  targets: { total: number; byStage: Record<string, number>; byOutcome: Record<string, number> };
  cases: { total: number; byStage: Record<string, number>; unreadable: number };
  timeToSeizure: { count: number; medianHours?: number; maxHours?: number };
  deadlines: { near: TargetRow[]; breached: TargetRow[] };
  responseTimes: ResponseTimes[];
  escalations: { caseId: string; at: string; action: string; by: string }[];
  /** Seizure banners' reach: hits and tips (actionable leads), in total and per domain. */
  banner: { hits: number; tips: number; domains: BannerDomainStats[] };
  /**
   * Seized domains after seizure (custody workflows): in custody (SEIZED), being returned (RELEASING), FORFEITED,
   * returned (RELEASED), and their forfeiture and expiry deadlines near and breached.
   */
  custody: { total: number; byStage: Record<string, number>; near: CustodyRow[]; breached: CustodyRow[] };
  /**
   * Targets by the route their warrant took: served on a US registry (`registry`), asked of a registry abroad through
   * a partner agency (`partner`), or requested of a platform (`platform`).
   */
  routes: Record<Route, number>;
}

type Route = 'registry' | 'partner' | 'platform';
const routeOf: Partial<Record<NoticeKind, Route>> = { 'registry-order': 'registry', 'partner-request': 'partner', 'platform-request': 'platform' };

export interface ResponseTimes {
  party: 'registrar' | 'registry' | 'partner' | 'platform' | 'payment';
  name: string;
  notices: number;
  acknowledged: number;
  medianHours?: number;
  maxHours?: number;
  /** Notices acknowledged after their deadline, or not at all once it has passed. */
  breaches: number;
}

/** Who answers each kind of notice, and how long they have (registrar: RAA §3.18's 24 h; the rest the 72 h execution default). */
const parties: Partial<Record<NoticeKind, { party: ResponseTimes['party']; deadlineHours: number }>> = {
  'registry-order': { party: 'registry', deadlineHours: 72 },
  'partner-request': { party: 'partner', deadlineHours: 336 },
  'registrar-notice': { party: 'registrar', deadlineHours: 24 },
  'registrar-courtesy': { party: 'registrar', deadlineHours: 24 },
  'platform-request': { party: 'platform', deadlineHours: 72 },
  'payment-notice': { party: 'payment', deadlineHours: 72 },
};

const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
const round1 = (value: number) => Math.round(value * 10) / 10;
function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round1(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}
const tally = (values: (string | undefined)[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v ?? 'UNKNOWN'] = (acc[v ?? 'UNKNOWN'] ?? 0) + 1), acc), {});

export function computeMetrics(targets: TargetRow[], cases: { stage?: string }[], statuses: CaseStatus[], unreadable: number, banner: BannerDomainStats[], custody: CustodyRow[], now = new Date()): Metrics {
  const outcomes = targets.filter((t) => (terminalOutcomes as readonly string[]).includes(t.stage ?? '') || !t.running);
  const seized = targets.filter((t) => t.stage === 'SEIZED' && t.closedAt);
  const seizureHours = seized.map((t) => hours(t.startedAt, t.closedAt!));
  const deadline = (t: { deadlineState?: string }) => t.deadlineState as DeadlineState | undefined;
  return {
    generatedAt: now.toISOString(),
    targets: { total: targets.length, byStage: tally(targets.map((t) => t.stage)), byOutcome: tally(outcomes.map((t) => t.stage)) },
    cases: { total: cases.length, byStage: tally(cases.map((c) => c.stage)), unreadable },
    timeToSeizure: { count: seized.length, medianHours: median(seizureHours), maxHours: seizureHours.length ? round1(Math.max(...seizureHours)) : undefined },
    deadlines: {
      near: targets.filter((t) => t.running && deadline(t) === 'DUE_SOON'),
      breached: targets.filter((t) => deadline(t) === 'BREACHED'),
    },
    responseTimes: responseTimes(statuses, now),
    banner: { hits: banner.reduce((n, d) => n + d.hits, 0), tips: banner.reduce((n, d) => n + d.tips, 0), domains: banner },
    custody: {
      total: custody.length,
      byStage: tally(custody.map((c) => c.stage)),
      near: custody.filter((c) => c.running && deadline(c) === 'DUE_SOON'),
      breached: custody.filter((c) => c.running && deadline(c) === 'BREACHED'),
    },
    routes: routes(statuses),
    escalations: statuses.flatMap((s) => s.timeline.filter((e) => /escalat/i.test(e.action)).map((e) => ({ caseId: s.caseId, at: e.at, action: e.action, by: e.actor.name }))).sort((a, b) => b.at.localeCompare(a.at)),
  };
}

/** Each target counted once, by the first route a notice of its case took for it (a follow-up is not a route). */
function routes(statuses: CaseStatus[]): Record<Route, number> {
  const counted: Record<Route, number> = { registry: 0, partner: 0, platform: 0 };
  for (const status of statuses) {
    const seen = new Set<string>();
    for (const notice of status.notices) {
      const route = routeOf[notice.kind];
      if (!route || notice.follows) continue;
      for (const key of notice.covers) if (!seen.has(key)) { seen.add(key); counted[route] += 1; }
    }
  }
  return counted;
}

/** Per recipient party: how many notices, how many acknowledged, how fast, how many past the deadline. */
export function responseTimes(statuses: Pick<CaseStatus, 'notices' | 'targets' | 'acknowledgements'>[], now: Date): ResponseTimes[] {
  const groups = new Map<string, ResponseTimes & { delays: number[] }>();
  for (const status of statuses) {
    for (const notice of status.notices) {
      const party = parties[notice.kind];
      if (!party) continue;
      const covered = status.targets.find((t) => notice.covers.includes(t.key));
      const name = party.party === 'registry' ? covered?.registry
        : party.party === 'registrar' ? covered?.registrar
          : covered?.platform;
      const key = `${party.party}\u0000${name ?? notice.to.join(', ')}`;
      const group = groups.get(key) ?? { party: party.party, name: name ?? notice.to.join(', '), notices: 0, acknowledged: 0, breaches: 0, delays: [] };
      groups.set(key, group);
      group.notices += 1;
      const first = status.acknowledgements.filter((a) => a.noticeId === notice.noticeId).sort((a, b) => a.at.localeCompare(b.at))[0];
      const waited = hours(notice.sentAt, first?.at ?? now.toISOString());
      if (first) { group.acknowledged += 1; group.delays.push(waited); }
      if (waited > party.deadlineHours) group.breaches += 1;
    }
  }
  return [...groups.values()]
    .map(({ delays, ...group }) => ({ ...group, medianHours: median(delays), maxHours: delays.length ? round1(Math.max(...delays)) : undefined }))
    .sort((a, b) => a.party.localeCompare(b.party) || a.name.localeCompare(b.name));
}
