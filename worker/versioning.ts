import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../src/config';

/**
 * Worker Versioning (docs/VERSIONING.md): with TAKEDOWN_WORKER_DEPLOYMENT and TAKEDOWN_WORKER_BUILD_ID set, the
 * worker joins that deployment as that build, and the server sends a workflow's tasks only to workers of the
 * version it runs on. Workflows default to AUTO_UPGRADE: they move to the deployment's current version at
 * their next task, because ours run for months (custody, watches) and pinning them would keep every old
 * build running that long; a change in workflow code therefore still goes behind `patched()`. A new build
 * takes new work only once it is made current (`temporal worker deployment set-current-version`). Unset, the
 * worker is unversioned, as before.
 */
export function workerVersioning(config: Pick<Config, 'TAKEDOWN_WORKER_DEPLOYMENT' | 'TAKEDOWN_WORKER_BUILD_ID'>): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  const deploymentName = config.TAKEDOWN_WORKER_DEPLOYMENT;
  const buildId = config.TAKEDOWN_WORKER_BUILD_ID;
  if (deploymentName === undefined && buildId === undefined) return {};
  if (deploymentName === undefined || buildId === undefined) {
    throw new Error('TAKEDOWN_WORKER_DEPLOYMENT and TAKEDOWN_WORKER_BUILD_ID must be set together (Worker Versioning), or neither');
  }
  return { workerDeploymentOptions: { version: { deploymentName, buildId }, useWorkerVersioning: true, defaultVersioningBehavior: 'AUTO_UPGRADE' } };
}
