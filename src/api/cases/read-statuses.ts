import type { CaseStatusView as CaseStatus } from '../../../domain/case-view';

/** Case statuses are read a few at a time, so a dashboard refresh (or a triage) does not flood the engine. */
export async function readStatuses(read: (caseId: string) => Promise<CaseStatus>, caseIds: string[], concurrency = 8): Promise<{ statuses: CaseStatus[]; unreadable: number }> {
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
