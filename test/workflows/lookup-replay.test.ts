import { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import { targetStatusQuery } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage, counsel } from '../helpers/case-fixtures';
import { recordHistory } from '../helpers/record-history';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';
import { decide, submit } from '../helpers/case-actions';

const t = useWorkflowTest(startWorld);

/** Whether the worker ran the catch block in a later workflow task than the one that recorded the lookup plan's marker. */
async function splitAfterPlan(handle: ReturnType<typeof t.env.client.workflow.getHandle>): Promise<boolean> {
  const { events } = await handle.fetchHistory();
  const plan = events!.findIndex((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
  return events![plan + 1]?.workflowTaskScheduledEventAttributes != null;
}

/** A case of two .gy domains (no RDAP server: the plan fails at once); counsel excludes one while it waits for its manual lookup. */
async function excludeWhileWaiting(taskQueue: string) {
  const [excluded, other] = [`${unique('fake-pharma-')}.gy`, `${unique('fake-pharma-')}.gy`];
  const pkg = casePackage([excluded, other]);
  const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
  const target = t.env.client.workflow.getHandle(`domain:${excluded}`);
  await waitFor('the manual-lookup task', async () => (await target.query(targetStatusQuery)).task, 120_000);
  await submit(t.env, handle, agent);
  await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1, exclude: [{ target: excluded, reason: 'the registrant is cooperating' }] });
  await target.result();
  await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: other, reason: 'test cleanup' }] });
  return target;
}

// When the lookup plan (a local activity) fails at once, a busy worker sometimes records its marker in one
// workflow task and runs what follows in the next, while a replay resolves it within the first. Several
// cases at once make both orders happen; every target's history must replay either way (a query after the
// target ends, or a worker that lost it from its cache, replays it).
test('a domain whose lookup fails at once replays from its history, whichever workflow task ran its failure path', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const targets = await Promise.all(Array.from({ length: 6 }, () => excludeWhileWaiting(taskQueue)));
    const split = [];
    for (const target of targets) {
      await Worker.runReplayHistory({ workflowBundle: t.bundle, replayName: target.workflowId }, await target.fetchHistory());
      if (await splitAfterPlan(target)) split.push(target);
    }
    if (split[0]) await recordHistory('domain-seizure.lookup-fails-at-once', split[0]);
    // Each ended as counsel decided, its manual-lookup task gone.
    for (const target of targets) {
      const status = await target.query(targetStatusQuery);
      expect(status.stage).toBe('EXCLUDED');
      expect(status.task).toBeUndefined();
    }
  });
}, 300_000);
