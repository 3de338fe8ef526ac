import { ApplicationFailure } from '@temporalio/common';
import { caseStatusQuery } from '../../domain/case';
import type { TargetStatus } from '../../domain/target';
import { finalTarget } from '../helpers/case-actions';
import { breakEvidenceStore } from '../helpers/evidence-store';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { approve, fastClocks, openProfileCase, platformHosts, recordWarrant, startProfileWorld, targetWhere } from './profile-world';

/**
 * Issue 14: a profile takedown's two calls on things that can be down, besides the evidence capture
 * (evidence-outage.test.ts): the page check while the platform has time to comply (COMPLIANCE, then
 * VERIFICATION), and the read of the platform contact directory after counsel approves. Either one down is a
 * visible wait naming what is down and when it is looked at again; past the stage's deadline the target needs a
 * person and its case is told; no workflow ends Failed and no workflow task fails.
 */
const t = useWorkflowTest(startProfileWorld);
const outageClocks = { ...fastClocks, outageAttempts: 1, outageRetryFirst: '100ms' };

let repair: (() => void) | undefined;
afterEach(() => { repair?.(); repair = undefined; });

async function noWorkflowTaskFailed(workflowId: string) {
  const history = await t.env.client.workflow.getHandle(workflowId).fetchHistory();
  expect((history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
}

test('the page check down at COMPLIANCE (our evidence store cannot keep the page): a visible wait with its next check, then past the deadlines the target needs a person; nothing Failed', async () => {
  const seller = unique('outage-seller-');
  const key = `marketplace:ebay/usr/${seller}`;
  const workflowId = `profile:${key}`;
  t.world.site.live(platformHosts.marketplace, `/usr/${seller}`);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const { handle } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.marketplace, `/usr/${seller}`)], { requestedActions: ['takedown'] }, { ...outageClocks, platformResponseWithin: '6s', verificationDeadline: '4s' });
    await approve(t.env, handle);
    await targetWhere(t.env, workflowId, 'WARRANT', (s) => s.stage === 'WARRANT');
    await recordWarrant(handle, [key]);
    await targetWhere(t.env, workflowId, 'COMPLIANCE', (s) => s.stage === 'COMPLIANCE');
    repair = breakEvidenceStore(t.world.dataDir);

    // The platform has until its deadline; the page cannot be checked meanwhile, and the target says so.
    const waiting = await targetWhere(t.env, workflowId, 'a visible wait for the page check', (s) => s.waiting?.what === 'the profile page check');
    expect(waiting.stage).toBe('COMPLIANCE');
    expect(waiting.waiting).toMatchObject({ failures: expect.any(Number), lastError: expect.stringMatching(/ENOTDIR|EEXIST|not a directory/i) });
    expect(Date.parse(waiting.waiting!.nextCheckAt)).toBeGreaterThan(Date.parse(waiting.waiting!.since));
    expect(waiting.waiting!.summary).toMatch(/^the profile page check unreachable since .*next check/);
    expect(waiting.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(/^the profile page check unreachable since /)]));
    // Never recorded as a look at the page: no "still up" from a check whose page could not be kept.
    expect(waiting.timeline.map((e) => e.action)).not.toContainEqual(expect.stringMatching(/profile check: still up \(no answer/));
    expect((await t.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    // Past the platform's deadline and then verification's, with the store still down: a person is needed, and told.
    const ended: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(workflowId));
    expect(ended.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(ended.timeline.at(-1)).toMatchObject({ action: 'stage FAILED_NEEDS_ATTENTION', detail: expect.stringMatching(/^the profile could not be checked by the verification deadline: the profile page check unreachable since /) });
    expect(ended.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['stage VERIFICATION']));
    expect((await t.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
    await noWorkflowTaskFailed(workflowId);
    await waitFor('the case told', async () => (await handle.query(caseStatusQuery)).timeline.some((e) => e.action.startsWith(`${key} needs attention: the profile could not be checked`)));
  });
}, 120_000);

test('the contact directory cannot be read after approval: a visible wait with its next read, then past the manual-task clock the target needs a person; nothing Failed', async () => {
  const seller = unique('directory-seller-');
  const key = `marketplace:ebay/usr/${seller}`;
  const workflowId = `profile:${key}`;
  t.world.site.live(platformHosts.marketplace, `/usr/${seller}`);
  // The directory is configuration the worker holds; its read fails here as a broken configuration mount would
  // (a retryable failure of the real activity's call), while every other activity is the world's own.
  let reads = 0;
  const activities = {
    ...t.world.activities,
    noticeDirectory: async () => { reads += 1; throw ApplicationFailure.retryable('the contact directory file cannot be read: EIO', 'DIRECTORY_UNREADABLE'); },
  };
  await withWorker(t.env, t.bundle, activities, async (taskQueue) => {
    const { handle } = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.marketplace, `/usr/${seller}`)], { requestedActions: ['takedown'] }, { ...outageClocks, manualTaskExpireAfter: '5s' });
    await approve(t.env, handle);
    const waiting = await targetWhere(t.env, workflowId, 'a visible wait for the directory', (s) => s.waiting?.what === 'the contact directory' && s.waiting.failures >= 2);
    expect(waiting.waiting).toMatchObject({ lastError: expect.stringContaining('the contact directory file cannot be read'), nextCheckAt: expect.any(String), dueBy: expect.any(String) });
    expect(waiting.waiting!.summary).toMatch(/^the contact directory unreachable since .*next check/);
    expect((await t.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('RUNNING');

    const ended: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(workflowId));
    expect(ended.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(ended.timeline.at(-1)).toMatchObject({ action: 'stage FAILED_NEEDS_ATTENTION', detail: expect.stringMatching(/^the platform contacts could not be read: the contact directory unreachable since .* until the deadline/) });
    expect(reads).toBeGreaterThanOrEqual(2);
    expect((await t.env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
    await noWorkflowTaskFailed(workflowId);
    await waitFor('the case told', async () => (await handle.query(caseStatusQuery)).timeline.some((e) => e.action.startsWith(`${key} needs attention: the platform contacts could not be read`)));
  });
}, 120_000);
