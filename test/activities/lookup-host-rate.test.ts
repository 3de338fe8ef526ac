import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLookupActivities } from '../../activities/lookup';
import { createLookup } from '../../lib/lookup';
import { parseBootstrap } from '../../lib/lookup/bootstrap';
import { createFileBlobStore } from '../../lib/store/blob-store';
import { lookupQueueOf } from '../../domain/task-queues';
import { applyLookupHostRate } from '../../worker/lookup-queue';
import { connectTestEnv, unique } from '../helpers/temporal';
import { startRdapServer, type RdapFixtureServer } from '../helpers/rdap-server';
import { lookupEachWorkflow } from './lookup-workflows';
import { TakedownWorker } from '../../worker/takedown-worker';

/**
 * Per-host politeness is the server's: the lookup queue's fairness-key rate limit, with each request's
 * host as its task's key. The workers here keep no spacing of their own (minIntervalMs 0), so what the
 * fixture registries see is what the engine dispatched.
 */
const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' };
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let dir: string;
const servers: RdapFixtureServer[] = [];
beforeAll(async () => {
  [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflowCode({ workflowsPath: require.resolve('./lookup-workflows'), logger: new DefaultLogger('WARN') })]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-host-rate-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(dir, { recursive: true, force: true });
  await env?.teardown();
});

/** Every request a fixture server saw, in order, by host ("127.0.0.1:PORT"). */
const timesByHost = () => new Map(servers.map((s) => [new URL(s.url).host, s.requests.map((r) => r.at).sort((a, b) => a - b)]));

/** Runs the lookups on a fresh queue pair whose lookup queue allows `rate` tasks a second per host. */
async function lookUp(domains: string[], rate: number | undefined, bootstrapText: string) {
  const bootstrap = parseBootstrap(bootstrapText, 'test');
  const activities = createLookupActivities(createLookup({ bootstrap, whoisServers: {}, blobs: createFileBlobStore(dir), minIntervalMs: 0 }));
  const taskQueue = unique('lookup-hosts-');
  if (rate !== undefined) await applyLookupHostRate(env.nativeConnection.workflowService, { namespace: 'default', taskQueue: lookupQueueOf(taskQueue), perHostRate: rate });
  const main = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  const lookups = await Worker.create({ connection: env.nativeConnection, taskQueue: lookupQueueOf(taskQueue), activities, maxConcurrentActivityTaskExecutions: 50 });
  return lookups.runUntil(main.runUntil(env.client.workflow.execute(lookupEachWorkflow, { taskQueue, workflowId: unique('lookup-hosts-'), args: [domains] })));
}

/** Three registries, each on its own host, and one registrars' server their records link to; four domains each. */
async function threeRegistries() {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  const registrars = await startRdapServer();
  const registries = await Promise.all([0, 1, 2].map(() => startRdapServer({ registrarUrl: registrars.url })));
  servers.push(registrars, ...registries);
  // One bootstrap over the three: each registry serves its own second-level suffix (label-wise longest match).
  const services = registries.map((s, i) => [[`r${i}.com`], [`${s.url}/com/v1/`]]);
  const domains: string[] = [];
  registries.forEach((s, i) => {
    for (let n = 0; n < 4; n++) {
      const domain = `shop${n}.r${i}.com`;
      s.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
      registrars.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
      domains.push(domain);
    }
  });
  const bootstrapText = JSON.stringify({ version: '1.0', publication: new Date().toISOString(), services });
  return { registrars, registries, domains, bootstrapText };
}

test('each host gets at most its rate (the engine spaces its tasks), while hosts are asked in parallel', async () => {
  const { registrars, registries, domains, bootstrapText } = await threeRegistries();

  const rate = 1; // TAKEDOWN_LOOKUP_HOST_RATE's default
  const results = await lookUp(domains, rate, bootstrapText);

  expect(results.filter((r) => r.error)).toEqual([]);
  // The registrar's record was reached (its abuse desk) through its own task.
  expect(results.every((r) => r.requests === 2 && r.abuseEmail === registrar.abuseEmail)).toBe(true);
  const byHost = timesByHost();
  expect([...byHost.values()].map((t) => t.length)).toEqual([12, 4, 4, 4]);

  // Per host: any k+1 consecutive requests span at least k intervals less the server limiter's burst (GCRA,
  // a burst of one second: after a quiet spell one more task goes at once, then the rest are spaced).
  const interval = 1000 / rate;
  const burst = 1000;
  // The server spaces dispatches; a request reaches the host after the worker's poll, the activity and the HTTP
  // request, which vary (by tens of ms here, more on a busy machine): allow that much either way.
  const slack = 250;
  for (const [host, times] of byHost) {
    for (let i = 0; i < times.length; i++) {
      for (let k = 1; i + k < times.length; k++) {
        const least = k * interval - burst - slack;
        const span = times[i + k]! - times[i]!;
        if (span < least) throw new Error(`${host}: requests ${i}..${i + k} came within ${span} ms (at ${interval} ms a request, at least ${least})`);
      }
    }
  }
  // ...and the registrars' host, with 12 requests, took at least 10 intervals: the limit held throughout.
  const registrarTimes = byHost.get(new URL(registrars.url).host)!;
  expect(registrarTimes[11]! - registrarTimes[0]!).toBeGreaterThanOrEqual(10 * interval - slack);

  // Across hosts: the registries were asked at the same time, not one after another.
  const spans = registries.map((s) => byHost.get(new URL(s.url).host)!).map((t) => [t[0]!, t[t.length - 1]!] as const);
  for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
    expect(spans[a]![0]).toBeLessThan(spans[b]![1]);
    expect(spans[b]![0]).toBeLessThan(spans[a]![1]);
  }
}, 90_000);

test('without the queue\'s per-host limit the same lookups reach a host all at once (what the limit prevents)', async () => {
  const { registrars, domains, bootstrapText } = await threeRegistries();
  const results = await lookUp(domains, undefined, bootstrapText);
  expect(results.filter((r) => r.error)).toEqual([]);
  const times = timesByHost().get(new URL(registrars.url).host)!;
  expect(times).toHaveLength(12);
  // Three requests within one interval somewhere: the spacing the limited run keeps does not come from the workers.
  expect(Math.min(...times.slice(2).map((t, i) => t - times[i]!))).toBeLessThan(1000 - 250);
}, 60_000);

test('a 429 with Retry-After is waited out by the engine (the retry is scheduled after it), not by a sleeping worker', async () => {
  const { registries, bootstrapText } = await threeRegistries();
  const registry = registries[0]!;
  registry.setBehaviour('shop0.r0.com', 'rate-limit', { retryAfterSeconds: 2 });
  const answered = lookUp(['shop0.r0.com'], 1, bootstrapText);
  while (registry.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
  registry.setBehaviour('shop0.r0.com', 'normal');
  const [result] = await answered;
  expect(result).toMatchObject({ domain: 'shop0.r0.com', registrar: registrar.name, requests: 2 });
  const [refused, retried] = registry.requests.map((r) => r.at);
  expect(retried! - refused!).toBeGreaterThanOrEqual(2000 - 60);
}, 60_000);
