import { startTargets } from '../../activities/targets/start-targets';
import { searchAttributes } from '../../domain/search-attributes';
import { connectTestEnv, unique } from '../helpers/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A case's start activity retried after a crash (the worker killed between starting the targets and
 * answering) meets targets whose first workflow task has not run yet. They are this case's own: counted
 * started, never reported as held by another case. No worker polls the queue here, so no task ever runs.
 */
let env: TestWorkflowEnvironment;
beforeAll(async () => { env = await connectTestEnv(); });
afterAll(() => env?.teardown());

test('a retried start meets its own targets before their first task ran: started, not duplicates', async () => {
  const taskQueue = unique('nobody-polls-');
  const caseId = unique('HSI-NY-2026-');
  const lines = [`${unique('retry-a-')}.com`, `${unique('retry-b-')}.com`];
  const workflowIds = lines.map((domain) => `domain:${domain}`);
  const input = { caseId, taskQueue, common: { caseId }, lines };
  try {
    expect(await startTargets(env.client, input)).toEqual({ started: 2, duplicates: [] });
    expect(await startTargets(env.client, input)).toEqual({ started: 2, duplicates: [] });
    // Another case meets them held by this one, named.
    const other = await startTargets(env.client, { ...input, caseId: 'HSI-OTHER-2' });
    expect(other.duplicates.map((d) => [d.workflowId, d.caseId]).sort()).toEqual(workflowIds.map((id) => [id, caseId]).sort());
    const described = await env.client.workflow.getHandle(workflowIds[0]!).describe();
    expect(described.typedSearchAttributes.get(searchAttributes.CaseId)).toBe(caseId);
  } finally {
    for (const id of workflowIds) await env.client.workflow.getHandle(id).terminate('test over').catch(() => undefined);
  }
});
