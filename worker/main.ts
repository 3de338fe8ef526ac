import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { TASK_QUEUE, lookupQueueOf } from '../domain/task-queues';
import { loadConfig, loadDotEnv } from '../src/config';
import { refuseUnsafeProduction } from '../src/production';
import { activityDepsFromConfig } from './deps';
import { applyLookupHostRate } from './lookup-queue';
import { workerTuning } from './tuning';
import { workerVersioning } from './versioning';
import { workflowBundle } from './workflow-bundle';

/** The worker: configuration → connection → activities → our task queue, plus the lookup queue (rate-limited per host). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeProduction(config, 'worker');
  const connection = await NativeConnection.connect({ address: config.TAKEDOWN_TEMPORAL_ADDRESS });
  const activities = createActivities(await activityDepsFromConfig(config));
  // Both workers join the deployment version (when set), so a version's lookups run on its own code too.
  const common = { connection, namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE, activities, ...workerVersioning(config) };
  const main = await Worker.create({ ...common, ...workerTuning(config), taskQueue: TASK_QUEUE, workflowsPath: workflowBundle.workflowsPath, bundlerOptions: { preloadModules: workflowBundle.preloadModules } });
  // The server enforces TAKEDOWN_LOOKUP_HOST_RATE per registry/registrar host across every worker polling the lookup queue.
  await applyLookupHostRate(connection.workflowService, { namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE, taskQueue: lookupQueueOf(TASK_QUEUE), perHostRate: config.TAKEDOWN_LOOKUP_HOST_RATE });
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(TASK_QUEUE) });
  await Promise.all([main.run(), lookups.run()]);
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
