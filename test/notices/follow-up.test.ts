import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities } from '../../activities/notices';
import { planWarrantNotices } from '../../domain/notice-plan';
import type { PlannedNotice } from '../../domain/notice-request';
import { startMailSink, type MailSink, type MailSinkOptions } from '../../src/mail-sink/sink';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';
import { followUpTestWorkflow, testAckSignal, testSettleSignal, testStepsQuery } from './workflows';
import { TakedownWorker } from '../../worker/takedown-worker';

// The compliance ladder on a real server, with the 24-hour clock configured as 1.5 seconds.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let sink: MailSink | undefined;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') })]);
});
afterAll(() => env?.teardown());
afterEach(async () => { await sink?.close(); sink = undefined; });

/** A registrar notice for a .com and a .org name, followed up on a short clock. */
function registrarNotice(): PlannedNotice {
  const targets = [domainTarget(`${unique('luxury-outlet-')}.com`), domainTarget(`${unique('designer-deals-')}.org`)];
  const pkg = pkgFor(targets.map((t) => t.key));
  const plan = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord(targets.map((t) => t.key)), targets, directory, settings: { registrarAckWithin: '1500ms', registryExecutionWithin: '72h' }, createdAt: new Date().toISOString() });
  return plan.notices.find((n) => n.request.kind === 'registrar-notice')!;
}

async function run<T>(options: MailSinkOptions, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  sink = await startMailSink(options);
  const { ledger } = tempDb();
  const taskQueue = unique('notices-follow-up-');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createNoticeActivities({ ...noticeDeps(sink.port, ledger), directory }) });
  return worker.runUntil(fn(taskQueue));
}

test('no answer: the clock re-notifies once, then escalates to the registries, then to the coordinator, each step with its reason', async () => {
  const planned = registrarNotice();
  const { result, notices } = await run({}, (taskQueue) => env.client.workflow.execute(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [planned] }));
  const id = planned.request.noticeId;
  expect(result.outcome).toBe('unanswered');
  expect(result.steps.map((s) => s.step)).toEqual(['sent', 'deadline-missed', 'renotified', 'escalated', 'escalated', 'escalated', 'unanswered']);
  expect(result.steps.find((s) => s.step === 'renotified')!.reason).toBe('no answer within 1500ms');
  expect(result.steps.filter((s) => s.step === 'escalated').map((s) => s.data?.level)).toEqual(['registry', 'registry', 'coordinator']);
  expect(result.steps.filter((s) => s.step === 'escalated')[2]!.reason).toBe('no answer within 1500ms after escalating to the registry');
  expect(notices.map((n) => n.noticeId)).toEqual([id, `${id}/renotice-1`, `${id}/escalation-registry-verisign-global-registry-services`, `${id}/escalation-registry-public-interest-registry`, `${id}/escalation-coordinator`]);
  // What arrived: the notice, the reminder (same content, marked), the two registries, the coordinator's mailbox.
  const mail = sink!.messages;
  expect(mail.map((m) => m.envelope.to)).toEqual([['abuse@example-registrar.example'], ['abuse@example-registrar.example'], ['law-enforcement@verisign-registry.example'], ['legal@pir-registry.example'], ['coordinator@iprcenter.example']]);
  expect(mail[1]!.parsed.subject).toBe(`REMINDER: ${mail[0]!.parsed.subject}`);
  expect(mail[1]!.parsed.inReplyTo).toBe(mail[0]!.parsed.messageId);
  expect(mail[1]!.parsed.text).toContain(`REMINDER 1: we sent this notice on`);
  expect(mail[2]!.parsed.text).toContain('Example Registrar, Inc.');
  expect(mail[2]!.parsed.text).toContain('No answer within 1500ms of the notice, nor within 1500ms of the reminder.');
  expect(mail[4]!.parsed.subject).toMatch(/^Escalation to the coordinator: registrar-notice .* is unanswered/);
});

test('an answer to the reminder, after the deadline, still counts: the ladder stops there', async () => {
  const planned = registrarNotice();
  const { result } = await run({}, async (taskQueue) => {
    const handle = await env.client.workflow.start(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [planned] });
    await waitFor('the reminder', async () => (await handle.query(testStepsQuery)).some((s) => s.step === 'renotified'));
    await handle.signal(testAckSignal, { noticeId: `${planned.request.noticeId}/renotice-1`, kind: 'received', by: { name: 'Abuse Desk', email: 'abuse@example-registrar.example' }, reference: 'TKT-5521', at: new Date().toISOString() });
    return handle.result();
  });
  expect(result.outcome).toBe('acknowledged-late');
  expect(result.acknowledgement).toMatchObject({ reference: 'TKT-5521' });
  expect(result.steps.map((s) => s.step)).toEqual(['sent', 'deadline-missed', 'renotified', 'acknowledged']);
  expect(result.steps.at(-1)!.action).toContain('(late, after the deadline)');
  expect(sink!.messages).toHaveLength(2);
});

test('a notice the server refuses (550) skips the reminder and escalates with the server’s answer', async () => {
  const planned = registrarNotice();
  const refuse = (to: string) => (to === 'abuse@example-registrar.example' ? { code: 550, message: '5.1.1 Recipient address rejected: User unknown' } : undefined);
  const { result } = await run({ refuseRecipient: refuse }, async (taskQueue) => {
    const handle = await env.client.workflow.start(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [planned] });
    await waitFor('the escalation to the registries', async () => (await handle.query(testStepsQuery)).some((s) => s.step === 'escalated'));
    // The registry confirms it has acted: that settles the registrar's notice too.
    await handle.signal(testAckSignal, { noticeId: `${planned.request.noticeId}/escalation-registry-verisign-global-registry-services`, kind: 'actioned', by: { name: 'Verisign Legal' }, at: new Date().toISOString() });
    return handle.result();
  });
  expect(result.outcome).toBe('acknowledged-late');
  expect(result.steps.map((s) => s.step)).toEqual(['undeliverable', 'escalated', 'escalated', 'acknowledged']);
  expect(result.steps[0]!.reason).toMatch(/^550 .*User unknown/);
  expect(result.steps[1]!.reason).toMatch(/^the notice failed: the mail server refused it: 550/);
  expect(sink!.messages.map((m) => m.envelope.to[0])).toEqual(['law-enforcement@verisign-registry.example', 'legal@pir-registry.example']);
});

test('a notice whose targets are settled otherwise (verified seized) ends its follow-up quietly, without escalating', async () => {
  const planned = registrarNotice();
  const { result } = await run({}, async (taskQueue) => {
    const handle = await env.client.workflow.start(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [planned] });
    await waitFor('the reminder', async () => (await handle.query(testStepsQuery)).some((s) => s.step === 'renotified'));
    await handle.signal(testSettleSignal, 'every domain it covers is verified seized at the registry');
    return handle.result();
  });
  expect(result.outcome).toBe('settled');
  expect(result.steps.map((s) => s.step)).toEqual(['sent', 'deadline-missed', 'renotified', 'settled']);
  expect(result.steps.at(-1)!.reason).toBe('every domain it covers is verified seized at the registry');
  expect(sink!.messages).toHaveLength(2);
});

test('a notice that cannot be sent for another reason (a role with no mailbox) escalates instead of failing the workflow', async () => {
  const planned = registrarNotice();
  const broken = { ...planned, request: { ...planned.request, to: ['role:janitor'] } };
  const { result } = await run({}, (taskQueue) => env.client.workflow.execute(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [broken] }));
  expect(result.outcome).toBe('undeliverable-unanswered');
  expect(result.steps.map((s) => s.step)).toEqual(['undeliverable', 'escalated', 'escalated', 'escalated', 'unanswered']);
  expect(result.steps[0]!.reason).toMatch(/^it could not be sent \(CONFIG_INVALID\): no mailbox is configured for role:janitor/);
  expect(sink!.messages.map((m) => m.envelope.to[0])).toEqual(['law-enforcement@verisign-registry.example', 'legal@pir-registry.example', 'coordinator@iprcenter.example']);
});

test('a recipient the server refuses while accepting the others was not served: the coordinator is told at once who and why', async () => {
  const planned = registrarNotice();
  const withLegal: PlannedNotice = { ...planned, request: { ...planned.request, to: ['abuse@example-registrar.example', 'legal@example-registrar.example'] } };
  const refuse = (to: string) => (to === 'legal@example-registrar.example' ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined);
  const { result } = await run({ refuseRecipient: refuse }, async (taskQueue) => {
    const handle = await env.client.workflow.start(followUpTestWorkflow, { taskQueue, workflowId: unique('follow-up-'), args: [withLegal] });
    await waitFor('the refused recipient escalated', async () => (await handle.query(testStepsQuery)).some((s) => s.step === 'escalated'));
    await handle.signal(testAckSignal, { noticeId: planned.request.noticeId, kind: 'received', by: { name: 'Abuse Desk' }, at: new Date().toISOString() });
    return handle.result();
  });
  expect(result.outcome).toBe('acknowledged');
  expect(result.steps.map((s) => s.step)).toEqual(['sent', 'recipients-refused', 'escalated', 'acknowledged']);
  expect(result.steps[1]!.reason).toContain('legal@example-registrar.example (550 5.1.1 Mailbox unavailable)');
  const toCoordinator = sink!.messages.find((m) => m.envelope.to.includes('coordinator@iprcenter.example'))!;
  expect(toCoordinator.parsed.subject).toContain('did not reach every recipient');
  expect(toCoordinator.parsed.text).toContain('legal@example-registrar.example');
  expect(sink!.messages.map((m) => m.envelope.to)).toEqual([['abuse@example-registrar.example'], ['coordinator@iprcenter.example']]);
});
