import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, type WorkerOptions } from '@temporalio/worker';
import { createLookupActivities } from '../activities/lookup';
import { createLookup, loadBootstrap } from '../lib/lookup';
import { createFileBlobStore } from '../lib/store/blob-store';
import { processCpuSeconds } from './engine-load';
import { settingsOf } from './workers';
import { loadConfig } from '../src/config';
import { applyHeapGrowth } from '../worker/tuning';
import { TakedownWorker } from '../worker/takedown-worker';

/**
 * A run's workflow worker in a process of its own: the worker's memory (its cached workflows) is what the issue
 * asks to stay flat, and in the benchmark's process it was measured together with the local registries, the
 * mail sink, the API and the people's drivers, which all grow with the run. Activities stay in the benchmark's
 * process, on the same task queue (they need its local parts); Temporal hands workflow tasks to this process and
 * activity tasks to that one. Both sides of a run, the baseline and the pipeline, are run the same way.
 */
export interface WorkflowWorkerProcess {
  /** The worker's settings as the SDK filled them in (for the report). */
  settings: Record<string, unknown>;
  /** Rejects if the process ends while the run still needs it (a crash of the worker is a failed run). */
  failed: Promise<never>;
  /** Stops the worker; answers its peak resident memory in MB (the kernel's high-water mark) and its CPU seconds. */
  stop(): Promise<{ peakRssMb: number; cpuSeconds: number }>;
}

/**
 * The pipeline's workflows plan each lookup in a local activity, which runs in the workflow's own worker: it
 * reads the RDAP bootstrap (the local registries') and nothing else, so the child builds it from that file.
 */
interface LookupPlanning { rdapBootstrapFile: string; blobDir: string }

interface ChildInput { address: string; taskQueue: string; codePath: string; settings: Partial<WorkerOptions>; lookupPlanning?: LookupPlanning }

export async function startWorkflowWorker(options: {
  address: string; taskQueue: string; bundle: { code: string }; settings: Partial<WorkerOptions>; lookupPlanning?: LookupPlanning;
}): Promise<WorkflowWorkerProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-worker-'));
  const codePath = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(codePath, options.bundle.code);
  const input: ChildInput = { address: options.address, taskQueue: options.taskQueue, codePath, settings: options.settings, lookupPlanning: options.lookupPlanning };
  // The same Node and loader (tsx) as this process.
  const child = spawn(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, BENCH_WORKFLOW_WORKER: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const failed = exited.then((code): never => {
    throw new Error(stopping ? 'the workflow worker stopped' : `the workflow worker's process ended during the run (exit ${code})`);
  });
  failed.catch(() => undefined);
  const settings = await Promise.race([
    new Promise<Record<string, unknown>>((resolve) => child.once('message', (m: { settings: Record<string, unknown> }) => resolve(m.settings))),
    failed,
  ]);
  return {
    settings,
    failed,
    async stop() {
      const usage = { peakRssMb: peakRssMb(child.pid!), cpuSeconds: processCpuSeconds(child.pid!) };
      stopping = true;
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
      return usage;
    },
  };
}

/** VmHWM of a process (its peak resident set), in MB. */
function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Math.round((Number(kb) * 1024) / 1e6) : 0;
}

async function lookupPlanner(planning: LookupPlanning) {
  const bootstrap = await loadBootstrap(planning.rdapBootstrapFile);
  return createLookupActivities(createLookup({ bootstrap, whoisServers: {}, blobs: createFileBlobStore(planning.blobDir), minIntervalMs: 0, timeoutMs: 3000 }));
}

/** The child: polls the task queue for workflow tasks until told to stop. */
async function runChild(input: ChildInput): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
  // The product's heap growth, from this environment, as worker/run.ts applies it.
  const config = loadConfig();
  applyHeapGrowth(config);
  const connection = await NativeConnection.connect({ address: input.address });
  const worker = await TakedownWorker.create({
    connection, taskQueue: input.taskQueue, workflowBundle: { codePath: input.codePath }, ...input.settings,
    // Local activities only: the activity tasks of the queue go to the benchmark's process.
    ...(input.lookupPlanning ? { activities: await lookupPlanner(input.lookupPlanning), enableNonLocalActivities: false } : {}),
  });
  process.once('SIGTERM', () => worker.shutdown());
  // The benchmark's process ended without stopping us (it crashed): stop too.
  process.once('disconnect', () => worker.shutdown());
  process.send!({ settings: { ...settingsOf(worker), heapGrowingPercent: config.TAKEDOWN_WORKER_HEAP_GROWTH } });
  await worker.run();
  await connection.close();
}

if (process.env.BENCH_WORKFLOW_WORKER && require.main === module) {
  runChild(JSON.parse(process.env.BENCH_WORKFLOW_WORKER) as ChildInput).then(() => process.exit(0), (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  });
}
