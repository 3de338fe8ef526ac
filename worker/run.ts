import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { durationMs } from '../domain/duration';
import { TASK_QUEUE, lookupQueueOf } from '../domain/task-queues';
import { actorPublicKeys } from '../src/actor-keys';
import type { Config } from '../src/config';
import { temporalOptions } from '../src/temporal/options';
import { caseLogAttributes } from './log-context';
import { applyLookupHostRate } from './lookup-queue';
import { applyHeapGrowth, workerTuning } from './tuning';
import { workerVersioning } from './versioning';
import { workflowBundle, workflowBundleOptions } from './workflow-bundle';
import { TakedownWorker } from './takedown-worker';

/** Where the workers get the workflow code: bundled at start from the sources (worker/workflow-bundle.ts), or a bundle built before (bench/chaos restarts the worker often). */
export type WorkflowSource = { workflowsPath: string; bundlerOptions?: WorkerOptions['bundlerOptions']; interceptors?: WorkerOptions['interceptors'] } | { workflowBundle: { codePath: string } };

/** The sources, with the public keys of the signed actor written in (a bundle built before must have them too). */
const fromSources = (config: Config): WorkflowSource => ({
  workflowsPath: workflowBundle.workflowsPath,
  bundlerOptions: { preloadModules: workflowBundle.preloadModules, ...workflowBundleOptions(actorPublicKeys(config)) },
  interceptors: { workflowModules: workflowBundle.workflowInterceptorModules },
});

/**
 * The worker's work: connection → activities → our task queue, plus the lookup queue (rate-limited per
 * host). Runs until the workers stop; worker/main.ts and the chaos run's worker process both run this.
 */
export async function runWorkers(config: Config, deps: ActivityDeps, workflows: WorkflowSource = fromSources(config), onReady?: (running: { workers: Worker[]; connection: NativeConnection }) => void | Promise<void>): Promise<void> {
  applyHeapGrowth(config);
  const temporal = temporalOptions(config);
  const connection = await NativeConnection.connect(temporal.connection);
  const activities = createActivities(deps);
  // Both workers join the deployment version (when set), so a version's lookups run on its own code too; both encrypt.
  // A stop (SIGTERM) ends polling at once and lets activities in flight finish for up to the grace time; the
  // SDK's default of none would cancel them mid-call (a notice half sent is retried, but from the start).
  const common = {
    connection, namespace: temporal.namespace, dataConverter: temporal.dataConverter, activities, ...workerVersioning(config),
    shutdownGraceTime: durationMs(config.TAKEDOWN_WORKER_SHUTDOWN_GRACE), interceptors: { activity: [caseLogAttributes] },
  };
  const main = await TakedownWorker.create({ ...common, ...workerTuning(config), taskQueue: TASK_QUEUE, ...workflows });
  // The server enforces TAKEDOWN_LOOKUP_HOST_RATE per registry/registrar host across every worker polling the lookup queue.
  await applyLookupHostRate(connection.workflowService, { namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE, taskQueue: lookupQueueOf(TASK_QUEUE), perHostRate: config.TAKEDOWN_LOOKUP_HOST_RATE });
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(TASK_QUEUE) });
  const running = Promise.all([main.run(), lookups.run()]);
  await onReady?.({ workers: [main, lookups], connection });
  await running;
  await connection.close();
}
