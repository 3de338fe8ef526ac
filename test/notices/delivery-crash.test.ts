import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createNoticeActivities } from '../../activities/notices';
import { planWarrantNotices } from '../../domain/notice-plan';
import { startMailSink } from '../../src/mail-sink/sink';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { directory, domainTarget, noticeDeps, pkgFor, tempDb, warrantRecord } from './fixtures';
import { sendNoticeTestWorkflow } from './workflows';
import { TakedownWorker } from '../../worker/takedown-worker';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') })]);
});
afterAll(() => env?.teardown());

/** Starts test/notices/crashing-worker.ts in its own process and resolves once it polls. */
function startCrashingWorker(env: Record<string, string>): { child: ChildProcess; output: string[]; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crashing-worker.ts')], { cwd: path.resolve(__dirname, '..', '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => output.push(`stderr: ${chunk.toString()}`));
  return { child, output, ready: waitFor('the crashing worker to poll', () => output.includes('ready'), 30_000).then(() => undefined) };
}

test.each([
  ['on the same host', false],
  ['on another host, whose ledger never saw the notice', true],
])('the worker is killed between the SMTP server accepting the notice and the ledger recording it; retried %s: the registrar gets exactly one message', async (_where, anotherHost) => {
  const sink = await startMailSink();
  const { ledger: crashedLedger, dir } = tempDb();
  const ledger = anotherHost ? tempDb().ledger : crashedLedger;
  const target = domainTarget(`${unique('cheap-watches-')}.com`);
  const pkg = pkgFor([target.key]);
  const request = planWarrantNotices({ caseWorkflowId: `case:${pkg.caseId}`, pkg, warrant: warrantRecord([target.key]), targets: [target], directory, settings: { registrarAckWithin: '24h', registryExecutionWithin: '72h' }, createdAt: new Date().toISOString() })
    .notices.find((n) => n.request.kind === 'registrar-notice')!.request;
  const taskQueue = unique('notices-crash-');
  // This process hosts the workflow only; the activity's first attempt runs in the process we kill.
  const workflows = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
  const crashing = startCrashingWorker({ CRASH_TASK_QUEUE: taskQueue, CRASH_SMTP_PORT: String(sink.port), CRASH_DB_FILE: path.join(dir, 'takedown.db') });
  try {
    const outcome = await workflows.runUntil(async () => {
      await crashing.ready;
      const handle = await env.client.workflow.start(sendNoticeTestWorkflow, { taskQueue, workflowId: unique('send-notice-crash-'), args: [request] });
      await waitFor('the server to accept the notice', () => crashing.output.includes('accepted') && sink.messages.length === 1, 30_000);
      expect(crashedLedger.get(request.noticeId)).toMatchObject({ status: 'sending' });
      await new Promise((resolve) => setTimeout(resolve, 500)); // the dying worker's last heartbeat reaches the server
      crashing.child.kill('SIGKILL');
      // A healthy worker takes the retry once the dead attempt times out (5 s in the test workflow).
      const healthy = await Worker.create({ connection: env.nativeConnection, taskQueue, activities: createNoticeActivities({ ...noticeDeps(sink.port, ledger), directory }) });
      return healthy.runUntil(handle.result());
    });
    expect(outcome).toMatchObject({ ok: true, notice: { noticeId: request.noticeId } });
    expect(sink.messages).toHaveLength(1);
    expect(ledger.get(request.noticeId)).toMatchObject({ status: 'sent', attempts: 1, smtpResponse: expect.stringMatching(/^250/) });
  } finally {
    crashing.child.kill('SIGKILL');
    await sink.close();
  }
}, 60_000);
