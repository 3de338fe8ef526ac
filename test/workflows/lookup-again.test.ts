import { workflowIds } from '../../domain/ids';
import { targetStatusQuery } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { finalTarget, registerDomains } from '../helpers/case-actions';
import { recordHistory } from '../helpers/record-history';
import { agent, casePackage } from '../helpers/case-fixtures';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';

const t = useWorkflowTest(startWorld);

/**
 * The registry rate-limits longer than the lookup's retries: the target hands the agent a manual lookup,
 * as before, but keeps asking the registry (workflows/domain-seizure/lookup-again.ts), showing the wait; once the registry
 * answers, its record replaces the manual lookup and the target goes on with nobody's work. Found by the
 * chaos run (bench/chaos): a one-minute RDAP outage had sent every target in flight to a person.
 */
test('a registry unreachable past the lookup retries is asked again while the manual lookup waits; its answer ends the task', async () => {
  const [domain] = registerDomains(t.world, 1) as [string];
  t.world.rdap.setBehaviour(domain, 'rate-limit', { retryAfterSeconds: 1 });
  const pkg = casePackage([`http://${domain}:${t.world.shop.port}/`]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
    const target = t.env.client.workflow.getHandle(`domain:${domain}`);
    const task = await waitFor('the manual-lookup task', async () => (await target.query(targetStatusQuery)).task);
    expect(task).toMatchObject({ kind: 'manual-lookup', reason: expect.stringMatching(/RATE_LIMITED/) });

    // Still rate-limited when asked again: the wait shows on the target, with the task still offered.
    const waiting = await waitFor('the wait on the target', async () => { const s = await target.query(targetStatusQuery); return s.waiting && s; }, 60_000);
    expect(waiting).toMatchObject({ stage: 'LOOKUP', task: { kind: 'manual-lookup' }, waiting: { what: 'the registry RDAP', failures: 1 } });

    t.world.rdap.setBehaviour(domain, 'normal');
    const moved = await waitFor('legal review without a person', async () => { const s = await target.query(targetStatusQuery); return s.stage === 'LEGAL_REVIEW' && s; }, 60_000);
    expect(moved.task).toBeUndefined();
    expect(moved.waiting).toBeUndefined();
    expect(moved.registration).toMatchObject({ source: expect.not.stringMatching(/^manual$/), registrar: { name: 'Example Registrar, Inc.' } });
    expect(moved.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^manual lookup needed: /),
      'the registry answered again: its record replaces the manual lookup, which is no longer needed',
    ]));
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: domain, reason: 'test over' }] });
    expect((await finalTarget(target)).stage).toBe('WITHDRAWN');
    await handle.result();
    await recordHistory('domain-seizure.lookup-again', target);
  });
}, 150_000);
