import type { CaseStatusView } from '../../domain/case-view';
import { readStatuses } from '../../src/api/cases/read-statuses';

/**
 * A clock the reads move by hand: a case's read takes the milliseconds given for it and fails at its deadline
 * when it would take longer (as a gRPC deadline does), so no test waits for real time.
 */
function clocked(takes: Record<string, number | 'fails'>) {
  let now = 0;
  const asked: { caseId: string; at: number; deadline: number }[] = [];
  const read = async (caseId: string, deadline: number) => {
    asked.push({ caseId, at: now, deadline });
    await Promise.resolve();
    const cost = takes[caseId] ?? 0;
    if (cost === 'fails') throw new Error('query failed');
    if (now + cost > deadline) {
      now = deadline;
      throw new Error('deadline exceeded');
    }
    now += cost;
    return { caseId } as unknown as CaseStatusView;
  };
  return { read, asked, now: () => now };
}

const ids = (statuses: CaseStatusView[]) => statuses.map((s) => s.caseId).sort();

test('each case is read once, however often it is named; a failed read counts as unreadable', async () => {
  const clock = clocked({ 'C-2': 'fails' });
  const result = await readStatuses(clock.read, ['C-1', 'C-2', 'C-1', 'C-3'], { perCaseMs: 3000, totalMs: 10_000, concurrency: 2 }, clock.now);
  expect(clock.asked.map((a) => a.caseId).sort()).toEqual(['C-1', 'C-2', 'C-3']);
  expect(ids(result.statuses)).toEqual(['C-1', 'C-3']);
  expect(result.unreadable).toBe(1);
});

test('a case that does not answer waits its own deadline only; the next is read after it', async () => {
  const clock = clocked({ 'C-1': 60_000, 'C-2': 10 });
  const result = await readStatuses(clock.read, ['C-1', 'C-2'], { perCaseMs: 3000, totalMs: 10_000, concurrency: 1 }, clock.now);
  expect(clock.asked).toEqual([{ caseId: 'C-1', at: 0, deadline: 3000 }, { caseId: 'C-2', at: 3000, deadline: 6000 }]);
  expect([ids(result.statuses), result.unreadable]).toEqual([['C-2'], 1]);
});

test('no read starts once the total has passed: those started keep their own time, the cases never reached count as unreadable', async () => {
  const slow = Object.fromEntries(['C-1', 'C-2', 'C-3', 'C-4', 'C-5', 'C-6'].map((id) => [id, 3000]));
  const clock = clocked(slow);
  const result = await readStatuses(clock.read, Object.keys(slow), { perCaseMs: 3000, totalMs: 10_000, concurrency: 1 }, clock.now);
  // Reads start at 0, 3, 6 and 9 s, each with its 3 s; at 12 s the total has passed and two are never asked.
  expect(clock.asked.map((a) => [a.at, a.deadline])).toEqual([[0, 3000], [3000, 6000], [6000, 9000], [9000, 12_000]]);
  expect(ids(result.statuses)).toEqual(['C-1', 'C-2', 'C-3', 'C-4']);
  expect(result.unreadable).toBe(2);
  expect(clock.now()).toBe(12_000);
});

test('no cases, no reads', async () => {
  const clock = clocked({});
  expect(await readStatuses(clock.read, [], { perCaseMs: 3000, totalMs: 10_000, concurrency: 8 }, clock.now)).toEqual({ statuses: [], unreadable: 0 });
  expect(clock.asked).toEqual([]);
});
