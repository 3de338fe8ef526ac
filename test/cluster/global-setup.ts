import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusterPayloadKeys } from '../../scripts/cluster/payload-key';
import { startTemporalCluster, type RunningCluster } from '../../scripts/cluster/temporal-cluster';
import { freePort } from '../../scripts/temporal-server';
import type { ClusterUnderTest } from './cluster-under-test';

/** One Temporal cluster on PostgreSQL per run, in a temporary directory, on free ports; tests read TAKEDOWN_CLUSTER_TEST. */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-cluster-'));
  fs.chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data directory inside
  const [frontend, history, matching, worker, m1, m2, m3, m4, postgres] = await Promise.all(Array.from({ length: 9 }, () => freePort()));
  const started = Date.now();
  const cluster = await startTemporalCluster(dir, { frontend: frontend!, history: history!, matching: matching!, worker: worker!, membership: [m1!, m2!, m3!, m4!], postgres: postgres! });
  console.log(`\ncluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(cluster.timings)}`);
  const underTest: ClusterUnderTest = { dir, address: cluster.address, tlsEnv: cluster.tlsEnv, postgresPort: postgres!, payloadKeys: clusterPayloadKeys(dir) };
  process.env.TAKEDOWN_CLUSTER_TEST = JSON.stringify(underTest);
  (globalThis as { __CLUSTER__?: RunningCluster & { dir: string } }).__CLUSTER__ = { ...cluster, dir };
}
