import path from 'node:path';
import { openDatabase } from '../lib/store/database';
import { actorPublicKeys } from '../src/actor-keys';
import { loadConfig, loadDotEnv } from '../src/config';
import { databaseWritable, temporalReachable } from '../src/health/readiness';
import { startHealthServer, type HealthServer } from '../src/health/server';
import { refuseUnsafeProduction } from '../src/production';
import { prebuiltWorkflowBundle } from './bundle-cache';
import { activityDepsFromConfig } from './deps';
import { installWorkerRuntime } from './observability';
import { runWorkers } from './run';

/**
 * The worker: configuration → its runtime (JSON log, metrics) → the workflow bundle for this version (built
 * once, then read) → its activities' dependencies → the workers, with /healthz, /readyz and /metrics beside. A
 * SIGTERM stops polling and lets activities in flight finish (TAKEDOWN_WORKER_SHUTDOWN_GRACE) before it exits.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  refuseUnsafeProduction(config, 'worker');
  const { runtime, metrics } = await installWorkerRuntime(config);
  const log = runtime.logger;
  const bundleDir = config.TAKEDOWN_WORKFLOW_BUNDLE_DIR ? path.resolve(config.TAKEDOWN_WORKFLOW_BUNDLE_DIR) : path.join(config.TAKEDOWN_DATA_DIR, 'workflow-bundles');
  const bundle = await prebuiltWorkflowBundle(bundleDir, actorPublicKeys(config), log);
  log.info(bundle.built ? 'workflow bundle built' : 'workflow bundle read', { bundleVersion: bundle.version, bundlePath: bundle.codePath, bundleBytes: bundle.bytes, ms: bundle.ms });
  const db = openDatabase(config.dbFile);
  let health: HealthServer | undefined;
  await runWorkers(config, await activityDepsFromConfig(config), { workflowBundle: { codePath: bundle.codePath } }, async ({ workers, connection }) => {
    const port = config.TAKEDOWN_WORKER_HEALTH_PORT;
    if (port) {
      health = await startHealthServer(config.TAKEDOWN_WORKER_HOST, port, {
        temporal: temporalReachable(connection.workflowService),
        database: databaseWritable(db),
        // A worker that is stopping (draining) takes no new work: not ready, though alive.
        workers: () => {
          const states = workers.map((worker) => worker.getState());
          if (states.some((state) => state !== 'RUNNING')) throw new Error(`workers ${states.join(', ')}`);
        },
      }, metrics);
    }
    log.info('worker polling', { taskQueues: workers.map((worker) => worker.options.taskQueue), health: health ? `${health.url}/readyz` : 'off', metrics: health ? `${health.url}/metrics` : 'off', uptimeMs: Math.round(process.uptime() * 1000) });
  });
  log.info('worker stopped: activities in flight drained');
  await health?.close();
  db.close();
}

main().then(() => process.exit(0), (error) => {
  const message = error instanceof Error ? error.message : String(error);
  // The runtime (and its JSON log) may not be installed yet: a configuration error comes before it.
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'ERROR', msg: 'worker failed', error: message })}\n`);
  process.exit(1);
});
