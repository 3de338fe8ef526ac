import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { registerMissingSearchAttributes, temporalBinary, waitForPort } from '../temporal-server';
import { startPostgres, type RunningPostgres } from './postgres';
import { setUpSchemas } from './schema';
import { writeTemporalConfig, type ClusterPorts } from './temporal-config';

export const clusterServerName = 'temporal.cluster.local';

export interface RunningCluster {
  address: string;
  postgres: RunningPostgres;
  /** What a process of ours needs to reach the frontend over mTLS (src/temporal/options.ts reads these). */
  tlsEnv: { TAKEDOWN_TEMPORAL_TLS_CA: string; TAKEDOWN_TEMPORAL_TLS_CERT: string; TAKEDOWN_TEMPORAL_TLS_KEY: string; TAKEDOWN_TEMPORAL_TLS_SERVER_NAME: string };
  /** Seconds each step took: the figures the README quotes. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Temporal's own server on PostgreSQL, on this machine: PostgreSQL in <dir>/postgres, the TLS files in <dir>/tls,
 * the server's configuration in <dir>/temporal; the server and temporal-sql-tool built once
 * (temporal-server-bin.sh); the schemas, the `default` namespace and our search attributes set up on every start
 * (each step keeps what exists). Resolves when the namespace answers over mTLS.
 */
export async function startTemporalCluster(dir: string, ports: ClusterPorts & { postgres: number }, log: 'inherit' | 'ignore' = 'ignore'): Promise<RunningCluster> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const started = Date.now();
    try { return await step(); } finally { timings[name] = Math.round((Date.now() - started) / 100) / 10; }
  };
  const serverDir = await timed('build', () => execFileSync('bash', [path.join(__dirname, 'temporal-server-bin.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
  const cli = temporalBinary();
  const tlsDir = path.join(dir, 'tls');
  execFileSync('bash', [path.join(__dirname, 'tls.sh'), tlsDir, clusterServerName], { stdio: 'inherit' });
  const postgres = await timed('postgres', () => startPostgres(path.join(dir, 'postgres'), ports.postgres));
  try {
    await timed('schemas', () => setUpSchemas(serverDir, postgres));
    const root = path.join(dir, 'temporal');
    writeTemporalConfig({ root, ports, postgres, tlsDir, serverName: clusterServerName });
    const started = Date.now();
    const logFile = fs.openSync(path.join(root, 'server.log'), 'a');
    const server = spawn(path.join(serverDir, 'temporal-server'), ['--root', root, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'],
      { cwd: root, stdio: ['ignore', log === 'inherit' ? 'inherit' : logFile, log === 'inherit' ? 'inherit' : logFile] });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    const address = `127.0.0.1:${ports.frontend}`;
    const tlsEnv = {
      TAKEDOWN_TEMPORAL_TLS_CA: path.join(tlsDir, 'ca.pem'),
      TAKEDOWN_TEMPORAL_TLS_CERT: path.join(tlsDir, 'client.pem'),
      TAKEDOWN_TEMPORAL_TLS_KEY: path.join(tlsDir, 'client-key.pem'),
      TAKEDOWN_TEMPORAL_TLS_SERVER_NAME: clusterServerName,
    };
    const stopServer = async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    };
    try {
      await waitForPort('127.0.0.1', ports.frontend, 60_000, exited);
      const tlsArgs = ['--tls-ca-path', tlsEnv.TAKEDOWN_TEMPORAL_TLS_CA, '--tls-cert-path', tlsEnv.TAKEDOWN_TEMPORAL_TLS_CERT, '--tls-key-path', tlsEnv.TAKEDOWN_TEMPORAL_TLS_KEY, '--tls-server-name', clusterServerName];
      await ensureNamespace(cli, address, tlsArgs, exited);
      await registerSearchAttributes(cli, address, tlsArgs);
      timings.server = Math.round((Date.now() - started) / 100) / 10;
    } catch (error) {
      await stopServer();
      throw new Error(`${(error as Error).message} (server log: ${path.join(root, 'server.log')})`);
    }
    fs.closeSync(logFile);
    return {
      address, postgres, tlsEnv, timings,
      async stop() { await stopServer(); postgres.stop(); },
    };
  } catch (error) {
    postgres.stop();
    throw error;
  }
}

/** A new cluster has no namespace: `default` is created once the frontend answers (asked again while it starts). */
async function ensureNamespace(cli: string, address: string, tlsArgs: string[], exited: Promise<number | null>): Promise<void> {
  let dead = false;
  void exited.then(() => (dead = true));
  const until = Date.now() + 60_000;
  let last = '';
  while (Date.now() < until) {
    if (dead) throw new Error('temporal-server exited while starting');
    try {
      execFileSync(cli, ['operator', 'namespace', 'describe', '--address', address, ...tlsArgs, '-n', 'default'], { stdio: 'pipe' });
      return;
    } catch (error) {
      last = String((error as { stderr?: Buffer }).stderr ?? error);
    }
    try {
      execFileSync(cli, ['operator', 'namespace', 'create', '--address', address, ...tlsArgs, '-n', 'default', '--retention', '7d'], { stdio: 'pipe' });
    } catch (error) {
      last = String((error as { stderr?: Buffer }).stderr ?? error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the default namespace could not be created on ${address}: ${last.trim()}`);
}

/**
 * Our search attributes on `default`, asked again for up to 30 s: a namespace just created is in the database
 * at once but reaches the frontend's namespace cache only at its next refresh (up to about 10 s), and until then
 * the frontend answers "Namespace default is not found".
 */
async function registerSearchAttributes(cli: string, address: string, tlsArgs: string[]): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    try {
      registerMissingSearchAttributes(cli, address, tlsArgs);
      return;
    } catch (error) {
      if (Date.now() > until || !/not found/i.test(String((error as { stderr?: Buffer }).stderr ?? error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
