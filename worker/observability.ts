import { Runtime } from '@temporalio/worker';
import type { Config } from '../src/config';
import { jsonLogger } from '../src/logging/json-logger';

/**
 * The worker process's Temporal runtime, installed once before any connection: the SDK's log (the worker's,
 * every workflow's and activity's, the Rust core's) as JSON lines, and the SDK's metrics (task latencies,
 * slots, polls, workflow and activity outcomes) in Prometheus format at http://<host>:<port>/metrics. SIGTERM
 * and SIGINT stop the workers (the runtime's own signal handling), which then drain (worker/run.ts).
 */
export function installWorkerRuntime(config: Config): Runtime {
  const metricsPort = config.TAKEDOWN_WORKER_METRICS_PORT;
  return Runtime.install({
    logger: jsonLogger(config.TAKEDOWN_LOG_LEVEL),
    telemetryOptions: metricsPort ? { metrics: { prometheus: { bindAddress: `${config.TAKEDOWN_WORKER_HOST}:${metricsPort}` } } } : {},
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
}
