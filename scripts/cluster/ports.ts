import { createServer } from 'node:net';
import type { ClusterPorts } from './temporal-config';

/**
 * The services' ports from the frontend's, laid out as Temporal's own sample configuration lays them out around
 * 7233 (history 7234, matching 7235, worker 7239, membership 6933–6939), so the default frontend port gives
 * Temporal's usual ports and another frontend port moves them all together.
 */
export function clusterPortsFrom(frontend: number): ClusterPorts {
  const membership = frontend - 300;
  return { frontend, history: frontend + 1, matching: frontend + 2, worker: frontend + 6, membership: [membership, membership + 1, membership + 2, membership + 6] };
}

/**
 * Free ports for a cluster of its own (tests): the layout above from a random frontend port between 10000 and
 * 30000, every port checked free. Not the OS's ephemeral ports: Temporal keeps the membership port in a SQL
 * `smallint` (cluster_membership.rpc_port), and a port above 32767 stops the server at start ("out of range for
 * type smallint").
 */
export async function freeClusterPorts(): Promise<ClusterPorts & { postgres: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const frontend = 10_300 + Math.floor(Math.random() * 19_700);
    const ports = { ...clusterPortsFrom(frontend), postgres: frontend + 7 };
    const all = [ports.frontend, ports.history, ports.matching, ports.worker, ...ports.membership, ports.postgres];
    if ((await Promise.all(all.map(isFree))).every(Boolean)) return ports;
  }
  throw new Error('no free ports for a cluster between 10000 and 30000 after 50 tries');
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
