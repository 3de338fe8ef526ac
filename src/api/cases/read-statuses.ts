import type { Client } from '@temporalio/client';
import type { CaseStatusView as CaseStatus } from '../../../domain/case-view';
import { within } from '../temporal/within';
import { caseStatus } from './handles';

/**
 * How long reading case statuses may take: each case a few seconds, and no read starts once one request's reads
 * have taken the total (so all end within total + per case). A case whose worker does not answer (down, or gone
 * with the queue it served) is waited for its whole time; without the total a report over many such cases would
 * wait minutes (CI, 2026-12-02: the period report waited 3 s on each of the cases other test files had left, and
 * timed out).
 */
export interface StatusReadLimits {
  perCaseMs: number;
  totalMs: number;
  concurrency: number;
}

export const statusReadLimits: StatusReadLimits = { perCaseMs: 3000, totalMs: 10_000, concurrency: 8 };

/** What was read, and how many cases did not answer in time (or were not reached before the total ran out). */
export interface StatusReads {
  statuses: CaseStatus[];
  unreadable: number;
}

/**
 * Case statuses read a few at a time, so a dashboard refresh (or a triage) does not flood the engine, each case
 * once however often it is named. `read` is given the instant by which it must answer. Pure of Temporal:
 * `readCaseStatuses` gives it the engine.
 */
export async function readStatuses(read: (caseId: string, deadline: number) => Promise<CaseStatus>, caseIds: readonly string[], limits: StatusReadLimits = statusReadLimits, now: () => number = Date.now): Promise<StatusReads> {
  const ids = [...new Set(caseIds)];
  const statuses: CaseStatus[] = [];
  const endsAt = now() + limits.totalMs;
  let failed = 0;
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, ids.length) }, async () => {
    while (next < ids.length && now() < endsAt) {
      const caseId = ids[next++]!;
      await read(caseId, now() + limits.perCaseMs).then((s) => statuses.push(s), () => (failed += 1));
    }
  }));
  return { statuses, unreadable: failed + (ids.length - next) };
}

/** The statuses of these cases from their workflows, within the limits (a read given up on is not cancelled: within.ts). */
export function readCaseStatuses(client: Client, caseIds: readonly string[], limits: StatusReadLimits = statusReadLimits): Promise<StatusReads> {
  return readStatuses((caseId, deadline) => within(caseStatus(client, caseId), deadline - Date.now(), () => new Error(`case ${caseId} did not answer in time`)), caseIds, limits);
}
