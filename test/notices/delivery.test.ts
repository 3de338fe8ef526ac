import net from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities } from '../../activities/notices';
import type { NoticeLedger } from '../../lib/mail/ledger';
import { createMailHealth, type MailHealth } from '../../lib/mail/mail-health';
import type { NoticeDeps } from '../../activities/notices/send-notice';
import type { NoticeRequest } from '../../domain/notice-contexts';
import { planWarrantNotices } from '../../domain/notice-plan';
import { startMailSink, type MailSink, type MailSinkOptions } from '../../src/mail-sink/sink';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';
import { sendNoticeTestWorkflow, type SendOutcome } from './workflows';
import { TakedownWorker } from '../../worker/takedown-worker';

// Delivery through a real Temporal worker and a real SMTP sink: Temporal's retries are the real ones.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
const sinks: MailSink[] = [];
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') })]);
});
afterAll(() => env?.teardown());
afterEach(async () => { await Promise.all(sinks.splice(0).map((s) => s.close())); });

const sink = async (options: MailSinkOptions = {}) => { const started = await startMailSink(options); sinks.push(started); return started; };

/** A registrar notice for one fresh domain, as the case plans it. */
function registrarNotice(): NoticeRequest {
  const target = domainTarget(`${unique('luxury-outlet-')}.com`);
  const pkg = pkgFor([target.key]);
  const plan = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord([target.key]), targets: [target], directory, settings: { registrarAckWithin: '24h', registryExecutionWithin: '72h' }, createdAt: new Date().toISOString() });
  return plan.notices.find((n) => n.request.kind === 'registrar-notice')!.request;
}

async function send(port: number, ledger: NoticeLedger, request: NoticeRequest, whileRunning: () => Promise<void> = async () => undefined, extra: Partial<NoticeDeps> = {}): Promise<SendOutcome> {
  const taskQueue = unique('notices-test-');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createNoticeActivities({ ...noticeDeps(port, ledger, extra), directory }) });
  return worker.runUntil(async () => {
    const handle = await env.client.workflow.start(sendNoticeTestWorkflow, { taskQueue, workflowId: unique('send-notice-'), args: [request] });
    await whileRunning();
    return handle.result();
  });
}

test('SMTP 451 then success: delivered once, the temporary refusal recorded on the way', async () => {
  let refusals = 0;
  const server = await sink({ refuseRecipient: () => (refusals++ === 0 ? { code: 451, message: '4.7.1 Greylisted, please try again later' } : undefined) });
  const { ledger } = tempDb();
  const request = registrarNotice();
  const outcome = await send(server.port, ledger, request);
  expect(outcome).toMatchObject({ ok: true, notice: { noticeId: request.noticeId } });
  expect(server.messages).toHaveLength(1);
  expect(server.messages[0]!.envelope.to).toEqual(['abuse@example-registrar.example']);
  expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent', attempts: 2 });
});

test('SMTP 550: SMTP_PERMANENT, not retried, the server’s answer recorded for the escalation', async () => {
  const server = await sink({ refuseRecipient: () => ({ code: 550, message: '5.1.1 <abuse@example-registrar.example>: Recipient address rejected: User unknown' }) });
  const { ledger } = tempDb();
  const request = registrarNotice();
  const outcome = await send(server.port, ledger, request);
  expect(outcome).toMatchObject({ ok: false, type: 'SMTP_PERMANENT', details: { smtpResponse: expect.stringContaining('User unknown'), responseCode: 550 } });
  expect(server.messages).toHaveLength(0);
  const entry = ledger.get(request.noticeId)!;
  expect(entry).toMatchObject({ status: 'failed', attempts: 1, smtpCode: 550 });
  expect(entry.smtpResponse).toMatch(/^550 .*User unknown/);
});

test('SMTP server down for a while: retried until it is back, then delivered once, nothing lost', async () => {
  const port = await freePort();
  const { ledger } = tempDb();
  const request = registrarNotice();
  let server: MailSink | undefined;
  const outcome = await send(port, ledger, request, async () => {
    // Several attempts fail on a refused connection; each is recorded as a known, temporary failure.
    await waitFor('attempts against the closed port', () => (ledger.get(request.noticeId)?.attempts ?? 0) >= 3, 20_000);
    expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sending', lastError: expect.stringContaining('ECONNREFUSED') });
    server = await sink({ port });
  });
  expect(outcome).toMatchObject({ ok: true });
  expect(server!.messages).toHaveLength(1);
  expect(server!.messages[0]!.parsed.messageId).toBe(ledger.get(request.noticeId)!.messageId);
  expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent' });
});

test('the activity fails right after the server accepted the message: the retry records it and sends nothing again', async () => {
  const server = await sink();
  const { ledger } = tempDb();
  let failed = false;
  // The ledger write after the server's 250 fails once, as a full disk or a crash at that instant would.
  const flaky: NoticeLedger = { ...ledger, markSent: (...args) => { if (!failed) { failed = true; throw new Error('SQLITE_IOERR: disk I/O error'); } ledger.markSent(...args); } };
  const request = registrarNotice();
  const taskQueue = unique('notices-test-');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: createNoticeActivities({ ...noticeDeps(server.port, flaky), directory }) });
  const workflowId = unique('send-notice-');
  const outcome = await worker.runUntil(env.client.workflow.execute(sendNoticeTestWorkflow, { taskQueue, workflowId, args: [request] }));
  expect(failed).toBe(true);
  expect(outcome).toMatchObject({ ok: true, notice: { noticeId: request.noticeId, smtpResponse: expect.stringMatching(/^250/) } });
  // Temporal really retried the activity (attempt 2 completed it) and the registrar got exactly one message.
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  expect(history.events?.find((e) => e.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes?.attempt).toBe(2);
  expect(server.messages).toHaveLength(1);
  expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent', attempts: 1 });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test('the server refuses one recipient and accepts the other: sent, the refused one recorded with its answer (not served), in the ledger and the summary', async () => {
  const server = await sink({ refuseRecipient: (address) => (address === 'legal@example-registrar.example' ? { code: 550, message: '5.1.1 <legal@example-registrar.example>: Recipient address rejected: User unknown' } : undefined) });
  const { ledger } = tempDb();
  const request = { ...registrarNotice(), to: ['abuse@example-registrar.example', 'legal@example-registrar.example'] };
  const outcome = await send(server.port, ledger, request);
  expect(outcome).toMatchObject({ ok: true, notice: { refused: [{ address: 'legal@example-registrar.example', answer: expect.stringMatching(/^550 .*User unknown/) }] } });
  expect(server.messages.map((m) => m.envelope.to)).toEqual([['abuse@example-registrar.example']]);
  expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent', refused: [{ address: 'legal@example-registrar.example' }] });
});

test('the server refuses our own configuration (530 authentication required): the notice waits instead of failing, one alert for the outage, then it is sent once', async () => {
  let refusals = 0;
  const server = await sink({ refuseRecipient: () => (refusals++ < 3 ? { code: 530, message: '5.7.0 Authentication required' } : undefined) });
  const { ledger } = tempDb();
  const health = createMailHealth({ holdMs: 200 });
  let alerts = 0;
  const counted: MailHealth = { ...health, broken: (answer) => { const starts = health.broken(answer); if (starts) alerts++; return starts; } };
  const request = registrarNotice();
  const outcome = await send(server.port, ledger, request, async () => {
    await waitFor('three refusals', () => refusals >= 3, 20_000);
    // Never marked failed: the configuration is ours to fix, not the notice's.
    expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sending', lastError: expect.stringContaining('530') });
  }, { mailHealth: counted });
  expect(outcome).toMatchObject({ ok: true, notice: { noticeId: request.noticeId } });
  expect(alerts).toBe(1);
  expect(server.messages).toHaveLength(1);
  expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent' });
});
