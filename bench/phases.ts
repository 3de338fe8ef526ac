/**
 * The phases every run goes through, for the pipeline and the baseline alike. Each case reaches each
 * milestone on its own (an operation's cases move independently); a phase ends when the last case has
 * reached its milestone, and its seconds run from the end of the phase before.
 */
export const phases = [
  { key: 'open', title: 'open → every target at legal review (lookup + evidence)' },
  { key: 'review', title: 'submit, approve, warrant' },
  { key: 'notices', title: 'warrant → notices sent' },
  { key: 'seizure', title: 'acknowledged → every target SEIZED' },
] as const;
export type PhaseKey = (typeof phases)[number]['key'];

/** `onPhaseDone` hears of each phase once, when its last case reaches it. */
export function milestones(caseIds: string[], onPhaseDone: (phase: PhaseKey) => void = () => undefined) {
  const started = Date.now();
  const reached = new Map<PhaseKey, Map<string, number>>(phases.map((p) => [p.key, new Map()]));
  return {
    started,
    reach(phase: PhaseKey, caseId: string) {
      const cases = reached.get(phase)!;
      const before = cases.size;
      cases.set(caseId, Date.now());
      if (before < caseIds.length && cases.size === caseIds.length) onPhaseDone(phase);
    },
    /** The first phase some case has not finished (what the progress bar shows). */
    current(): string {
      const open = phases.find((p) => reached.get(p.key)!.size < caseIds.length);
      if (!open) return 'done';
      const n = reached.get(open.key)!.size;
      return caseIds.length > 1 ? `${open.key} (${n}/${caseIds.length} cases through)` : open.key;
    },
    /** Seconds per phase, and the whole run. */
    seconds(): { total: number; phases: Record<PhaseKey, number> } {
      let before = started;
      const out = {} as Record<PhaseKey, number>;
      for (const p of phases) {
        const end = Math.max(before, ...reached.get(p.key)!.values());
        out[p.key] = round((end - before) / 1000);
        before = end;
      }
      return { total: round((before - started) / 1000), phases: out };
    },
  };
}
export type Milestones = ReturnType<typeof milestones>;

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * How often a run's drivers read a case's state: the more targets in flight, the less often (a case's state grows
 * with its targets, and each read costs the engine a query, a replay when the case has left the worker's cache), as
 * people would. Both sides of a run read at this pace.
 */
export const driverPollMs = (targets: number) => Math.min(5000, Math.max(500, targets));

/** Polls `test` until it answers something truthy. */
export async function until<T>(test: () => Promise<T | false | undefined>, everyMs = 250): Promise<T> {
  for (;;) {
    const answer = await test();
    if (answer) return answer;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
