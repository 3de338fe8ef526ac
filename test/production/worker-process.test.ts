import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort } from '../../scripts/temporal-server';
import { workflowIds } from '../../domain/ids';
import { TASK_QUEUE } from '../../domain/task-queues';
import { agent, casePackage } from '../helpers/case-fixtures';
import { connectTestEnv, unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld, type World } from '../helpers/world';

// The worker as it runs in a deployment: its own Node process (worker/main.ts), polling the run's real
// Temporal dev server on the production task queue (no other test file polls it), its activities reaching the
// fixture RDAP registry. What is about the process is proved on the process: start, signals, ports, stdout.
const root = path.resolve(__dirname, '..', '..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const linkSecret = 'worker-process-link-secret-0123456789abcdef';

interface RunningWorker {
  child: ChildProcess;
  lines: () => Record<string, unknown>[];
  output: () => string;
  exited: Promise<number | null>;
  health: string;
  metrics: string;
}

let env: TestWorkflowEnvironment;
let world: World;
let dataDir: string;
beforeAll(async () => {
  [env, world] = await Promise.all([connectTestEnv(), startWorld()]);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-process-'));
});
afterAll(async () => {
  await world?.close();
  await env?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startWorker(extra: Record<string, string> = {}): Promise<RunningWorker> {
  const healthPort = await freePort();
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'worker/main.ts')], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '', HOME: dataDir, TAKEDOWN_DATA_DIR: dataDir, TAKEDOWN_TEMPORAL_ADDRESS: process.env.TEMPORAL_TEST_ADDRESS!,
      TAKEDOWN_RDAP_BOOTSTRAP: world.rdap.bootstrapFile, TAKEDOWN_DNS_SERVERS: world.dns.address, TAKEDOWN_SMTP_PORT: String(world.sink.port), TAKEDOWN_LINK_SECRET: linkSecret,
      TAKEDOWN_WORKER_HEALTH_PORT: String(healthPort), TAKEDOWN_WORKER_SHUTDOWN_GRACE: '30s', ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = () => output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, lines, output: () => output, exited, health: `http://127.0.0.1:${healthPort}`, metrics: `http://127.0.0.1:${healthPort}/metrics` };
}

const polling = (worker: RunningWorker) => waitFor('the worker to poll', () => worker.lines().find((line) => line.msg === 'worker polling'), 90_000);

async function stop(worker: RunningWorker): Promise<number | null> {
  worker.child.kill('SIGTERM');
  return worker.exited;
}

test('the first start builds the workflow bundle into the data directory; a restart reads it and polls sooner; /healthz and /readyz answer', async () => {
  const first = await startWorker();
  const firstReady = await polling(first);
  const built = first.lines().find((line) => line.msg === 'workflow bundle built')!;
  expect(built).toBeDefined();
  expect(String(built.bundlePath)).toBe(path.join(dataDir, 'workflow-bundles', `workflows-${built.bundleVersion}.js`));
  expect(fs.existsSync(String(built.bundlePath))).toBe(true);

  expect(await (await fetch(`${first.health}/healthz`)).json()).toEqual({ ok: true });
  // Retried as a probe would: on a machine this busy a first check can outlast its bound.
  const ready = await waitFor('/readyz to say ready', async () => { const r = await fetch(`${first.health}/readyz`); return r.status === 200 ? r.json() : undefined; }, 20_000);
  expect(ready).toEqual({ ready: true, checks: { temporal: 'ok', database: 'ok', workers: 'ok' } });
  expect(await stop(first)).toBe(0);

  const second = await startWorker();
  const secondReady = await polling(second);
  const read = second.lines().find((line) => line.msg === 'workflow bundle read')!;
  expect(read).toMatchObject({ bundleVersion: built.bundleVersion, bundlePath: built.bundlePath });
  // No webpack run on the restart: the SDK's own "Workflow bundle created" line is absent.
  expect(second.lines().some((line) => line.msg === 'Workflow bundle created' || line.msg === 'workflow bundle built')).toBe(false);
  expect(Number(secondReady.uptimeMs)).toBeLessThan(Number(firstReady.uptimeMs));
  expect(await stop(second)).toBe(0);

  // Other actor keys are another bundle (they are written into it): a worker with them builds its own.
  const rotated = await startWorker({ TAKEDOWN_ACTOR_PUBLIC_KEYS: Buffer.alloc(32, 7).toString('base64') });
  await polling(rotated);
  const rebuilt = rotated.lines().find((line) => line.msg === 'workflow bundle built')!;
  expect(rebuilt).toBeDefined();
  expect(rebuilt.bundleVersion).not.toBe(built.bundleVersion);
  expect(await stop(rotated)).toBe(0);
}, 240_000);

test('SIGTERM lets the lookup in flight finish before the process exits; /readyz says 503 while it drains; the log is JSON lines with the case ID and no secret; the metrics scrape in Prometheus format', async () => {
  const worker = await startWorker({ TAKEDOWN_LOG_LEVEL: 'DEBUG' });
  await polling(worker);
  const domain = `${unique('drain-')}.com`;
  world.rdap.addDomain({ domain, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' }, nameservers: ['ns1.host.example', 'ns2.host.example'] });
  world.rdap.setBehaviour(domain, 'slow', { delayMs: 4_000 });
  const pkg = casePackage([domain]);
  await env.client.workflow.start('caseWorkflow', { taskQueue: TASK_QUEUE, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: {} }] });
  const asked = await waitFor('the registry lookup to be in flight', () => world.rdap.requests.find((request) => request.path.endsWith(`/domain/${domain}`)), 30_000);

  // The case's workflow tasks ran on this worker: the SDK's metrics say so, in Prometheus' text format.
  const scraped = await fetch(worker.metrics);
  expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
  const metrics = await scraped.text();
  expect(metrics).toMatch(/^# TYPE temporal_workflow_task_execution_latency\S* histogram$/m);
  expect(metrics).toMatch(/^temporal_workflow_task_execution_latency\S*_count\{[^}]*task_queue="takedown"[^}]*workflow_type="caseWorkflow"[^}]*\} [1-9]/m);

  worker.child.kill('SIGTERM');
  const draining = await waitFor('/readyz to say the worker is stopping', async () => {
    const response = await fetch(`${worker.health}/readyz`);
    return response.status === 503 ? response.json() as Promise<{ ready: boolean; checks: Record<string, string> }> : undefined;
  }, 5_000);
  expect(draining.ready).toBe(false);
  expect(draining.checks.workers).toMatch(/^workers .*(STOPPING|DRAINING)/);
  expect(await worker.exited).toBe(0);
  // It exited only after the registry had answered (the answer takes 4 s from the request).
  expect(Date.now() - asked.at).toBeGreaterThanOrEqual(4_000);

  // The lookup's one attempt completed: it was not cancelled, failed or left to time out.
  const { events } = await env.client.workflow.getHandle(`domain:${domain}`).fetchHistory();
  const lookups = events!.filter((event) => /lookup/i.test(event.activityTaskScheduledEventAttributes?.activityType?.name ?? '')).map((event) => Number(event.eventId));
  const ended = (event: NonNullable<typeof events>[number]) => event.activityTaskCompletedEventAttributes ?? event.activityTaskFailedEventAttributes ?? event.activityTaskTimedOutEventAttributes ?? event.activityTaskCanceledEventAttributes;
  const outcomes = events!.filter((event) => lookups.includes(Number(ended(event)?.scheduledEventId))).map((event) => (event.activityTaskCompletedEventAttributes ? 'completed' : 'not completed'));
  expect(outcomes.length).toBeGreaterThanOrEqual(1);
  expect(outcomes.every((outcome) => outcome === 'completed')).toBe(true);

  // Every line is a JSON object (lines() throws on any other); the case's and its target's lines name the case.
  const lines = worker.lines();
  expect(lines.find((line) => line.workflowId === workflowIds.case(pkg.caseId) && line.activityType)).toMatchObject({ caseId: pkg.caseId });
  expect(lines.find((line) => line.workflowId === `domain:${domain}` && line.msg === 'Activity completed')).toMatchObject({ caseId: pkg.caseId });
  expect(lines.at(-1)).toMatchObject({ level: 'INFO', msg: 'worker stopped: activities in flight drained' });
  expect(worker.output()).not.toContain(linkSecret);
  expect(worker.output()).not.toContain(fs.readFileSync(path.join(dataDir, 'payload-key.development'), 'utf8').trim().split(':').pop()!);
}, 240_000);
