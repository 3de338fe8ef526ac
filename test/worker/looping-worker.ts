import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { TakedownWorker } from '../../worker/takedown-worker';
import type { TunedWorkerOptions } from '../../worker/tuning';

// A worker process of ours (TakedownWorker) with a one-second activation limit, polling LOOPING_TASK_QUEUE for
// test/worker/looping-workflow.ts: test/worker/activation-guard.test.ts starts it and watches how it ends.
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_TEST_ADDRESS! });
  const limit: TunedWorkerOptions = { isolateExecutionTimeout: 1000 };
  const worker = await TakedownWorker.create({ connection, taskQueue: process.env.LOOPING_TASK_QUEUE!, workflowsPath: path.join(__dirname, 'looping-workflow.ts'), ...limit });
  console.log('polling');
  await worker.run();
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
