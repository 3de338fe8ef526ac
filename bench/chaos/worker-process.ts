import { loadConfig } from '../../src/config';
import { activityDepsFromConfig } from '../../worker/deps';
import { runWorkers } from '../../worker/run';
import { readyLine } from './worker-ready';

/**
 * The chaos run's worker: a child process (so it can be SIGKILLed) running the real worker (worker/run.ts)
 * on the configuration its parent puts in the environment, pointed at the fixture registries, DNS, SMTP sink
 * and banner. Two things the configuration cannot say, from the parent: the fixture shop's loopback address
 * that evidence capture may reach (CHAOS_FETCH_ALLOW_HOSTS, allowed in tests only, never a setting), and a
 * workflow bundle built once (CHAOS_WORKFLOW_BUNDLE), so a restart takes seconds, not a re-bundle.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await activityDepsFromConfig(config);
  const allowHosts = (process.env.CHAOS_FETCH_ALLOW_HOSTS ?? '').split(',').filter(Boolean);
  const bundle = process.env.CHAOS_WORKFLOW_BUNDLE;
  // The supervisor reads this line: how long a start takes is how long the worker is away after each kill.
  await runWorkers(config, { ...deps, evidence: { ...deps.evidence, allowHosts } }, bundle ? { workflowBundle: { codePath: bundle } } : undefined, () => console.log(readyLine));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
