import type { Client } from '@temporalio/client';

/** One workflow's history as the server describes it. */
export interface HistoryReading { workflowId: string; events: number; bytes: number }

/** `describe()` of each workflow (a few at a time): the history's events and bytes. A missing one is left out. */
export async function readHistories(client: Client, workflowIds: string[], concurrency = 8): Promise<HistoryReading[]> {
  const out: HistoryReading[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, workflowIds.length) }, async () => {
    while (next < workflowIds.length) {
      const workflowId = workflowIds[next++]!;
      try {
        const d = await client.workflow.getHandle(workflowId).describe();
        out.push({ workflowId, events: d.historyLength, bytes: d.historySize ?? 0 });
      } catch {
        // gone or never started: nothing to measure
      }
    }
  }));
  return out;
}

/** Every item when there are at most `all`, else `size` of them spread evenly. */
export function sample<T>(items: T[], all = 200, size = 200): T[] {
  if (items.length <= all) return items;
  const step = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * step)]!);
}

export const median = (xs: number[]) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

/** The history figures of a run: the largest over every workflow read, per case and per target. */
export function historyFigures(groups: { cases: HistoryReading[]; casesTargets: Map<string, number>; targets: HistoryReading[]; others: HistoryReading[] }) {
  const all = [...groups.cases, ...groups.targets, ...groups.others];
  const largest = (key: 'events' | 'bytes') => all.reduce((m, r) => (r[key] > m[key] ? r : m), all[0] ?? { workflowId: '', events: 0, bytes: 0 });
  const perTarget = groups.cases.map((c) => c.bytes / Math.max(1, groups.casesTargets.get(c.workflowId) ?? 1));
  return {
    maxHistoryEvents: largest('events').events,
    maxHistoryEventsWorkflow: largest('events').workflowId,
    maxHistoryBytes: largest('bytes').bytes,
    maxHistoryBytesWorkflow: largest('bytes').workflowId,
    // The worst case of the run (an operation has several).
    caseHistoryBytesPerTarget: Math.round(Math.max(0, ...perTarget)),
    targetHistoryBytes: median(groups.targets.map((t) => t.bytes)),
    targetHistoryEventsMedian: median(groups.targets.map((t) => t.events)),
    targetsSampled: groups.targets.length,
  };
}

/** Where one workflow's history bytes go: events grouped by kind (signals and children by name), largest first. */
export async function historyBreakdown(client: Client, workflowId: string): Promise<{ event: string; count: number; bytes: number }[]> {
  const { temporal } = (await import('@temporalio/proto')).default ?? (await import('@temporalio/proto'));
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const groups = new Map<string, { count: number; bytes: number }>();
  for (const event of history.events ?? []) {
    const attributes = Object.keys(event).find((k) => k.endsWith('EventAttributes') && (event as Record<string, unknown>)[k]);
    const detail = attributes ? ((event as Record<string, unknown>)[attributes] as { signalName?: string; workflowType?: { name?: string }; activityType?: { name?: string } }) : undefined;
    const name = [attributes?.replace(/EventAttributes$/, '') ?? 'unknown', detail?.signalName ?? detail?.workflowType?.name ?? detail?.activityType?.name].filter(Boolean).join(' ');
    const bytes = temporal.api.history.v1.HistoryEvent.encode(event as never).finish().length;
    const group = groups.get(name) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += bytes;
    groups.set(name, group);
  }
  return [...groups].map(([event, g]) => ({ event, ...g })).sort((a, b) => b.bytes - a.bytes);
}
