import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { verifyAckToken } from '../../lib/ack-token';
import { custodyStatusQuery, custodyWorkflowId, releaseDomainUpdate } from '../../domain/custody';
import { searchAttributes } from '../../domain/search-attributes';
import type { custodyWorkflow } from '../../workflows/custody/custody';
import { ackPathIn } from '../api/ack-form';
import { bannerRequest } from '../banner/http';
import { casePackageSchema } from '../../domain/case-package';
import { workflowIds } from '../../domain/ids';
import { targetFacts } from '../../domain/notice-request';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { targetAcknowledgementSignal, targetDecisionSignal, targetNoticeSignal, targetStatusQuery, targetWarrantSignal } from '../../domain/target';
import { caseSettingsSchema, type CaseSettingsInput } from '../../domain/settings';
import { normalizeTargetOrThrow, type DomainTarget } from '../../domain/targets';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { bundleWorkflowsAt, connectTestEnv, unique, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { linkSecret, seizureNameservers, startWorld, type World } from '../helpers/world';
import { caseStandInWorkflow, domainSeizureWorkflow } from '../verification/stand-in-workflows';
import { oldNameservers, registrar } from './custody-helpers';
import { finalTarget } from '../helpers/case-actions';

// The domain workflow's step 7 with the three checks, driven signal by signal as its case would.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let world: World;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowsAt(require.resolve('../verification/stand-in-workflows'))]);
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
    args: [{ caseId, caseWorkflowId, target, facts: targetFacts(casePackageSchema.parse(casePackage([target.domain], { caseId }))), evidenceUrls: [], openedBy: agent, settings: caseSettingsSchema.parse(settings) }],
  });
  await waitFor('legal review', async () => (await handle.query(targetStatusQuery)).stage === 'LEGAL_REVIEW');
  const at = new Date().toISOString();
  await handle.signal(targetDecisionSignal, { outcome: 'approved', actor: counsel, packageVersion: 1, at });
  await handle.signal(targetWarrantSignal, { warrantId: 'w1', warrant: warrantFor([target.domain]), actor: counsel, at });
  await handle.signal(targetNoticeSignal, { noticeId: `${caseId}/w1/registry`, kind: 'registry-order', to: ['legal@registry.example'], subject: 'Seizure order', messageId: '<n1@iprcenter.example>', sentAt: at, });
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
    const final = await finalTarget(handle);
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

test('registry, zone and banner agree: SEIZED, and custody:<domain> carries on as its own workflow; a release orders the registry to restore the domain, RELEASED once the registry shows it', async () => {
  await withWorker(env, bundle, world.activities, async (taskQueue) => {
    const settings = { ...fast, custody: { releaseCheckEvery: '300ms', releaseCheckMax: '1s', testOnlyShortClocks: true } } as const;
    const { handle, target, caseId } = await runToVerification(taskQueue, settings, (domain) => world.rdap.seize(domain, seizureNameservers));
    const final = await finalTarget(handle);
    expect(final.stage).toBe('SEIZED');
    expect(final.verifications.at(-1)?.checks.map((c) => [c.name, c.ok])).toEqual([['registry', true], ['dns', true], ['http', true]]);
    // The domain workflow put the domain on the banner's allow-list before verifying it.
    // Under its public reference, never the case ID (the warrant is not sealed: its court is named).
    const listed = world.banner.allowList.get(target.domain)!;
    expect(listed).toMatchObject({ caseRef: expect.stringMatching(/^SZ-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/), court: warrantFor([]).court, docket: undefined });
    const custody = env.client.workflow.getHandle<typeof custodyWorkflow>(custodyWorkflowId(target.domain));
    const status = await waitFor('custody running', async () => custody.query(custodyStatusQuery));
    expect(status).toMatchObject({ state: 'IN_CUSTODY', caseId, caseRef: listed.caseRef, caseTitle: 'Counterfeit luxury handbags sold online', domain: target.domain, warrant: { docket: '26-MJ-04417' } });
    expect((await custody.describe()).status.name).toBe('RUNNING');

    // A claim succeeds: counsel releases the domain. The banner stops answering for it at once.
    await custody.executeUpdate(releaseDomainUpdate, { args: [{ actor: counsel, reason: 'claim granted: the domain is returned to its owner' }] });
    const releasing = await waitFor('the release order sent', async () => {
      const s = await custody.query(custodyStatusQuery);
      return s.forfeiture.release?.orders?.length && s.forfeiture.release.lastCheck ? s : undefined;
    });
    expect(releasing).toMatchObject({ state: 'RELEASING', bannerMode: 'removed' });
    expect((await custody.describe()).typedSearchAttributes.get(searchAttributes.Stage)).toBe('RELEASING');
    expect(releasing.forfeiture.release!.lastCheck).toMatchObject({ ok: false, seen: expect.stringContaining('still locked') });
    expect((await bannerRequest(world.banner.url, { host: target.domain })).status).toBe(404);

    // The order went to the registry (not the registrar), naming the original order and the name servers to restore; its link answers to custody.
    const orderId = releasing.forfeiture.release!.orders![0]!;
    expect(orderId).toBe(`${caseId}/w1/release-custody-${target.domain.replace(/\./g, '-')}-verisign`);
    const toRegistry = () => world.sink.messages.filter((m) => m.envelope.to.includes('law-enforcement@verisign-registry.example') && (m.parsed.subject ?? '').startsWith(`Release order: restore 1 seized domain name(s), warrant 26-MJ-04417, case ${caseId}`));
    const order = await waitFor('the release order in the registry mailbox', () => toRegistry()[0]);
    expect(order.parsed.text).toContain(target.domain);
    expect(order.parsed.text).toContain(`${caseId}/w1/registry-verisign`);
    for (const ns of oldNameservers) expect(order.parsed.text).toContain(ns);
    const claims = verifyAckToken(ackPathIn(order.parsed.text ?? '').slice('/ack/'.length), linkSecret);
    expect(claims).toMatchObject({ ok: true, claims: { workflowId: custodyWorkflowId(target.domain), noticeId: orderId } });

    // The registry restores the domain and confirms through the link: custody looks at once and ends RELEASED.
    world.rdap.restore(target.domain);
    await custody.signal(acknowledgeNoticeSignal, { noticeId: orderId, kind: 'actioned', by: { name: 'Verisign Law Enforcement Desk' }, reference: 'VRSN-LE-5521' });
    const released = await custody.result();
    expect(released).toMatchObject({ state: 'RELEASED', bannerMode: 'removed', acknowledgements: [expect.objectContaining({ noticeId: orderId, kind: 'actioned' })] });
    expect(released.forfeiture.release).toMatchObject({ restoredAt: expect.any(String), releasedAt: expect.any(String), lastCheck: { ok: true } });
    expect(released.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^stage RELEASING: claim granted/),
      expect.stringMatching(/^release check: restored \(statuses clientTransferProhibited; name servers ns1\.bulletproof\.example/),
      expect.stringMatching(/^stage RELEASED: claim granted: the domain is returned to its owner; the registry shows it restored/),
    ]));
    expect(released.alerts.map((a) => a.kind)).toEqual(['released']);
    expect(toRegistry()).toHaveLength(1);
  });
});
