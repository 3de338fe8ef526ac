import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { TASK_QUEUE, lookupQueueOf } from '../domain/task-queues';
import { loadConfig } from '../src/config';
import { activityDepsFromConfig } from './deps';

/** The worker: configuration → connection → activities → our task queue, plus the rate-limited lookup queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TAKEDOWN_TEMPORAL_ADDRESS });
  const activities = createActivities(await activityDepsFromConfig(config));
  const common = { connection, namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE, activities };
  const main = await Worker.create({ ...common, taskQueue: TASK_QUEUE, workflowsPath: require.resolve('../workflows') });
  // The server enforces this rate across every worker polling the lookup queue.
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(TASK_QUEUE), maxTaskQueueActivitiesPerSecond: config.TAKEDOWN_LOOKUPS_PER_SECOND });
  await Promise.all([main.run(), lookups.run()]);
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
