import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createLookupActivities } from '../activities/lookup';
import { createLookup } from '../lib/lookup';
import { parseBootstrap } from '../lib/lookup/bootstrap';
import { createFileBlobStore } from '../lib/store/blob-store';
import { lookupQueueOf } from '../domain/task-queues';
import { freePort, startTemporalServer } from '../scripts/temporal-server';
import { startRdapServer, type RdapFixtureServer } from '../test/helpers/rdap-server';
import { lookupEachWorkflow } from '../test/activities/lookup-workflows';
import { applyLookupHostRate } from '../worker/lookup-queue';
import { TakedownWorker } from '../worker/takedown-worker';

/**
 * Per-host lookup politeness against speed: N lookups (default 1,000) spread over 10 registry hosts (local
 * RDAP servers, each its own host:port) whose records link to 10 registrar hosts, at TAKEDOWN_LOOKUP_HOST_RATE
 * (default 1) per host, on the real dev server, one domain workflow's lookup step per domain. Two worker
 * processes poll the lookup queue (the limit must hold across workers). Reports the wall-clock seconds, the
 * ideal (the busiest host's requests / rate) and per host what its server saw: requests, smallest gap, and the
 * most requests in any one-second window. Writes bench/results/lookup-hosts.json.
 *
 * Run: `npx tsx bench/lookup-hosts.ts [lookups] [--worker-interval-ms MS]` (MS: each worker's own spacing per
 * host, default 1000 / rate as in production; 0 leaves the spacing to the server alone).
 */
const flag = (name: string) => { const at = process.argv.indexOf(name); return at >= 0 ? process.argv[at + 1] : undefined; };
const rate = Number(process.env.TAKEDOWN_LOOKUP_HOST_RATE ?? 1);
const workerIntervalMs = Number(flag('--worker-interval-ms') ?? Math.ceil(1000 / rate));

function lookupActivities(bootstrapFile: string, blobDir: string) {
  const bootstrap = parseBootstrap(fs.readFileSync(bootstrapFile, 'utf8'), bootstrapFile);
  return createLookupActivities(createLookup({ bootstrap, whoisServers: {}, blobs: createFileBlobStore(blobDir), minIntervalMs: workerIntervalMs, timeoutMs: 10_000 }));
}

/** The second worker process: polls the lookup queue only. */
async function lookupWorkerProcess(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const [address, taskQueue, bootstrapFile, blobDir] = ['--address', '--queue', '--bootstrap', '--blobs'].map((f) => flag(f)!);
  const connection = await NativeConnection.connect({ address: address! });
  const worker = await Worker.create({ connection, taskQueue: taskQueue!, activities: lookupActivities(bootstrapFile!, blobDir!) });
  process.once('SIGTERM', () => worker.shutdown());
  process.send?.('ready');
  await worker.run();
  await connection.close();
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 1000);
  const hosts = 10;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startTemporalServer({ port: await freePort() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lookup-hosts-'));
  const registrars = await Promise.all(Array.from({ length: hosts }, () => startRdapServer()));
  const registries = await Promise.all(Array.from({ length: hosts }, (_, i) => startRdapServer({ registrarUrl: registrars[i]!.url })));
  const servers: RdapFixtureServer[] = [...registries, ...registrars];
  let child: ChildProcess | undefined;
  try {
    // Registry i serves the suffix r<i>.com; its domains' registrars are spread over every registrar host.
    const bootstrapFile = path.join(dir, 'dns.json');
    const services = registries.map((s, i) => [[`r${i}.com`], [`${s.url}/com/v1/`]]);
    fs.writeFileSync(bootstrapFile, JSON.stringify({ version: '1.0', publication: new Date().toISOString(), services }));
    const domains = Array.from({ length: count }, (_, n) => `shop${n}.r${n % hosts}.com`);
    domains.forEach((domain, n) => {
      const registrar = { name: `Registrar ${(n >> 3) % hosts}`, ianaId: String(9000 + ((n >> 3) % hosts)), abuseEmail: `abuse@registrar-${(n >> 3) % hosts}.example` };
      // The registry's link names registrar host i (its registry's pair); the registrar server holds the domain.
      registries[n % hosts]!.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
      registrars[n % hosts]!.addDomain({ domain, registrar, nameservers: ['ns1.bulletproof.example'] });
    });

    const taskQueue = 'bench-lookup-hosts';
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    await applyLookupHostRate(connection.workflowService, { namespace: 'default', taskQueue: lookupQueueOf(taskQueue), perHostRate: rate });
    const native = await NativeConnection.connect({ address: server.address });
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../test/activities/lookup-workflows'), logger: new DefaultLogger('ERROR') });
    const activities = lookupActivities(bootstrapFile, path.join(dir, 'blobs'));
    const main = await TakedownWorker.create({ connection: native, taskQueue, workflowBundle: bundle, activities, maxCachedWorkflows: 200 });
    const lookups = await Worker.create({ connection: native, taskQueue: lookupQueueOf(taskQueue), activities });
    child = spawn(process.execPath, [require.resolve('tsx/cli'), __filename, '--lookup-worker', '--address', server.address, '--queue', lookupQueueOf(taskQueue), '--bootstrap', bootstrapFile, '--blobs', path.join(dir, 'blobs'), '--worker-interval-ms', String(workerIntervalMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => { child!.once('message', () => resolve()); child!.once('exit', (code) => reject(new Error(`the second worker exited (${code})`))); });

    let seconds = 0;
    const results = await lookups.runUntil(main.runUntil(async () => {
      const started = Date.now();
      const handles = [];
      for (let i = 0; i < domains.length; i += 50) {
        handles.push(...(await Promise.all(domains.slice(i, i + 50).map((domain) => client.workflow.start(lookupEachWorkflow, { taskQueue, workflowId: `lookup-${domain}`, args: [[domain]] })))));
      }
      const all = (await Promise.all(handles.map((h) => h.result()))).flat();
      seconds = (Date.now() - started) / 1000;
      return all;
    }));

    const failed = results.filter((r) => r.error);
    const perHost = servers.map((s) => {
      const times = s.requests.map((r) => r.at).sort((a, b) => a - b);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      let mostInOneSecond = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 1000) j++;
        mostInOneSecond = Math.max(mostInOneSecond, i - j + 1);
      }
      return { host: new URL(s.url).host, role: registries.includes(s) ? 'registry' : 'registrar', requests: times.length, seconds: times.length ? (times[times.length - 1]! - times[0]!) / 1000 : 0, smallestGapMs: gaps.length ? Math.min(...gaps) : null, gapsUnder1s: gaps.filter((g) => g < 1000 / rate).length, mostInOneSecond };
    });
    const busiest = Math.max(...perHost.map((h) => h.requests));
    const result = {
      benchmark: 'lookup-hosts', at: new Date().toISOString(), node: process.version, cores: os.cpus().length,
      lookups: count, registryHosts: hosts, registrarHosts: hosts, perHostRate: rate, lookupWorkerProcesses: 2, workerIntervalMs,
      seconds, idealSeconds: busiest / rate, wholeQueueAtRateSeconds: count / rate, failed: failed.length, firstFailures: failed.slice(0, 3),
      smallestGapMs: Math.min(...perHost.map((h) => h.smallestGapMs ?? Infinity)), mostInOneSecondAnyHost: Math.max(...perHost.map((h) => h.mostInOneSecond)),
      perHost,
    };
    console.log(JSON.stringify({ ...result, perHost: undefined }, null, 2));
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    const name = workerIntervalMs === Math.ceil(1000 / rate) ? 'lookup-hosts.json' : `lookup-hosts-worker-interval-${workerIntervalMs}.json`;
    fs.writeFileSync(path.join(__dirname, 'results', name), JSON.stringify(result, null, 2) + '\n');
    await native.close();
    await connection.close();
  } finally {
    child?.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.close()));
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(process.argv.includes('--lookup-worker') ? lookupWorkerProcess() : main()).then(
  () => process.exit(0),
  (error) => { console.error(error); process.exit(1); },
);
