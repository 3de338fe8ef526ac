import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusterPayloadKeys } from '../../scripts/cluster/payload-key';
import { freeClusterPorts } from '../../scripts/cluster/ports';
import { startTemporalCluster, type RunningCluster } from '../../scripts/cluster/temporal-cluster';
import type { ClusterUnderTest } from './cluster-under-test';

/** One Temporal cluster on PostgreSQL per run, in a temporary directory, on free ports; tests read TAKEDOWN_CLUSTER_TEST. */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-cluster-'));
  fs.chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data directory inside
  const ports = await freeClusterPorts();
  const started = Date.now();
  // A cluster that did not start has stopped what it started; its directory goes too (no teardown runs after a failed setup).
  const cluster = await startTemporalCluster(dir, ports).catch((error: unknown) => { fs.rmSync(dir, { recursive: true, force: true }); throw error; });
  console.log(`\ncluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(cluster.timings)}`);
  const underTest: ClusterUnderTest = { dir, address: cluster.address, tlsEnv: cluster.tlsEnv, postgresPort: ports.postgres, payloadKeys: clusterPayloadKeys(dir) };
  process.env.TAKEDOWN_CLUSTER_TEST = JSON.stringify(underTest);
  (globalThis as { __CLUSTER__?: RunningCluster & { dir: string } }).__CLUSTER__ = { ...cluster, dir };
}
