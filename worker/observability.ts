import net from 'node:net';
import { Runtime } from '@temporalio/worker';
import type { Config } from '../src/config';
import { jsonLogger } from '../src/logging/json-logger';
import type { MetricsSource } from '../src/health/server';

/**
 * The worker process's Temporal runtime, installed once before any connection: the SDK's log (the worker's,
 * every workflow's and activity's, the Rust core's) as JSON lines, and the SDK's metrics (task latencies,
 * slots, polls, workflow and activity outcomes) in Prometheus format. The SDK's exporter listens on a loopback
 * port of its own, picked free at start; the worker's health port serves its text at `/metrics`, so the probes
 * and the scraper share one port (TAKEDOWN_WORKER_HEALTH_PORT, as deploy/topology.ts has it). SIGTERM and
 * SIGINT stop the workers (the runtime's own signal handling), which then drain (worker/run.ts).
 */
export async function installWorkerRuntime(config: Config): Promise<{ runtime: Runtime; metrics?: MetricsSource }> {
  const exporter = config.TAKEDOWN_WORKER_HEALTH_PORT ? `127.0.0.1:${await freeLoopbackPort()}` : undefined;
  const runtime = Runtime.install({
    logger: jsonLogger(config.TAKEDOWN_LOG_LEVEL),
    telemetryOptions: exporter ? { metrics: { prometheus: { bindAddress: exporter } } } : {},
    shutdownSignals: ['SIGINT', 'SIGTERM'],
  });
  if (!exporter) return { runtime };
  return {
    runtime,
    metrics: async () => {
      const response = await fetch(`http://${exporter}/metrics`, { signal: AbortSignal.timeout(5_000) });
      return { status: response.status, contentType: response.headers.get('content-type') ?? 'text/plain; version=0.0.4', body: await response.text() };
    },
  };
}

/** A loopback port free now (the OS picks it; the exporter binds it a moment later). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
