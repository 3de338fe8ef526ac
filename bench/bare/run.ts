import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Worker, bundleWorkflowCode, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { historyFigures, readHistories, sample } from '../history';
import { driverPollMs, milestones, until, type Milestones } from '../phases';
import { bareActivities } from './activities';
import { endRunning } from './end-running';
import { acknowledgeSignal, bareCase, bareCaseStatusQuery, bareOperation, bareStages, decisionSignal, submitSignal, warrantSignal, type BareCaseStatus } from './workflows';
import { activitySettings, whileRunning } from '../workers';
import { startWorkflowWorker } from '../workflow-worker';

/** Notices per case in the pipeline here: one registry order and one registrar notice (one registry, one registrar). */
export const noticesPerCase = 2;

export interface BareRun { seconds: number; phases: Record<string, number>; history: ReturnType<typeof historyFigures>; worker: Record<string, unknown>; workerPeakRssMb: number; workerCpuSeconds: number }
/** The plain program could not finish (one of Temporal's limits, say): the run reports why, and no ratio. */
export interface BareFailure { failed: string }

/**
 * The baseline, driven like the pipeline: per case, once every target waits at review, three human steps
 * (submit, decision, warrant), then one acknowledgement per notice; done when every target is SEIZED.
 */
/** A case's SEIZED targets, and how far all its targets have gone (each counted by its stage's place). */
function stagesOf(status: BareCaseStatus | undefined): { seized: number; reached: number } {
  if (!status) return { seized: 0, reached: 0 };
  return { seized: status.byStage.SEIZED ?? 0, reached: bareStages.reduce((n, stage, place) => n + (place + 1) * (status.byStage[stage] ?? 0), 0) };
}

export async function runBare(options: {
  client: Client; connection: NativeConnection; address: string; kind: 'case' | 'operation'; caseSizes: number[]; settings: Partial<WorkerOptions>;
  /** Operation only: cases still opening at once, as in the pipeline's operation. */
  window: number;
  onStart?: (progress: () => Promise<{ done: number; phase: string; activity?: number }>) => void;
  /** Rejects when the benchmark gives up on this side: its workers then stop. */
  stalled?: Promise<never>;
}): Promise<BareRun> {
  const { client, kind, caseSizes } = options;
  const run = randomBytes(3).toString('hex');
  const taskQueue = `bench-bare-${run}`;
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('ERROR') });
  const workflows = await startWorkflowWorker({ address: options.address, taskQueue, bundle, settings: options.settings });
  const worker = await Worker.create({ connection: options.connection, taskQueue, activities: bareActivities, ...activitySettings(options.settings) });
  const cases = caseSizes.map((targets, i) => ({ caseId: `${run}-${String(i + 1).padStart(3, '0')}`, targets }));
  const handles = cases.map((c) => client.workflow.getHandle(`bare-case:${c.caseId}`));
  // A closed case answers its count from its result: a query would wait for a worker that has stopped.
  const seizedIn = new Map<number, number>();
  const statusOf = (i: number) => Promise.race([
    handles[i]!.query(bareCaseStatusQuery).catch((): BareCaseStatus | undefined => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000).unref()),
  ]);

  const marks: Milestones = milestones(cases.map((c) => c.caseId));
  let workerUsage = { peakRssMb: 0, cpuSeconds: 0 };
  const pollMs = driverPollMs(caseSizes.reduce((n, size) => n + size, 0));
  try {
    await whileRunning([worker], () => Promise.race([workflows.failed, ...(options.stalled ? [options.stalled] : []), drive()])).finally(async () => { workerUsage = await workflows.stop(); });
  } catch (error) {
    // Left open with nobody polling, they would stay on the server the pipeline runs on next.
    const ended = await endRunning(client, taskQueue);
    console.error(`baseline given up: ended the ${ended} workflows it left running`);
    throw error;
  }
  async function drive() {
    if (kind === 'operation') {
      await client.workflow.start(bareOperation, { taskQueue, workflowId: `bare-op:${run}`, args: [{ operationId: run, cases, notices: noticesPerCase, window: options.window }] });
    } else {
      await client.workflow.start(bareCase, { taskQueue, workflowId: `bare-case:${cases[0]!.caseId}`, args: [{ caseId: cases[0]!.caseId, targets: cases[0]!.targets, notices: noticesPerCase }] });
    }
    // No target is SEIZED for minutes at the start of a large run: the stages the children have reached (each
    // weighted by its place) are what moves meanwhile.
    options.onStart?.(async () => {
      const all = await Promise.all(cases.map(async (_, i) => (seizedIn.has(i) ? { seized: seizedIn.get(i)!, reached: 0 } : stagesOf(await statusOf(i)))));
      return { done: all.reduce((n, x) => n + x.seized, 0), phase: marks.current(), activity: all.reduce((n, x) => n + x.reached, 0) };
    });
    await Promise.all(cases.map(async (c, i) => {
      const handle = handles[i]!;
      await until(async () => { const s = await statusOf(i); return s !== undefined && (s.byStage.LEGAL_REVIEW ?? 0) === c.targets; }, pollMs);
      marks.reach('open', c.caseId);
      await handle.signal(submitSignal);
      await handle.signal(decisionSignal);
      await handle.signal(warrantSignal);
      marks.reach('review', c.caseId);
      await until(async () => ((await statusOf(i))?.noticesSent ?? 0) >= noticesPerCase, pollMs);
      marks.reach('notices', c.caseId);
      for (let n = 0; n < noticesPerCase; n++) await handle.signal(acknowledgeSignal, { noticeId: `${c.caseId}/notice-${n}` });
      const seized = await handle.result();
      seizedIn.set(i, seized);
      if (seized !== c.targets) throw new Error(`baseline case ${c.caseId}: ${seized} of ${c.targets} targets SEIZED`);
      marks.reach('seizure', c.caseId);
    }));
  }
  const time = marks.seconds();

  const caseReadings = await readHistories(client, handles.map((h) => h.workflowId));
  const targetIds = sample(cases.flatMap((c) => Array.from({ length: c.targets }, (_, i) => `bare-target:${c.caseId}:${i}`)));
  const targets = await readHistories(client, targetIds);
  const others = await readHistories(client, [...(kind === 'operation' ? [`bare-op:${run}`] : []), ...sample(targetIds.map((id) => `bare-custody:${id}`), 10, 10)]);
  const history = historyFigures({ cases: caseReadings, casesTargets: new Map(cases.map((c) => [`bare-case:${c.caseId}`, c.targets])), targets, others });
  return { seconds: time.total, phases: time.phases, history, worker: workflows.settings, workerPeakRssMb: workerUsage.peakRssMb, workerCpuSeconds: workerUsage.cpuSeconds };
}
