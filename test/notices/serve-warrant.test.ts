import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities } from '../../activities/notices';
import { checkXarfReport } from '../../lib/mail/xarf-report';
import { targetFacts } from '../../domain/notice-request';
import { startMailSink } from '../../src/mail-sink/sink';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';
import { releaseTestWorkflow, serveWarrantTestWorkflow, testAckSignal, testStepsQuery, testTimelinesQuery } from './workflows';
import { TakedownWorker } from '../../worker/takedown-worker';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') })]);
});
afterAll(() => env?.teardown());

test('serving a warrant on three .com and one .org names: one order per registry, one notice per registrar, each domain knows its order', async () => {
  const sink = await startMailSink();
  const { ledger } = tempDb();
  try {
    const com = [unique('luxury-outlet-'), unique('cheap-watches-'), unique('replica-bags-')].map((n) => `${n}.com`);
    const org = `${unique('designer-deals-')}.org`;
    const targets = [domainTarget(com[0]!, 'example'), domainTarget(com[1]!, 'example'), domainTarget(com[2]!, 'other'), domainTarget(org, 'example')];
    const pkg = pkgFor(targets.map((t) => t.key));
    const taskQueue = unique('notices-serve-');
    const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createNoticeActivities({ ...noticeDeps(sink.port, ledger), directory }) });
    const { served, timelines, steps } = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(serveWarrantTestWorkflow, {
        taskQueue, workflowId: unique('serve-warrant-'),
        args: [{ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, settings: { registrarAckWithin: '1h', registryExecutionWithin: '1h' } }],
      });
      await waitFor('four notices sent', async () => (await handle.query(testStepsQuery)).filter((s) => s.step === 'sent').length === 4);
      // The registries confirm execution; the registrars acknowledge receipt (as their signed links would).
      const timelinesNow = await handle.query(testTimelinesQuery);
      const noticeIds = [...new Set(Object.values(timelinesNow).flat().map((line) => line.split(' ')[1]!))];
      for (const noticeId of noticeIds) await handle.signal(testAckSignal, { noticeId, kind: noticeId.includes('/registry-') ? 'actioned' : 'received', by: { name: 'Legal desk' }, at: new Date().toISOString() });
      return handle.result();
    });
    const orderFor = (registry: string) => `${pkg.caseId}/w1/registry-${registry}`;
    expect(served.planned).toEqual([orderFor('verisign'), orderFor('pir'), `${pkg.caseId}/w1/registrar-9991`, `${pkg.caseId}/w1/registrar-9992`]);
    expect(served.followUps.map((f) => f.outcome)).toEqual(['acknowledged', 'acknowledged', 'acknowledged', 'acknowledged']);
    expect(sink.messages.map((m) => m.envelope.to[0])).toEqual(['law-enforcement@verisign-registry.example', 'legal@pir-registry.example', 'abuse@example-registrar.example', 'abuse@othernames.example']);
    // The Verisign order lists the three .com names; the PIR order the .org name.
    for (const domain of com) expect(sink.messages[0]!.parsed.text).toContain(domain);
    expect(sink.messages[0]!.parsed.text).not.toContain(org);
    expect(sink.messages[1]!.parsed.text).toContain(org);
    expect(sink.messages[0]!.parsed.attachments.map((a) => a.filename)).toEqual(com.map((d) => `xarf-${d}.json`));
    for (const a of sink.messages[0]!.parsed.attachments) expect(checkXarfReport(JSON.parse(a.content.toString('utf8')))).toEqual([]);
    // Each domain's timeline names the order that covered it, and its registrar's notice.
    expect(timelines[com[0]!]).toEqual([`registry-order ${orderFor('verisign')}`, `registrar-notice ${pkg.caseId}/w1/registrar-9991`]);
    expect(timelines[org]).toEqual([`registry-order ${orderFor('pir')}`, `registrar-notice ${pkg.caseId}/w1/registrar-9991`]);
    expect(steps.filter((s) => s.step === 'acknowledged')).toHaveLength(4);
    expect(ledger.forCase(pkg.caseId).map((e) => e.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  } finally {
    await sink.close();
  }
});

test('releasing seized domains: one release order per registry, restoring their name servers, followed up to the confirmation', async () => {
  const sink = await startMailSink();
  const { ledger } = tempDb();
  try {
    const targets = [domainTarget(`${unique('returned-')}.com`, 'example'), domainTarget(`${unique('returned-')}.net`, 'other')];
    const pkg = pkgFor(targets.map((t) => t.key));
    const taskQueue = unique('notices-release-');
    const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createNoticeActivities({ ...noticeDeps(sink.port, ledger), directory }) });
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(releaseTestWorkflow, {
        taskQueue, workflowId: unique('release-'),
        args: [{ caseWorkflowId: `case:${pkg.caseId}`, facts: targetFacts(pkg), warrant: warrantRecord(targets.map((t) => t.key)), targets, settings: { registryExecutionWithin: '1h' }, reason: 'the case was dropped', authorizedBy: { name: 'AUSA Grace Okafor', role: 'counsel' }, releaseId: '1' }],
      });
      await waitFor('the release order sent', async () => (await handle.query(testStepsQuery)).some((s) => s.step === 'sent'));
      await handle.signal(testAckSignal, { noticeId: `${pkg.caseId}/w1/release-1-verisign`, kind: 'actioned', by: { name: 'Verisign Legal' }, reference: 'VRSN-7781', at: new Date().toISOString() });
      return handle.result();
    });
    expect(result.planned).toEqual([`${pkg.caseId}/w1/release-1-verisign`]);
    expect(result.followUps[0]).toMatchObject({ outcome: 'acknowledged', acknowledgement: { reference: 'VRSN-7781' } });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]!.parsed.subject).toMatch(/^Release order: restore 2 seized domain name\(s\), warrant 26-MJ-04417/);
    expect(sink.messages[0]!.parsed.text).toContain('restore name servers: ns1.other-dns.example, ns2.other-dns.example');
  } finally {
    await sink.close();
  }
});
