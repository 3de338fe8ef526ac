import fs from 'node:fs';
import type { RunningCluster } from '../../scripts/cluster/temporal-cluster';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __CLUSTER__?: RunningCluster & { dir: string } }).__CLUSTER__;
  if (!cluster) return;
  await cluster.stop();
  fs.rmSync(cluster.dir, { recursive: true, force: true });
}
