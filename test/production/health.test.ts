import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openDatabase } from '../../lib/store/database';
import { freePort, startTemporalServer, type RunningTemporalServer } from '../../scripts/temporal-server';
import { loadConfig } from '../../src/config';
import { checkReadiness, databaseWritable } from '../../src/health/readiness';
import { startHealthServer } from '../../src/health/server';
import { waitFor } from '../helpers/wait';

// /healthz (alive) and /readyz (what the process needs answers) on the API and the banner, each its own Node
// process as deployed; the worker's are proved in worker-process.test.ts. The API gets a Temporal server of its
// own here, so the test can stop it and watch the API say so.
const root = path.resolve(__dirname, '..', '..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'health-'));
const children: ReturnType<typeof spawn>[] = [];
let temporal: RunningTemporalServer | undefined;

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await temporal?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function runProcess(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, entry)], {
    cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TAKEDOWN_DATA_DIR: path.join(dir, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { child, output: () => output };
}

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() as Record<string, unknown> };
};

/** /readyz once it says ready: on a machine this busy a first check can outlast its bound (then it is retried, as a probe would). */
const readyAnswer = (url: string) => waitFor(`${url} to be ready`, async () => { const r = await get(url); return r.status === 200 ? r : undefined; }, 20_000);

test('the API answers /healthz and /readyz; with Temporal gone /readyz is 503 naming it, while /healthz stays 200', async () => {
  temporal = await startTemporalServer({ port: await freePort() });
  const port = await freePort();
  const api = runProcess('src/api/main.ts', { TAKEDOWN_TEMPORAL_ADDRESS: temporal.address, TAKEDOWN_API_PORT: String(port), TAKEDOWN_PUBLIC_URL: `http://127.0.0.1:${port}` });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`the API to listen (${api.output()})`, () => fetch(`${base}/healthz`).then((r) => r.ok, () => false), 60_000);
  expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { ok: true } });
  expect(await readyAnswer(`${base}/readyz`)).toEqual({ status: 200, body: { ready: true, checks: { temporal: 'ok', database: 'ok' } } });

  await temporal.stop();
  temporal = undefined;
  const down = await waitFor('/readyz to notice', async () => { const r = await get(`${base}/readyz`); return r.status === 503 ? r : undefined; }, 20_000);
  expect(down.body.ready).toBe(false);
  expect((down.body.checks as Record<string, string>).temporal).toMatch(/^Temporal not reachable: /);
  expect((down.body.checks as Record<string, string>).database).toBe('ok');
  expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { ok: true } });
}, 120_000);

test('the banner answers /healthz and /readyz by its address, and still 404 for any other path of a host not seized', async () => {
  const [port, httpsPort] = [await freePort(), await freePort()];
  const banner = runProcess('src/banner/main.ts', { TAKEDOWN_BANNER_PORT: String(port), TAKEDOWN_BANNER_HTTPS_PORT: String(httpsPort) });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`the banner to listen (${banner.output()})`, () => fetch(`${base}/healthz`).then((r) => r.ok, () => false), 60_000);
  expect(await get(`${base}/healthz`)).toEqual({ status: 200, body: { ok: true } });
  expect(await readyAnswer(`${base}/readyz`)).toEqual({ status: 200, body: { ready: true, checks: { database: 'ok' } } });
  expect((await fetch(`${base}/readyz-not`)).status).toBe(404);
  expect((await fetch(`${base}/`)).status).toBe(404);
}, 90_000);

test('the database check writes: a SQLite file opened read-only is not ready, and says why', async () => {
  const file = path.join(dir, 'probe.db');
  openDatabase(file).close();
  const writable = openDatabase(file);
  const readOnly = new Database(file, { readonly: true });
  try {
    expect(await checkReadiness({ database: databaseWritable(writable) })).toEqual({ ready: true, checks: { database: 'ok' } });
    expect(await checkReadiness({ database: databaseWritable(readOnly) })).toEqual({ ready: false, checks: { database: 'database not writable: attempt to write a readonly database' } });
  } finally {
    writable.close();
    readOnly.close();
  }
});

test('a check that never answers counts as not ready after two seconds; the health server answers only its two paths', async () => {
  const health = await startHealthServer('127.0.0.1', await freePort(), { temporal: () => new Promise<void>(() => undefined), database: () => undefined });
  try {
    const started = Date.now();
    expect(await get(`${health.url}/readyz`)).toEqual({ status: 503, body: { ready: false, checks: { temporal: 'no answer within 2000 ms', database: 'ok' } } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await get(`${health.url}/healthz`)).toEqual({ status: 200, body: { ok: true } });
    // Without a metrics source (the worker with its health port off has none) /metrics is not there.
    expect((await get(`${health.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${health.url}/healthz`, { method: 'POST' })).status).toBe(405);
  } finally {
    await health.close();
  }
});

test('the worker\'s operations settings are validated naming the variable; port 0 turns its listener off', () => {
  expect(() => loadConfig({ TAKEDOWN_WORKER_HEALTH_PORT: '70000' })).toThrow(/TAKEDOWN_WORKER_HEALTH_PORT: a port 1-65535, or 0 for off/);
  expect(() => loadConfig({ TAKEDOWN_WORKER_HEALTH_PORT: 'nine' })).toThrow(/TAKEDOWN_WORKER_HEALTH_PORT/);
  expect(() => loadConfig({ TAKEDOWN_WORKER_SHUTDOWN_GRACE: 'soon' })).toThrow(/TAKEDOWN_WORKER_SHUTDOWN_GRACE: .*a duration like/);
  expect(() => loadConfig({ TAKEDOWN_LOG_LEVEL: 'LOUD' })).toThrow(/TAKEDOWN_LOG_LEVEL: one of TRACE, DEBUG, INFO, WARN, ERROR/);
  expect(loadConfig({ TAKEDOWN_WORKER_HEALTH_PORT: '0' }).TAKEDOWN_WORKER_HEALTH_PORT).toBe(0);
  const defaults = loadConfig({});
  expect([defaults.TAKEDOWN_WORKER_HEALTH_PORT, defaults.TAKEDOWN_WORKER_SHUTDOWN_GRACE, defaults.TAKEDOWN_LOG_LEVEL]).toEqual([9464, '30s', 'INFO']);
});
