import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { TASK_QUEUE } from '../domain/task-queues';
import { loadConfig } from '../src/config';
import { activityDepsFromConfig } from './deps';

/** The worker: configuration from the environment → connection → activities → Worker on our task queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await NativeConnection.connect({ address: config.TAKEDOWN_TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TAKEDOWN_TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(await activityDepsFromConfig(config)),
  });
  await worker.run();
  await connection.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
