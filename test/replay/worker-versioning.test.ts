import { loadConfig } from '../../src/config';
import { workerVersioning } from '../../worker/versioning';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { TakedownWorker } from '../../worker/takedown-worker';

// Worker Versioning as docs/VERSIONING.md describes it, on the real dev server (Temporal 1.29.1) with the
// installed SDK: a worker joins a deployment version from TAKEDOWN_WORKER_DEPLOYMENT and TAKEDOWN_WORKER_BUILD_ID,
// takes work once that version is current, and a running workflow moves to the next current build (AUTO_UPGRADE).

test('the deployment and build come from the two settings, both or neither', () => {
  expect(workerVersioning(loadConfig({}))).toEqual({});
  expect(workerVersioning(loadConfig({ TAKEDOWN_WORKER_DEPLOYMENT: 'takedown', TAKEDOWN_WORKER_BUILD_ID: 'v1.4.0' }))).toEqual({
    workerDeploymentOptions: { version: { deploymentName: 'takedown', buildId: 'v1.4.0' }, useWorkerVersioning: true, defaultVersioningBehavior: 'AUTO_UPGRADE' },
  });
  expect(() => workerVersioning(loadConfig({ TAKEDOWN_WORKER_BUILD_ID: 'v1.4.0' }))).toThrow('TAKEDOWN_WORKER_DEPLOYMENT and TAKEDOWN_WORKER_BUILD_ID must be set together');
  expect(() => loadConfig({ TAKEDOWN_WORKER_DEPLOYMENT: 'take.down', TAKEDOWN_WORKER_BUILD_ID: 'v1' })).toThrow(/TAKEDOWN_WORKER_DEPLOYMENT: .*no dot/);
});

test('a versioned worker runs the current version; a running workflow moves to the next build made current', async () => {
  const env = await connectTestEnv();
  const taskQueue = unique('versioned-');
  const deployment = unique('takedown-');
  const workerOf = (buildId: string) => TakedownWorker.create({
    connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('./versioned/workflows'),
    ...workerVersioning(loadConfig({ TAKEDOWN_WORKER_DEPLOYMENT: deployment, TAKEDOWN_WORKER_BUILD_ID: buildId })),
  });
  // `temporal worker deployment set-current-version` does this; the version exists once its workers poll.
  const makeCurrent = (buildId: string) => waitFor(`${buildId} made current`, () => env.client.workflowService.setWorkerDeploymentCurrentVersion({ namespace: env.namespace ?? 'default', deploymentName: deployment, buildId, identity: 'worker-versioning test' }).then(() => true, () => false));
  const versionOf = async (workflowId: string) => (await env.client.workflow.getHandle(workflowId).describe()).raw.workflowExecutionInfo?.versioningInfo;

  try {
    const first = await workerOf('build-1');
    const second = await workerOf('build-2');
    const workflowId = unique('versioned-');
    await first.runUntil(async () => {
      await makeCurrent('build-1');
      await env.client.workflow.start('versionedWorkflow', { taskQueue, workflowId });
      await waitFor('the workflow ran its first task on build-1', async () => (await versionOf(workflowId))?.deploymentVersion?.buildId === 'build-1');
      expect((await versionOf(workflowId))?.behavior).toBe(2); // VERSIONING_BEHAVIOR_AUTO_UPGRADE
    });
    await second.runUntil(async () => {
      await makeCurrent('build-2');
      const handle = env.client.workflow.getHandle(workflowId);
      await handle.signal('proceed');
      expect(await handle.result()).toBe('done');
      expect((await versionOf(workflowId))?.deploymentVersion).toMatchObject({ deploymentName: deployment, buildId: 'build-2' });
    });
  } finally {
    await env.teardown();
  }
}, 60_000);
