import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { searchAttributes } from '../../domain/search-attributes';
import { normalizeTargetOrThrow, type DomainTarget } from '../../domain/targets';
import { engineAttention } from '../../src/api/metrics/engine-attention';
import type { domainSeizureWorkflow } from '../../workflows/domain-seizure/domain-seizure';
import { agent } from '../helpers/case-fixtures';
import { bundleWorkflows, connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { TakedownWorker } from '../../worker/takedown-worker';

// The dashboard's "needs a person" and "stalled" come from Temporal's own record of executions: a run that
// Failed or was Terminated counts, though it never reported FAILED_NEEDS_ATTENTION to anyone.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => { [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]); });
afterAll(() => env?.teardown());

test('counts failed and terminated runs, our FAILED_NEEDS_ATTENTION and breached deadlines, scoped to a case', async () => {
  const caseId = unique('HSI-ATT-');
  const idle = unique('no-worker-'); // runs parked on a queue nobody polls keep the search attributes they started with
  const start = (suffix: string, extra: { Stage?: string; DeadlineState?: string } = {}, settings: Record<string, unknown> = {}, taskQueue = idle) => {
    const target = normalizeTargetOrThrow(`${unique(`${suffix}-`)}.com`) as DomainTarget;
    return env.client.workflow.start<typeof domainSeizureWorkflow>('domainSeizureWorkflow', {
      taskQueue, workflowId: `domain:${target.domain}`,
      args: [{ caseId, caseWorkflowId: `case:${caseId}`, target, facts: { caseId, title: 'Attention', offence: 'x', statutes: [] } as never, evidenceUrls: [], openedBy: agent, settings: settings as never }],
      typedSearchAttributes: [
        { key: searchAttributes.CaseId, value: caseId }, { key: searchAttributes.TargetKind, value: 'domain' },
        ...(extra.Stage ? [{ key: searchAttributes.Stage, value: extra.Stage }] : []),
        ...(extra.DeadlineState ? [{ key: searchAttributes.DeadlineState, value: extra.DeadlineState }] : []),
      ],
    });
  };
  // A refused input fails the run at once: Temporal records it Failed, our stages never hear of it.
  const taskQueue = unique('attention-');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
  await worker.runUntil(async () => {
    const failed = await start('refused', {}, { verificationDeadline: 'soon' }, taskQueue);
    await expect(failed.result()).rejects.toThrow();
  });
  const terminated = await start('terminated');
  await terminated.terminate('an operator stopped it');
  await start('ours', { Stage: 'FAILED_NEEDS_ATTENTION' });
  await start('late', { Stage: 'COMPLIANCE', DeadlineState: 'BREACHED' });
  await start('fine', { Stage: 'COMPLIANCE', DeadlineState: 'OK' });

  const attention = await waitFor('visibility to list them all', async () => {
    const seen = await engineAttention(env.client, { caseId });
    return seen.needsPerson.total === 3 && seen.stalled.total === 1 && seen;
  });
  expect(attention.needsPerson.byReason).toEqual({ FAILED_NEEDS_ATTENTION: 1, Failed: 1, TimedOut: 0, Terminated: 1 });
  expect(attention.needsPerson.executions.map((e) => [e.workflowId.replace(/-[0-9a-f]{8}\.com$/, ''), e.status]).sort()).toEqual([
    ['domain:ours', 'RUNNING'], ['domain:refused', 'FAILED'], ['domain:terminated', 'TERMINATED'],
  ]);
  expect(attention.stalled.executions.map((e) => [e.workflowId.replace(/-[0-9a-f]{8}\.com$/, ''), e.reason])).toEqual([['domain:late', 'deadline breached']]);
  // The dev server (1.29) has no TemporalReportedProblems: said so, not silently counted as zero problems.
  expect(typeof attention.stalled.serverReportsProblems).toBe('boolean');
  // Another case's view does not see them.
  expect((await engineAttention(env.client, { caseId: unique('HSI-OTHER-') })).needsPerson.total).toBe(0);
});
