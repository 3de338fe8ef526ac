import { workflowIds } from '../../domain/ids';
import { caseStatusQuery } from '../../domain/case';
import type { TargetStatus } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { finalTarget } from '../helpers/case-actions';
import { agent, casePackage } from '../helpers/case-fixtures';
import { breakEvidenceStore } from '../helpers/evidence-store';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { fastClocks, platformHosts, startProfileWorld, targetWhere } from './profile-world';

/**
 * Our own evidence store cannot be written (here its directory is a file, which no process, root included,
 * can write under): a capture must not fail the target's workflow. It waits, showing the outage, and goes on
 * when the store is back; past the manual-task clock it needs a person.
 */
const t = useWorkflowTest(startProfileWorld);
const settings = { ...fastClocks, outageAttempts: 1, outageRetryFirst: '100ms' };


async function openProfile(taskQueue: string, overrides = {}) {
  const seller = unique('replica-store-');
  t.world.site.live(platformHosts.marketplace, `/usr/${seller}`);
  const pkg = casePackage([t.world.site.link(platformHosts.marketplace, `/usr/${seller}`)], { requestedActions: ['takedown'] });
  const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: { ...settings, ...overrides } }] });
  return { handle, workflowId: `profile:marketplace:ebay/usr/${seller}` };
}

test('the evidence store down: the target waits at EVIDENCE showing the outage, and goes on once it is back', async () => {
  const repair = breakEvidenceStore(t.world.dataDir);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { workflowId } = await openProfile(taskQueue);
    const waiting = await targetWhere(t.env, workflowId, 'a visible wait for the evidence store', (s) => s.waiting?.what === 'the evidence store' && s.waiting.failures >= 2);
    expect(waiting.stage).toBe('EVIDENCE');
    expect(waiting.waiting!.summary).toMatch(/the evidence store/);
    expect(waiting.waiting!.lastError).toMatch(/ENOTDIR|EEXIST|not a directory/i);

    repair();
    const opened = await targetWhere(t.env, workflowId, 'LEGAL_REVIEW', (s) => s.stage === 'LEGAL_REVIEW');
    expect(opened.waiting).toBeUndefined();
    expect(opened.evidence[0]).toMatchObject({ status: 200, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(opened.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^the evidence store answers again \(unreachable from .*, \d+ failed\)$/)]));
    const described = await t.env.client.workflow.getHandle(workflowId).describe();
    expect(described.status.name).toBe('RUNNING');
  });
});

test('the evidence store down past the manual-task clock: the target needs a person, its case is told, nothing ends Failed', async () => {
  breakEvidenceStore(t.world.dataDir);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle, workflowId } = await openProfile(taskQueue, { manualTaskExpireAfter: '3s' });
    const ended: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(workflowId));
    expect(ended.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(ended.timeline.at(-1)).toMatchObject({ action: 'stage FAILED_NEEDS_ATTENTION', detail: expect.stringMatching(/^the evidence could not be kept: the evidence store unreachable since .* until the deadline/) });
    expect((await t.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
    await waitFor('the case told', async () => (await handle.query(caseStatusQuery)).timeline.some((e) => e.action.startsWith(`${workflowId.replace(/^profile:/, '')} needs attention: the evidence could not be kept`)));
  });
});
