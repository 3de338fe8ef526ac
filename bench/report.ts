import fs from 'node:fs';
import path from 'node:path';
import type { BenchArgs } from './args';
import type { BareFailure, BareRun } from './bare/run';

/** The baseline's outcome: its run, why it failed, or why it was not run. */
export type BareOutcome = BareRun | BareFailure | { notRun: string };
import type { PipelineRun } from './pipeline/run';
import { round } from './phases';

/** The JSON object of a run: the pipeline's figures first, the baseline's beside them. */
export function report(args: BenchArgs, pipeline: PipelineRun, bare: BareOutcome, memory: { peakRssMb: number; barePeakRssMb: number; pipelinePeakRssMb: number }, workerSettings: Record<string, unknown>) {
  const { history } = pipeline;
  const ran = 'seconds' in bare ? bare : undefined;
  return {
    benchmark: args.kind,
    targets: args.targets,
    seconds: pipeline.seconds,
    bareSeconds: ran ? ran.seconds : null,
    // Throughput of the pipeline as a share of the plain program's on the same server: bare/pipeline time.
    ratio: !ran || pipeline.seconds <= 0 ? null : round(ran.seconds / pipeline.seconds),
    ...('failed' in bare ? { bareFailed: bare.failed } : {}),
    ...('notRun' in bare ? { bareNotRun: bare.notRun } : {}),
    phases: pipeline.phases,
    barePhases: ran ? ran.phases : null,
    maxHistoryEvents: history.maxHistoryEvents,
    maxHistoryBytes: history.maxHistoryBytes,
    caseHistoryBytesPerTarget: history.caseHistoryBytesPerTarget,
    targetHistoryBytes: history.targetHistoryBytes,
    // The workflow worker's own peak (its process, bench/workflow-worker.ts): what must stay flat as runs grow.
    workerPeakRssMb: pipeline.workerPeakRssMb,
    workerCpuSeconds: pipeline.workerCpuSeconds,
    // The benchmark's process: activities, the local parts (registries, mail sink, banner), the API and the drivers.
    peakRssMb: memory.peakRssMb,
    details: {
      // The pipeline's own peak, after the baseline's: what to compare across sizes when the baseline is not run.
      pipelinePeakRssMb: memory.pipelinePeakRssMb,
      maxHistoryEventsWorkflow: history.maxHistoryEventsWorkflow,
      maxHistoryBytesWorkflow: history.maxHistoryBytesWorkflow,
      targetHistoryEventsMedian: history.targetHistoryEventsMedian,
      targetsSampled: history.targetsSampled,
      ...(pipeline.caseHistoryBreakdown ? { caseHistoryBreakdown: pipeline.caseHistoryBreakdown } : {}),
      cases: pipeline.cases.slice(0, 100),
      ...(pipeline.operation ? { operation: pipeline.operation } : {}),
      ...(pipeline.engineLoad ? { engineLoad: pipeline.engineLoad } : {}),
      ...(pipeline.largestApiAnswer ? { largestApiAnswer: pipeline.largestApiAnswer } : {}),
      bare: { ...(ran ? ran.history : {}), peakRssMb: memory.barePeakRssMb, ...(ran ? { workerPeakRssMb: ran.workerPeakRssMb, workerCpuSeconds: ran.workerCpuSeconds } : {}) },
    },
    workerSettings,
    node: process.version,
    cpus: (require('node:os') as typeof import('node:os')).cpus().length,
    at: new Date().toISOString(),
  };
}

/** Writes bench/results/<kind>-<N>.json (`-<option><value>` added for each option off its default); answers the path. */
export function writeResult(result: { benchmark: string; targets: number }, args: BenchArgs): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const options = (['perCase', 'window', 'workflowTasks', 'activityTasks', 'workflowThreads', 'cache'] as const).filter((k) => args[k] !== undefined).map((k) => `-${k}${args[k]}`).join('');
  const file = path.join(dir, `${result.benchmark}-${result.targets}${options}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}
