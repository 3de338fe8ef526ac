import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { searchAttributeFlags } from '../domain/search-attributes';

export interface TemporalServerOptions {
  port: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** Persistent SQLite file; omit for an in-memory server. */
  dbFile?: string;
  ip?: string;
  /** Serve the engine's Prometheus metrics on this port (the benchmark reads where the engine's time goes). */
  metricsPort?: number;
  log?: 'inherit' | 'ignore';
}

export interface RunningTemporalServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Finds or builds the `temporal` CLI through scripts/temporal-bin.sh (the one place that knows how). */
export function temporalBinary(): string {
  const script = path.join(__dirname, 'temporal-bin.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** Starts `temporal server start-dev` with our search attributes and waits until it accepts connections. */
export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  const ip = options.ip ?? '127.0.0.1';
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(options.port), '--namespace', 'default', '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.metricsPort) args.push('--metrics-port', String(options.metricsPort));
  // WAL with synchronous=NORMAL: a commit is not flushed to disk one by one (a crash of the engine loses nothing,
  // a power cut the last commits, never the file's consistency).
  if (options.dbFile) args.push('--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  for (const flag of searchAttributeFlags()) args.push('--search-attribute', flag);
  for (const setting of devServerSettings) args.push('--dynamic-config-value', setting);

  const binary = temporalBinary();
  const started = await spawnServer(binary, args, ip, options);
  // An attribute added to a running engine is not seen until its caches refresh (we turn off the refresh on
  // every read, devServerSettings): after adding one, the engine starts again and reads them all at start.
  if (!options.dbFile || !registerMissingSearchAttributes(binary, `${ip}:${options.port}`)) return started;
  await started.stop();
  return spawnServer(binary, args, ip, options);
}

/**
 * The dev server's dynamic config beyond its defaults. Measured with `npm run bench -- operation --targets 1000`
 * (bench/results/, README "Scale"): the last two took the run from 263 s to 198 s and the engine's CPU from 274 s to 185 s.
 */
export const devServerSettings = [
  // Per-host lookup limits (worker/lookup-queue.ts): task-queue fairness keys with a per-key rate limit.
  // The limit is kept per partition, so one partition per queue makes it the limit (a dev server has one host anyway).
  'matching.enableFairness=true',
  'matching.numTaskqueueReadPartitions=1',
  'matching.numTaskqueueWritePartitions=1',
  // start-dev turns this on, so that attributes created while it runs are usable at once; it then reads the
  // namespace and the cluster's metadata from SQLite at every use of a search attribute (257 reads per target,
  // on the one connection every other write waits for). Ours are registered at start (see above).
  'system.forceSearchAttributesCacheRefreshOnRead=false',
  // A case's targets all signal it (open, ended); the engine delivers each signal from a background task that
  // waited at most 500 ms for the case's lock and then gave up as "workflow is busy" to retry later: 6.6 refused
  // deliveries per target in a 250-target case. Waiting longer delivers them in turn.
  'history.cacheNonUserContextLockTimeout="10s"',
];

async function spawnServer(binary: string, args: string[], ip: string, options: TemporalServerOptions): Promise<RunningTemporalServer> {
  // Go's collector ran at every doubling of the engine's heap and took 11-17% of its CPU in profiles of the
  // 10,000-target operation (perf); collecting at every fivefold growth trades a few hundred MB for that time.
  const env = { ...process.env, GOGC: process.env.GOGC ?? '400' };
  const child = spawn(binary, args, { env, stdio: ['ignore', options.log ?? 'ignore', options.log ?? 'ignore'], detached: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitForPort(ip, options.port, 30_000, exited);
  return {
    address: `${ip}:${options.port}`,
    uiUrl: options.uiPort ? `http://${ip}:${options.uiPort}` : undefined,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * `start-dev` registers `--search-attribute`s only when it creates the namespace: a server started on a database
 * from before an attribute existed (an older `npm start`'s `.data/temporal.db`) lacks it, and every workflow
 * that sets it then fails its task ("no mapping defined for search attribute"). What is missing is added;
 * true when something was.
 * The cluster (scripts/cluster) registers them the same way, with its TLS flags in `connectionArgs`.
 */
export function registerMissingSearchAttributes(binary: string, address: string, connectionArgs: string[] = []): boolean {
  const listed = JSON.parse(execFileSync(binary, ['operator', 'search-attribute', 'list', '--address', address, ...connectionArgs, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { customAttributes?: Record<string, string> };
  let added = false;
  for (const flag of searchAttributeFlags()) {
    const [name, type] = flag.split('=') as [string, string];
    if (listed.customAttributes?.[name]) continue;
    execFileSync(binary, ['operator', 'search-attribute', 'create', '--address', address, ...connectionArgs, '--name', name, '--type', type], { stdio: 'ignore' });
    added = true;
  }
  return added;
}

export async function waitForPort(host: string, port: number, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  let dead = false;
  void exited.then(() => (dead = true));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (dead) throw new Error(`temporal server exited before listening on ${host}:${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port }, () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`temporal server did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
