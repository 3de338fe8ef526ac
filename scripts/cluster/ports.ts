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
