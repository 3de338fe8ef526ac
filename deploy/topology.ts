/**
 * What a deployment runs, in one place. docker-compose.yml is held to it by test/deploy/compose.test.ts, and a
 * script that starts the same system another way (scripts/cluster.sh) follows it: `npx tsx deploy/topology.ts`
 * prints one line per process for a shell to read.
 */

/** How far a service's ports reach: nowhere beyond its own network, this host's loopback (a reverse proxy or an SSH tunnel in front), or everyone. */
export type Exposure = 'none' | 'loopback' | 'public';

/** Where each of our processes answers liveness, readiness (Temporal reachable, database writable) and, for the worker, metrics. */
export interface HealthEndpoint {
  port: number;
  live: string;
  ready: string;
  metrics?: string;
  /** The setting that moves the port, when the process has no other listener to share. */
  portVariable?: string;
}

/**
 * The health endpoints every health check probes (the containers' and the cluster script's alike). The API's
 * `/healthz` exists; `/readyz` on each process and the worker's port (health and Prometheus metrics on one
 * listener, set by `TAKEDOWN_WORKER_HEALTH_PORT`) come with the operations work of issue 15, which matches these.
 * The banner answers both whatever the Host header says: they are not a seized domain's page.
 */
export const healthEndpoints = {
  api: { port: 8080, live: '/healthz', ready: '/readyz' },
  banner: { port: 8090, live: '/healthz', ready: '/readyz' },
  worker: { port: 9464, live: '/healthz', ready: '/readyz', metrics: '/metrics', portVariable: 'TAKEDOWN_WORKER_HEALTH_PORT' },
} as const satisfies Record<string, HealthEndpoint>;

/** Our own processes: one image, the command choosing the role (the entry point), and the name production mode (src/production.ts) knows each by. */
export const ourProcesses = {
  worker: { entry: 'worker/main.ts', processName: 'worker' },
  api: { entry: 'src/api/main.ts', processName: 'API' },
  banner: { entry: 'src/banner/main.ts', processName: 'banner' },
} as const;

export type OurRole = keyof typeof ourProcesses;
export type Role = OurRole | 'database' | 'temporal' | 'temporal-ui' | 'mail';

export interface ServiceSpec {
  service: string;
  role: Role;
  replicas: number;
  exposure: Exposure;
  /** Started only for a trial (`docker compose --profile development`): production relays mail through its own server. */
  developmentOnly?: boolean;
}

/** The long-running services: two workers (so a worker can stop while work goes on), the API, the banner, Temporal on PostgreSQL, its Web UI, a mail relay. */
export const topology: readonly ServiceSpec[] = [
  { service: 'postgres', role: 'database', replicas: 1, exposure: 'none' },
  { service: 'temporal', role: 'temporal', replicas: 1, exposure: 'none' },
  { service: 'temporal-ui', role: 'temporal-ui', replicas: 1, exposure: 'loopback' },
  { service: 'mail', role: 'mail', replicas: 1, exposure: 'loopback', developmentOnly: true },
  { service: 'worker', role: 'worker', replicas: 2, exposure: 'none' },
  { service: 'api', role: 'api', replicas: 1, exposure: 'loopback' },
  // Seized domains resolve to the banner: it alone answers the world directly.
  { service: 'banner', role: 'banner', replicas: 1, exposure: 'public' },
];

/** One-shot steps with Temporal's admin tools, in order: the schemas before the server starts, then our namespace and search attributes once it serves. */
export const setupSteps = [
  { service: 'temporal-schema', script: 'deploy/temporal/setup-schema.sh', before: 'temporal' },
  { service: 'temporal-namespace', script: 'deploy/temporal/setup-namespace.sh', after: 'temporal' },
] as const;

/**
 * Temporal's server and Web UI versions: the dev server's (`temporal --version` of the CLI scripts/temporal-bin.sh
 * builds), so a cluster runs what the tests ran against.
 */
export const temporalVersions = { server: '1.29.1', ui: '2.42.1' } as const;

/** Temporal's dynamic configuration for a cluster (fairness for the per-host lookup limit; see the file). */
export const temporalDynamicConfig = 'deploy/temporal/dynamicconfig.yaml';

/** `service role replicas exposure entry` lines, for shell scripts. */
export function topologyLines(): string[] {
  return topology.map((s) => [s.service, s.role, s.replicas, s.exposure, s.role in ourProcesses ? ourProcesses[s.role as OurRole].entry : '-'].join(' '));
}

if (require.main === module) console.log(topologyLines().join('\n'));
