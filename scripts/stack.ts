import fs from 'node:fs';
import path from 'node:path';
import { durationMs } from '../domain/duration';
import { loadConfig, loadDotEnv } from '../src/config';
import { seedUsers } from '../src/identity/users';
import { developmentPayloadKey } from '../src/temporal/payload-keys';
import { startProcesses, stopAllOnSignals, type ProcessSpec } from './processes';
import { startTemporalServer } from './temporal-server';

/**
 * Runs the whole system on one machine: the Temporal dev server (state in .data/temporal.db, so a second
 * start finds it intact), the mail sink, the worker and the other processes. Ctrl-C stops all of it.
 */
const processes: ProcessSpec[] = [
  { name: 'mail-sink', entry: 'src/mail-sink/main.ts' },
  { name: 'worker', entry: 'worker/main.ts' },
  { name: 'api', entry: 'src/api/main.ts' },
  { name: 'banner', entry: 'src/banner/main.ts' },
];

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  fs.mkdirSync(config.TAKEDOWN_DATA_DIR, { recursive: true });
  // The worker and the API encrypt every payload with the same key: made here once, before either starts.
  if (!config.TAKEDOWN_PAYLOAD_KEYS) developmentPayloadKey(config.TAKEDOWN_DATA_DIR);
  const temporal = await startTemporalServer({
    port: config.TAKEDOWN_TEMPORAL_PORT,
    uiPort: config.TAKEDOWN_TEMPORAL_UI_PORT,
    dbFile: path.join(config.TAKEDOWN_DATA_DIR, 'temporal.db'),
  });
  const env = { ...process.env, TAKEDOWN_TEMPORAL_ADDRESS: temporal.address, TAKEDOWN_DATA_DIR: config.TAKEDOWN_DATA_DIR };
  const stop = stopAllOnSignals(() => [children, temporal], 'Takedown stopped.');
  // The worker lets its activities in flight finish first (TAKEDOWN_WORKER_SHUTDOWN_GRACE): not cut short on stop.
  const children = startProcesses(processes, env, () => void stop(), { killAfterMs: durationMs(config.TAKEDOWN_WORKER_SHUTDOWN_GRACE) + 10_000 });

  console.log(`
Takedown is running.
  Temporal server     ${temporal.address} (namespace ${config.TAKEDOWN_TEMPORAL_NAMESPACE})
  Temporal Web UI     ${temporal.uiUrl} (payloads encrypted; a supervisor reads them through /codec, see README "Production")
  Mail sink (SMTP)    smtp://${config.TAKEDOWN_SMTP_HOST}:${config.TAKEDOWN_SMTP_PORT} → ${path.join(config.TAKEDOWN_DATA_DIR, 'mail')}
  Data                ${config.TAKEDOWN_DATA_DIR}
  Seizure banner      http://${config.TAKEDOWN_BANNER_HOST}:${config.TAKEDOWN_BANNER_PORT}${config.TAKEDOWN_BANNER_TLS_CERT ? ` and https://${config.TAKEDOWN_BANNER_HOST}:${config.TAKEDOWN_BANNER_HTTPS_PORT}` : ''} (seized domains only: curl -H 'Host: <domain>')
  Web UI and API      http://${config.TAKEDOWN_API_HOST}:${config.TAKEDOWN_API_PORT} (OpenAPI at /docs)
  Worker              ${config.TAKEDOWN_WORKER_HEALTH_PORT ? `http://${config.TAKEDOWN_WORKER_HOST}:${config.TAKEDOWN_WORKER_HEALTH_PORT}/readyz and /metrics (Prometheus)` : 'health and metrics off'}
${identityLines(config)}
Press Ctrl-C to stop.
`);

}

/** Who can sign in: the embedded provider's seeded users and their development passwords, or the organisation's provider. */
function identityLines(config: ReturnType<typeof loadConfig>): string {
  if (config.TAKEDOWN_OIDC_ISSUER) return `  Identity            ${config.TAKEDOWN_OIDC_ISSUER} (roles from the "${config.TAKEDOWN_OIDC_ROLE_CLAIM}" claim)`;
  const users = seedUsers.map((u) => `    ${u.role.padEnd(12)}${u.username.padEnd(11)}${u.password.padEnd(24)}${u.name}`).join('\n');
  return `  Sign in as          (development passwords of the embedded identity provider)\n${users}`;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
