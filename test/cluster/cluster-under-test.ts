import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { TASK_QUEUE } from '../../domain/task-queues';
import { loadConfig } from '../../src/config';
import { temporalOptions } from '../../src/temporal/options';
import { workflowBundle } from '../../worker/workflow-bundle';
import { workerEnvironment } from '../../bench/chaos/run';
import { superviseWorker, type SupervisedWorker } from '../../bench/chaos/worker-supervisor';
import { startApi, type BenchApi } from '../../bench/pipeline/api';
import { postgresClient } from '../../scripts/cluster/postgres';
import { testBundleOptions } from '../helpers/signed-actor';
import { waitFor } from '../helpers/wait';
import { startProfileWorld, type ProfileWorld } from '../workflows/profile-world';

/** What jest's global setup (test/cluster/global-setup.ts) hands the tests in TAKEDOWN_CLUSTER_TEST. */
export interface ClusterUnderTest {
  /** The cluster's directory: PostgreSQL in postgres/, the TLS files in tls/. */
  dir: string;
  address: string;
  tlsEnv: Record<'TAKEDOWN_TEMPORAL_TLS_CA' | 'TAKEDOWN_TEMPORAL_TLS_CERT' | 'TAKEDOWN_TEMPORAL_TLS_KEY' | 'TAKEDOWN_TEMPORAL_TLS_SERVER_NAME', string>;
  postgresPort: number;
  payloadKeys: string;
}

export function clusterUnderTest(): ClusterUnderTest {
  const value = process.env.TAKEDOWN_CLUSTER_TEST;
  if (!value) throw new Error('TAKEDOWN_CLUSTER_TEST is not set: run these tests with `npm run test:cluster` (its global setup starts the cluster)');
  return JSON.parse(value) as ClusterUnderTest;
}

/** The system on the cluster, pointed at the fixture world: two real worker processes, the real API in-process. */
export interface ClusterWorld {
  cluster: ClusterUnderTest;
  world: ProfileWorld;
  /** The two worker processes (bench/chaos/worker-process.ts: worker/run.ts on the configuration in its environment). */
  workers: [SupervisedWorker, SupervisedWorker];
  /** A client as our processes connect: mTLS and the payload codec (src/temporal/options.ts). */
  client: Client;
  api: BenchApi;
  /** psql / pg_dump against the cluster's PostgreSQL, as its superuser. */
  postgres: ReturnType<typeof postgresClient>['run'];
  close(): Promise<void>;
}

export async function startClusterWorld(): Promise<ClusterWorld> {
  const cluster = clusterUnderTest();
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => { for (const cleanup of cleanups) await cleanup().catch(() => undefined); };
  try {
    const world = await startProfileWorld();
    cleanups.unshift(() => world.close());
    // Bundled once for both workers (as the chaos run does), so neither spends its start bundling.
    const bundle = await bundleWorkflowCode({ ...workflowBundle, logger: new DefaultLogger('ERROR'), ...testBundleOptions() });
    const bundleFile = path.join(world.dataDir, 'workflow-bundle.js');
    fs.writeFileSync(bundleFile, bundle.code);
    const env = { ...workerEnvironment(cluster.address, world, bundleFile), ...cluster.tlsEnv, TAKEDOWN_PAYLOAD_KEYS: cluster.payloadKeys };
    // Not restarted within a run: a killed worker stays dead, so what finishes, finishes on the other.
    const workers = [0, 1].map(() => superviseWorker(env, { restartAfterMs: 24 * 3600_000 })) as [SupervisedWorker, SupervisedWorker];
    for (const worker of workers) cleanups.unshift(() => worker.stop());
    await waitFor('both workers polling', () => workers.every((w) => w.startSeconds.length > 0), 120_000);

    const temporal = temporalOptions(loadConfig({ TAKEDOWN_TEMPORAL_ADDRESS: cluster.address, ...cluster.tlsEnv, TAKEDOWN_PAYLOAD_KEYS: cluster.payloadKeys, TAKEDOWN_DATA_DIR: world.dataDir }));
    const connection = await Connection.connect(temporal.connection);
    cleanups.unshift(() => connection.close());
    const client = new Client({ connection, namespace: temporal.namespace, dataConverter: temporal.dataConverter });
    const api = await startApi(client, TASK_QUEUE, world.dataDir);
    cleanups.unshift(() => api.close());
    return { cluster, world, workers, client, api, postgres: postgresClient(path.join(cluster.dir, 'postgres'), cluster.postgresPort).run, close };
  } catch (error) {
    await close();
    throw error;
  }
}
