import fs from 'node:fs';
import path from 'node:path';
import { durationMs } from '../../domain/duration';
import { loadConfig, loadDotEnv } from '../../src/config';
import { ourProcesses, topology, type OurRole } from '../../deploy/topology';
import { startProcesses, stopAllOnSignals, type ProcessSpec } from '../processes';
import { clusterPayloadKeys } from './payload-key';
import { clusterPortsFrom } from './ports';
import { startTemporalCluster } from './temporal-cluster';

/**
 * `npm run cluster`: the system npm start runs (scripts/stack.ts), on Temporal's own server on PostgreSQL
 * instead of the dev server, with mTLS to the frontend, a generated payload key, and two workers polling the
 * same queues (the topology of deploy/topology.ts, which docker-compose.yml follows too). Everything it keeps is under <TAKEDOWN_DATA_DIR>/cluster. Ctrl-C stops all of it.
 */
/**
 * Our processes as the container stack runs them (deploy/topology.ts: two workers, the API, the banner), plus the
 * mail sink in place of the stack's development mail relay. A worker after the first answers /readyz and
 * /metrics on the next port (one host, several workers).
 */
function processesOf(config: ReturnType<typeof loadConfig>): ProcessSpec[] {
  const ours = topology.flatMap((service) => {
    if (!(service.role in ourProcesses)) return [];
    const { entry } = ourProcesses[service.role as OurRole];
    return Array.from({ length: service.replicas }, (_, i) => ({
      name: service.replicas > 1 ? `${service.service}-${i + 1}` : service.service,
      entry,
      ...(service.role === 'worker' && i > 0 && config.TAKEDOWN_WORKER_HEALTH_PORT ? { env: { TAKEDOWN_WORKER_HEALTH_PORT: String(config.TAKEDOWN_WORKER_HEALTH_PORT + i) } } : {}),
    }));
  });
  return [{ name: 'mail-sink', entry: 'src/mail-sink/main.ts' }, ...ours];
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const dir = path.resolve(config.TAKEDOWN_DATA_DIR, 'cluster');
  const appDir = path.join(dir, 'app');
  fs.mkdirSync(appDir, { recursive: true });
  const postgresPort = Number(process.env.TAKEDOWN_CLUSTER_POSTGRES_PORT ?? 5433);
  const started = Date.now();
  const cluster = await startTemporalCluster(dir, { ...clusterPortsFrom(config.TAKEDOWN_TEMPORAL_PORT), postgres: postgresPort });
  console.log(`Temporal on PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${Object.entries(cluster.timings).map(([k, v]) => `${k} ${v} s`).join(', ')})`);

  const env = {
    ...process.env,
    TAKEDOWN_DATA_DIR: appDir,
    TAKEDOWN_TEMPORAL_ADDRESS: cluster.address,
    ...cluster.tlsEnv,
    TAKEDOWN_PAYLOAD_KEYS: process.env.TAKEDOWN_PAYLOAD_KEYS ?? clusterPayloadKeys(dir),
  };
  const stop = stopAllOnSignals(() => [children, cluster], 'Takedown and its cluster stopped.');
  // The workers let their activities in flight finish first (TAKEDOWN_WORKER_SHUTDOWN_GRACE): not cut short on stop.
  const children = startProcesses(processesOf(config), env, () => void stop(), { killAfterMs: durationMs(config.TAKEDOWN_WORKER_SHUTDOWN_GRACE) + 10_000 });
  console.log(`
Takedown is running on a Temporal cluster.
  Temporal frontend   ${cluster.address} (mTLS: CA ${cluster.tlsEnv.TAKEDOWN_TEMPORAL_TLS_CA}, client certificate ${cluster.tlsEnv.TAKEDOWN_TEMPORAL_TLS_CERT}, server name ${cluster.tlsEnv.TAKEDOWN_TEMPORAL_TLS_SERVER_NAME})
  PostgreSQL          127.0.0.1:${postgresPort} (databases temporal, temporal_visibility; psql -h ${path.join(dir, 'postgres', 'run')} -p ${postgresPort} -U postgres as its owner)
  Payload key         ${path.join(dir, 'payload-keys')} (TAKEDOWN_PAYLOAD_KEYS of every process)
  Workers             ${processesOf(config).filter((p) => p.entry === ourProcesses.worker.entry).length} processes on the same task queues${config.TAKEDOWN_WORKER_HEALTH_PORT ? `; /readyz and /metrics on http://${config.TAKEDOWN_WORKER_HOST}:${config.TAKEDOWN_WORKER_HEALTH_PORT} and :${config.TAKEDOWN_WORKER_HEALTH_PORT + 1}` : ''}
  Mail sink (SMTP)    smtp://${config.TAKEDOWN_SMTP_HOST}:${config.TAKEDOWN_SMTP_PORT} → ${path.join(appDir, 'mail')}
  Seizure banner      http://${config.TAKEDOWN_BANNER_HOST}:${config.TAKEDOWN_BANNER_PORT}
  Web UI and API      http://${config.TAKEDOWN_API_HOST}:${config.TAKEDOWN_API_PORT} (OpenAPI at /docs; sign in as npm start prints)
  Logs of Temporal    ${path.join(dir, 'temporal', 'server.log')}
Press Ctrl-C to stop.
`);

}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
