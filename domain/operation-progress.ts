import { defineQuery } from '@temporalio/workflow';
import { terminalOutcomes, type WorkingStage } from './stages';

/**
 * How an operation moves (PRODUCT §5): its targets counted by stage through Temporal visibility, now and
 * over time, how many need a person, and when the machine side (lookup and evidence) should be through.
 * The operation's progress workflow (workflows/operation/operation-progress.ts) keeps the series; the API adds a count
 * taken now and estimates from both. Everything here is pure.
 */

export interface OperationProgressInput {
  operationId: string;
  /** The first interval between counts. */
  everyMs: number;
  /** Carried by continue-as-new. */
  carried?: { series: OperationSeries; idleBefore: boolean };
}

/** The series so far. */
export const operationProgressQuery = defineQuery<OperationSeries>('operationProgress');

/** The working stages of domains and profiles in the pipeline's order, then the outcomes: one count query each. */
export const progressStages: readonly string[] = [
  ...(['LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'PRESERVATION', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'] satisfies WorkingStage[]),
  ...terminalOutcomes,
];

/** A target the engine still works on by itself: looking up who holds it and capturing its evidence. */
export const machineStages: readonly string[] = ['LOOKUP', 'EVIDENCE'];

/** Where a target's person's task can be: a manual lookup (LOOKUP), a portal submission (NOTICE). */
export const taskStages: readonly string[] = ['LOOKUP', 'NOTICE'];

/** Counted under this name: a target whose workflow runs but has not entered its first stage yet. */
export const notYetStaged = 'STARTING';

/** One count of an operation's targets. */
export interface OperationSample {
  at: string;
  /** Targets by stage, only those with any; `STARTING` for a target not in its first stage yet. */
  byStage: Record<string, number>;
  /** Target workflows of the operation (targets a case refused as held elsewhere have none). */
  total: number;
  running: number;
  /** Planned targets in cases the operation has not started yet (the operation's own count). */
  waiting: number;
  /** Running targets in no stage yet, LOOKUP or EVIDENCE. */
  machine: number;
  /** Running targets whose DeadlineState is BREACHED. */
  breached: number;
  /**
   * Targets holding a person's task, among `checked` of the `candidates` running in LOOKUP or NOTICE. Counted
   * from the targets' OpenTasks attribute, so every candidate is checked; samples taken before asked at most 100
   * targets each by query and may say fewer were checked.
   */
  tasks: { manualLookup: number; portalSubmission: number; checked: number; candidates: number };
}

/** The operation's samples: one every `everyMs`, thinned as it grows so it spans the whole operation in a few points. */
export interface OperationSeries {
  everyMs: number;
  samples: OperationSample[];
}

/** Points a series keeps: each sample is a few hundred bytes, so the status and a continue-as-new stay small. */
export const maxSamples = 120;
/** The interval stops doubling here (a sample every 6 h still shows a month-long operation). */
export const maxSampleEveryMs = 6 * 3_600_000;

/**
 * Adds a sample. When the series is full every other sample is dropped (the first and latest kept) and the
 * interval doubles, so a long operation keeps at most `maxSamples` points, evenly spread over its life.
 */
export function addSample(series: OperationSeries, sample: OperationSample): void {
  series.samples.push(sample);
  if (series.samples.length <= maxSamples) return;
  series.samples = series.samples.filter((_, i, all) => i % 2 === 0 || i === all.length - 1);
  series.everyMs = Math.min(series.everyMs * 2, maxSampleEveryMs);
}

/** Targets still in the machine's hands: in cases not started yet, or opening (less those waiting for a manual lookup). */
export const machineRemaining = (s: OperationSample) => s.waiting + Math.max(0, s.machine - s.tasks.manualLookup);
/** Targets that have left the machine stages: to a person, a later stage or an end. Starting a case moves none. */
const leftMachine = (s: OperationSample) => s.total - s.machine + s.tasks.manualLookup;

export interface MachineEstimate {
  state: 'done' | 'estimated' | 'unknown';
  remaining: number;
  finishAt?: string;
  perMinute?: number;
  /** What the estimate rests on, in words. */
  basis: string;
}

/** Samples the rate is taken over: the latest and the five before it. */
const recentPoints = 6;

/**
 * When the machine side should be through: the targets still to look up and capture, divided by the rate at
 * which targets left those stages over the recent samples. Unknown until targets have moved.
 */
export function estimateMachineFinish(points: OperationSample[]): MachineEstimate {
  const now = points.at(-1);
  if (!now) return { state: 'unknown', remaining: 0, basis: 'not counted yet' };
  const remaining = machineRemaining(now);
  if (remaining === 0) return { state: 'done', remaining, basis: 'no target waits for lookup or evidence' };
  const base = points.slice(-recentPoints)[0]!;
  const minutes = (Date.parse(now.at) - Date.parse(base.at)) / 60_000;
  const moved = leftMachine(now) - leftMachine(base);
  if (base === now || minutes <= 0) return { state: 'unknown', remaining, basis: `${remaining} to go; one count so far, so no rate yet` };
  if (moved <= 0) return { state: 'unknown', remaining, basis: `${remaining} to go; no target left lookup and evidence in the last ${span(minutes)}` };
  const perMinute = moved / minutes;
  return {
    state: 'estimated', remaining, perMinute: Math.round(perMinute * 100) / 100,
    finishAt: new Date(Date.parse(now.at) + (remaining / perMinute) * 60_000).toISOString(),
    basis: `${moved} target(s) left lookup and evidence in the last ${span(minutes)} (${Math.round(perMinute * 100) / 100} a minute); ${remaining} to go${now.waiting ? `, ${now.waiting} of them in cases not started yet` : ''}`,
  };
}

const span = (minutes: number) => (minutes < 2 ? `${Math.round(minutes * 60)} s` : minutes < 120 ? `${Math.round(minutes)} min` : `${Math.round(minutes / 6) / 10} h`);

/** Who must act: targets failed to a person, running past a deadline, or holding a task (counted among those checked). */
export function needsPerson(s: OperationSample) {
  const failed = s.byStage.FAILED_NEEDS_ATTENTION ?? 0;
  const tasks = s.tasks.manualLookup + s.tasks.portalSubmission;
  return { total: failed + s.breached + tasks, failed, breached: s.breached, manualLookup: s.tasks.manualLookup, portalSubmission: s.tasks.portalSubmission, allChecked: s.tasks.checked >= s.tasks.candidates };
}
