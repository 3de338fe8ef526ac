import { loadConfig, loadDotEnv } from '../src/config';
import { refuseUnsafeProduction } from '../src/production';
import { activityDepsFromConfig } from './deps';
import { runWorkers } from './run';

/** The worker: configuration → its activities' dependencies → the workers (worker/run.ts). */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeProduction(config, 'worker');
  await runWorkers(config, await activityDepsFromConfig(config));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
