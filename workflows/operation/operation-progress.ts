import { continueAsNew, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addSample, operationProgressQuery, type OperationProgressInput, type OperationSeries } from '../../domain/operation-progress';

/** A count that fails is skipped: the next one is an interval away. */
const counter = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { maximumAttempts: 2 } });

/** Past this many events the run continues as new (each count is about ten events). */
const historyLimit = 10_000;

/**
 * An operation's progress: its targets counted by stage every interval (domain/operation-progress.ts), the
 * counts kept as a series thinned so it stays small. Why a workflow: its state survives restarts of worker,
 * API and server, is carried across continue-as-new, and is there for an operation nobody is watching; why
 * visibility counts: about 25 indexed count queries per sample, the same for 10 targets or 10,000.
 * Its own workflow, so the operation still returns once its cases have started, while this lives as long as
 * the targets do. It ends once nothing waits to start and no target of the operation runs, seen twice in a
 * row (visibility shows a just-started target a moment later).
 */
export async function operationProgressWorkflow(input: OperationProgressInput): Promise<OperationSeries> {
  const series: OperationSeries = input.carried?.series ?? { everyMs: Math.max(1_000, input.everyMs), samples: [] };
  let idleBefore = input.carried?.idleBefore ?? false;
  setHandler(operationProgressQuery, () => series);

  for (;;) {
    // 1. Count the operation's targets by stage, through visibility.
    const sample = await counter.sampleOperationProgress(input.operationId).catch(() => undefined);
    if (sample) {
      addSample(series, sample);
      // 2. Done when nothing is left to start and nothing runs, twice in a row.
      const idle = sample.waiting === 0 && sample.running === 0;
      if (idle && idleBefore) return series;
      idleBefore = idle;
    }
    // 3. A long life continues as new, carrying the series.
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit) {
      return continueAsNew<typeof operationProgressWorkflow>({ ...input, carried: { series, idleBefore } });
    }
    await sleep(series.everyMs);
  }
}
