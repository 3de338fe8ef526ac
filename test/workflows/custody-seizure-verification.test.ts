import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { custodyStatusQuery, custodyWorkflowId } from '../../domain/custody';
import { workflowIds } from '../../domain/ids';
import { targetAcknowledgementSignal, targetDecisionSignal, targetNoticeSignal, targetStatusQuery, targetWarrantSignal } from '../../domain/messages';
import { caseSettingsSchema, type CaseSettingsInput } from '../../domain/settings';
import { normalizeTargetOrThrow, type DomainTarget } from '../../domain/targets';
import { agent, counsel, warrantFor } from '../helpers/case-fixtures';
import { connectTestEnv, unique, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld, type World } from '../helpers/world';
import { caseStandInWorkflow, domainSeizureWorkflow } from '../verification/stand-in-workflows';
import { oldNameservers, registrar } from './custody-helpers';

// The domain workflow's step 7 with the three checks, driven signal by signal as its case would.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let world: World;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('../verification/stand-in-workflows'), logger: new DefaultLogger('WARN') })]);
});
afterAll(() => env?.teardown());
beforeEach(async () => { world = await startWorld(); });
afterEach(() => world.close());

/** Runs one domain through decision, warrant, notice and acknowledgement to VERIFICATION; `execute` is the registry acting. */
async function runToVerification(taskQueue: string, settings: CaseSettingsInput, execute: (domain: string) => void) {
  const caseId = unique('HSI-NY-2026-');
  const target = normalizeTargetOrThrow(`${unique('luxury-outlet-')}.com`) as DomainTarget;
  world.rdap.addDomain({ domain: target.domain, registrar, nameservers: oldNameservers });
  world.dns.set(target.domain, { NS: oldNameservers, A: ['127.0.0.2'] });
  const caseWorkflowId = workflowIds.case(caseId);
  await env.client.workflow.start(caseStandInWorkflow, { taskQueue, workflowId: caseWorkflowId });
  const handle = await env.client.workflow.start(domainSeizureWorkflow, {
    taskQueue, workflowId: workflowIds.target(target),
    args: [{ caseId, caseWorkflowId, target, evidenceUrls: [], openedBy: agent, settings: caseSettingsSchema.parse(settings) }],
  });
  await waitFor('legal review', async () => (await handle.query(targetStatusQuery)).stage === 'LEGAL_REVIEW');
  const at = new Date().toISOString();
  await handle.signal(targetDecisionSignal, { outcome: 'approved', actor: counsel, packageVersion: 1, at });
  await handle.signal(targetWarrantSignal, { warrantId: 'w1', warrant: warrantFor([target.domain]), actor: counsel, at });
  await handle.signal(targetNoticeSignal, { noticeId: `${caseId}/w1/registry`, kind: 'registry-order', to: ['legal@registry.example'], subject: 'Seizure order', messageId: '<n1@iprcenter.example>', sentAt: at, covers: [target.domain] });
  execute(target.domain);
  await handle.signal(targetAcknowledgementSignal, { noticeId: `${caseId}/w1/registry`, kind: 'actioned', by: { name: 'Registry Legal', email: 'legal@registry.example' }, at });
  return { handle, target, caseId, caseWorkflowId };
}

const fast = { registryExecutionWithin: '1m', verificationPollEvery: '300ms', verificationPollMax: '2s', verificationDeadline: '4s' } as const;

test('the registry acted but the zone still points elsewhere: verification stays partial, polls again and again, then escalates at the deadline', async () => {
  await withWorker(env, bundle, world.activities, async (taskQueue) => {
    const { handle } = await runToVerification(taskQueue, fast, (domain) => {
      world.rdap.seize(domain, seizureNameservers);
      world.dns.set(domain, { NS: oldNameservers, A: ['127.0.0.2'] }); // the zone has not followed
    });
    const final = await handle.result();
    expect(final.stage).toBe('FAILED_NEEDS_ATTENTION');
    expect(final.verifications.length).toBeGreaterThanOrEqual(3);
    for (const result of final.verifications) {
      expect(result.state).toBe('partial');
      expect(result.checks.map((c) => [c.name, c.ok])).toEqual([['registry', true], ['dns', false], ['http', false]]);
    }
    expect(final.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^verification partial: registry ok .*; dns not yet \\(.*NS ${oldNameservers.join(', ')}`))]));
    expect(final.timeline.at(-1)?.detail).toBe('the seizure was not verified by the deadline');
  });
});

test('registry, zone and banner agree: SEIZED, and custody:<domain> carries on as its own workflow', async () => {
  await withWorker(env, bundle, world.activities, async (taskQueue) => {
    const { handle, target, caseId } = await runToVerification(taskQueue, fast, (domain) => world.rdap.seize(domain, seizureNameservers));
    const final = await handle.result();
    expect(final.stage).toBe('SEIZED');
    expect(final.verifications.at(-1)?.checks.map((c) => [c.name, c.ok])).toEqual([['registry', true], ['dns', true], ['http', true]]);
    // The domain workflow put the domain on the banner's allow-list before verifying it.
    expect(world.banner.allowList.get(target.domain)).toMatchObject({ caseRef: caseId, court: warrantFor([]).court });
    const custody = env.client.workflow.getHandle(custodyWorkflowId(target.domain));
    const status = await waitFor('custody running', async () => custody.query(custodyStatusQuery));
    expect(status).toMatchObject({ state: 'IN_CUSTODY', caseId, domain: target.domain, warrant: { docket: '26-MJ-04417' } });
    expect((await custody.describe()).status.name).toBe('RUNNING');
    await custody.terminate('test over');
  });
});
