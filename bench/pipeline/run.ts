import path from 'node:path';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Worker, bundleWorkflowCode, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { operationCaseId } from '../../domain/operation';
import { lookupQueueOf } from '../../domain/task-queues';
import { registerDomains } from '../../test/helpers/case-actions';
import { casePackage, operationOf } from '../../test/helpers/case-fixtures';
import { testBundleOptions } from '../../test/helpers/signed-actor';
import type { World } from '../../test/helpers/world';
import { engineLoadBetween, readEngineLoad, type EngineLoad } from '../engine-load';
import { historyBreakdown, historyFigures, readHistories, sample } from '../history';
import { driverPollMs, milestones, phases, type PhaseKey } from '../phases';
import type { Progress } from '../progress';
import { activitySettings, whileRunning } from '../workers';
import { startWorkflowWorker } from '../workflow-worker';
import { startApi } from './api';
import { driveCase } from './drive-case';
import { watchOperation } from './operation-watch';
import { workflowBundle } from '../../worker/workflow-bundle';

/** The per-case clocks of a run: verification polled often, every other clock the product's default. */
export const benchClocks = { verificationPollEvery: '1s', verificationPollMax: '2s' };

export interface PipelineRun {
  seconds: number;
  phases: Record<string, number>;
  history: ReturnType<typeof historyFigures>;
  /** The largest case's history by kind of event: where its bytes go. */
  caseHistoryBreakdown?: { workflowId: string; byEvent: { event: string; count: number; bytes: number }[] };
  cases: { caseId: string; targets: number; historyEvents?: number; historyBytes?: number }[];
  operation?: { operationId: string; historyEvents?: number; historyBytes?: number; targetsPerCase: number; window: number };
  /** Where the engine's time went in each phase (bench/engine-load.ts). */
  engineLoad?: Partial<Record<PhaseKey, EngineLoad>>;
  /** The largest API answer read while driving (a case's status, usually). */
  largestApiAnswer?: { url: string; bytes: number };
  worker: Record<string, unknown>;
  /** The workflow worker's peak resident memory, in its own process (bench/workflow-worker.ts). */
  workerPeakRssMb: number;
  workerCpuSeconds: number;
}

/**
 * The pipeline on the real workflows (workflows/), its API in-process: `case` opens one case of N domains
 * (POST /api/cases); `operation` starts an operation of N rows (POST /api/operations) that splits them into
 * cases. Every case is then driven through the API by driveCase, all at once, until every target is SEIZED.
 */
export async function runPipeline(options: {
  client: Client; connection: NativeConnection; address: string; world: World; kind: 'case' | 'operation'; targets: number; perCase: number; window: number;
  settings: Partial<WorkerOptions>; onStart?: (progress: () => Promise<Progress>) => void;
  /** The engine's metrics and process, to say where its time goes phase by phase. */
  engine?: { metricsUrl: string; pid: number };
}): Promise<PipelineRun> {
  const { client, world, kind } = options;
  const taskQueue = `bench-${Date.now().toString(36)}`;
  const bundle = await bundleWorkflowCode({ ...workflowBundle, logger: new DefaultLogger('ERROR'), ...testBundleOptions() });
  const workflows = await startWorkflowWorker({
    address: options.address, taskQueue, bundle, settings: options.settings,
    lookupPlanning: { rdapBootstrapFile: world.rdap.bootstrapFile, blobDir: path.join(world.dataDir, 'blobs') },
  });
  const worker = await Worker.create({ connection: options.connection, taskQueue, activities: world.activities, ...activitySettings(options.settings) });
  const lookups = await Worker.create({ connection: options.connection, taskQueue: lookupQueueOf(taskQueue), activities: world.activities, ...activitySettings(options.settings) });
  const api = await startApi(client, taskQueue, world.dataDir);
  const domains = registerDomains(world, options.targets);
  const urlOf = new Map(domains.map((d) => [`http://${d}:${world.shop.port}/`, d]));
  const urls = [...urlOf.keys()];

  try {
    let cases: { caseId: string; domains: string[] }[];
    let operation: PipelineRun['operation'];
    let marks: ReturnType<typeof milestones>;
    let scope: string;
    let workerUsage = { peakRssMb: 0, cpuSeconds: 0 };
    const readings = new Map<PhaseKey | 'start', ReturnType<typeof readEngineLoad>>();
    const readEngine = (at: PhaseKey | 'start') => {
      if (!options.engine) return;
      const reading = readEngineLoad(options.engine.metricsUrl, options.engine.pid);
      reading.catch(() => undefined);
      readings.set(at, reading);
    };
    readEngine('start');
    const run = await whileRunning([worker, lookups], () => Promise.race([workflows.failed, drive()])).finally(async () => { workerUsage = await workflows.stop(); });
    async function drive() {
      if (kind === 'case') {
        const pkg = casePackage(urls);
        marks = milestones([pkg.caseId], readEngine);
        await api.ok('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, settings: benchClocks } });
        cases = [{ caseId: pkg.caseId, domains }];
        scope = `CaseId='${pkg.caseId}'`;
      } else {
        // The coordinator runs it for the agents' team (rivera, okafor), who then drive its cases as people would.
        const op = operationOf(urls, { targetsPerCase: options.perCase, team: 'miami-ipr', window: options.window });
        const planned = Math.ceil(urls.length / options.perCase);
        // The plan is known before the answer (domain/operation.ts names the cases <operation>-001, ...): the clock starts before the POST.
        marks = milestones(Array.from({ length: planned }, (_, i) => operationCaseId(op.operationId, i + 1)), readEngine);
        const answer = await api.ok<{ rows: { input: string; status: string; caseId?: string }[]; cases: { caseId: string; targets: number }[] }>('patel', { method: 'POST', url: '/api/operations', payload: { ...op, settings: benchClocks } });
        const refused = answer.rows.filter((r) => r.status !== 'planned');
        if (refused.length) throw new Error(`the operation refused ${refused.length} row(s), e.g. ${JSON.stringify(refused[0])}`);
        cases = answer.cases.map((c) => ({ caseId: c.caseId, domains: answer.rows.filter((r) => r.caseId === c.caseId).map((r) => urlOf.get(r.input)!) }));
        operation = { operationId: op.operationId, targetsPerCase: options.perCase, window: options.window };
        scope = `OperationId='${op.operationId}'`;
      }
      const seizedQuery = `WorkflowType='domainSeizureWorkflow' AND ${scope} AND Stage='SEIZED'`;
      // Besides targets done, targets started and targets past their opening count as movement: opening 2,000 on a
      // busy machine takes longer than the stall limit while nothing is done yet.
      const targetsQuery = `WorkflowType='domainSeizureWorkflow' AND ${scope}`;
      const count = async (query: string) => (await client.workflow.count(query)).count;
      options.onStart?.(async () => ({
        done: await count(seizedQuery), phase: marks.current(),
        activity: (await count(targetsQuery)) + (await count(`${targetsQuery} AND Stage NOT IN ('LOOKUP', 'EVIDENCE')`)),
      }));
      // Each case's page is read at most once per poll (its status also lists its targets through visibility).
      const pollMs = driverPollMs(options.targets);
      const watch = operation ? watchOperation(api, operation.operationId, 1000) : undefined;
      try {
        await Promise.all(cases.map((c) => driveCase(api, world, c.caseId, c.domains, marks, pollMs, watch ? () => watch.opened(c.caseId) : undefined)));
      } finally {
        watch?.stop();
      }
      return marks.seconds();
    }

    const engineLoad = await engineLoadByPhase(readings);
    const caseIds = cases!.map((c) => `case:${c.caseId}`);
    const caseReadings = await readHistories(client, caseIds);
    const targets = await readHistories(client, sample(domains.map((d) => `domain:${d}`)));
    const others = await readHistories(client, [
      ...(operation ? [`operation:${operation.operationId}`] : []),
      ...cases!.map((c) => `case:${c.caseId}:review:1`),
      ...sample(domains.map((d) => `custody:${d}`), 10, 10),
    ]);
    if (operation) {
      const r = others.find((o) => o.workflowId === `operation:${operation!.operationId}`);
      operation = { ...operation, historyEvents: r?.events, historyBytes: r?.bytes };
    }
    const byId = new Map(caseReadings.map((r) => [r.workflowId, r]));
    const largestCase = caseReadings.reduce((m, r) => (r.bytes > (m?.bytes ?? -1) ? r : m), caseReadings[0]);
    return {
      caseHistoryBreakdown: largestCase ? { workflowId: largestCase.workflowId, byEvent: (await historyBreakdown(client, largestCase.workflowId)).slice(0, 15) } : undefined,
      seconds: run.total, phases: run.phases,
      history: historyFigures({ cases: caseReadings, casesTargets: new Map(cases!.map((c) => [`case:${c.caseId}`, c.domains.length])), targets, others }),
      cases: cases!.map((c) => ({ caseId: c.caseId, targets: c.domains.length, historyEvents: byId.get(`case:${c.caseId}`)?.events, historyBytes: byId.get(`case:${c.caseId}`)?.bytes })),
      operation,
      ...(engineLoad ? { engineLoad } : {}),
      largestApiAnswer: api.largestAnswer(),
      worker: workflows.settings,
      workerPeakRssMb: workerUsage.peakRssMb,
      workerCpuSeconds: workerUsage.cpuSeconds,
    };
  } finally {
    await api.close();
  }
}

/** Each phase's engine load, from the reading at its start (the end of the phase before) to the one at its end. */
async function engineLoadByPhase(readings: Map<PhaseKey | 'start', ReturnType<typeof readEngineLoad>>): Promise<PipelineRun['engineLoad']> {
  const out: NonNullable<PipelineRun['engineLoad']> = {};
  let before = await readings.get('start')?.catch(() => undefined);
  if (!before) return undefined;
  for (const { key } of phases) {
    const after = await readings.get(key)?.catch(() => undefined);
    if (!after) break;
    out[key] = engineLoadBetween(before, after);
    before = after;
  }
  return out;
}
