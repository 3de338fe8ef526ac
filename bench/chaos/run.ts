import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { TASK_QUEUE } from '../../domain/task-queues';
import { loadConfig } from '../../src/config';
import { temporalOptions } from '../../src/temporal/options';
import { workflowBundle } from '../../worker/workflow-bundle';
import { testBundleOptions } from '../../test/helpers/signed-actor';
import { registerDomains } from '../../test/helpers/case-actions';
import { casePackage } from '../../test/helpers/case-fixtures';
import { bannerAddress, linkSecret, roleMailboxes, seizureNameservers, startWorld, type World } from '../../test/helpers/world';
import { milestones } from '../phases';
import { startApi } from '../pipeline/api';
import { driveCase } from '../pipeline/drive-case';
import { benchClocks } from '../pipeline/run';
import { endChecks, type EndChecks } from './checks';
import { injectFaults, type InjectedFault } from './faults';
import { patientApi, type Retried } from './patient-api';
import { logProgress } from './progress';
import { startRestartableServer } from './restartable-server';
import type { ChaosSettings } from './settings';
import { superviseWorker } from './worker-supervisor';

export interface ChaosResult {
  settings: ChaosSettings;
  /** From the first case opened to the end of the last fault (or the deadline). */
  seconds: number;
  /** Whether every case was driven to CLOSED before the deadline, else why not. */
  driven: { ok: true } | { ok: false; error: string };
  /** When the deadline under faults passed: the faults stopped, and whether every case then closed within `settings.settle`. */
  settled?: { ok: boolean; seconds: number; error?: string };
  phases: Record<string, number>;
  faults: InjectedFault[];
  worker: { starts: number; kills: number; medianStartSeconds?: number; unplannedExits: number; lastUnplannedExits: { at: string; code: number | null; signal: string | null; lastLines: string }[] };
  serverRestarts: number;
  retriedRequests: Retried[];
  checks: EndChecks;
}

/**
 * The chaos run: a Temporal dev server on a SQLite file, the fixture world (RDAP, DNS, shop, SMTP sink,
 * banner), the real worker as a child process and the real API in-process; the settings' targets opened as
 * cases through the API and driven by bench/pipeline/drive-case.ts (people submitting, deciding, recording
 * the warrant, recipients acknowledging from the mails) while the settings' faults are injected; then the
 * end checks (bench/chaos/checks.ts). Leaves nothing running.
 */
export async function runChaos(settings: ChaosSettings, log: (line: string) => void = () => undefined): Promise<ChaosResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'takedown-chaos-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  let smtpRefusing = false;
  let smtpRefusals = 0;
  try {
    const server = await startRestartableServer(path.join(dataDir, 'temporal.db'));
    cleanups.unshift(() => server.stop());
    const world = await startWorld({ refuseRecipient: () => {
      if (!smtpRefusing) return undefined;
      smtpRefusals++;
      return { code: 451, message: '4.3.2 Service temporarily unavailable (chaos run)' };
    } });
    cleanups.unshift(() => world.close());

    // Bundled once: the worker process is restarted every few seconds and should not re-bundle each time.
    const bundle = await bundleWorkflowCode({ ...workflowBundle, logger: new DefaultLogger('ERROR'), ...testBundleOptions() });
    const bundleFile = path.join(dataDir, 'workflow-bundle.js');
    fs.writeFileSync(bundleFile, bundle.code);
    const worker = superviseWorker(workerEnvironment(server.address, world, bundleFile), { restartAfterMs: 1000, log });
    cleanups.unshift(() => worker.stop());

    // The worker process encrypts with the development key it keeps in the world's data directory; so does this client.
    const temporal = temporalOptions(loadConfig({ TAKEDOWN_TEMPORAL_ADDRESS: server.address, TAKEDOWN_DATA_DIR: world.dataDir }));
    const connection = await Connection.connect(temporal.connection);
    cleanups.unshift(() => connection.close());
    const client = new Client({ connection, dataConverter: temporal.dataConverter });
    const api = patientApi(await startApi(client, TASK_QUEUE, world.dataDir), { retryEveryMs: 1000, giveUpAfterMs: 120_000 });
    cleanups.unshift(() => api.close());

    const domains = registerDomains(world, settings.targets);
    const perCase = Math.ceil(domains.length / settings.cases);
    const cases = Array.from({ length: settings.cases }, (_, i) => domains.slice(i * perCase, (i + 1) * perCase)).filter((d) => d.length)
      .map((caseDomains) => ({ pkg: casePackage(caseDomains.map((d) => `http://${d}:${world.shop.port}/`)), domains: caseDomains }));
    const marks = milestones(cases.map((c) => c.pkg.caseId));
    const firstReached = new Map<string, () => void>();
    const reachedPromises = new Map(['review', 'notices'].map((m) => [m, new Promise<void>((resolve) => firstReached.set(m, resolve))]));
    const reach = marks.reach.bind(marks);
    marks.reach = (phase, caseId) => { reach(phase, caseId); firstReached.get(phase)?.(); };

    const faults = injectFaults(settings, {
      worker, server, world,
      smtpRefusing: (on) => { smtpRefusing = on; },
      smtpRefusals: () => smtpRefusals,
      phase: () => marks.current(),
      reached: (m) => (m === 'lookups' ? firstLookup(world) : reachedPromises.get(m)!),
    }, log);

    const stopProgress = logProgress(client, settings.progressEvery, log);
    cleanups.unshift(async () => stopProgress());
    let driven: ChaosResult['driven'] = { ok: true };
    let settled: ChaosResult['settled'];
    const timeUp = (seconds: number, what: string) => new Promise<never>((_, reject) => { setTimeout(() => reject(new Error(`${what} passed (${marks.current()})`)), seconds * 1000).unref(); });
    const drive = (async () => {
      for (const c of cases) await api.ok('rivera', { method: 'POST', url: '/api/cases', payload: { ...c.pkg, settings: benchClocks } });
      await Promise.all(cases.map((c) => driveCase(api, world, c.pkg.caseId, c.domains, marks, 1000)));
    })();
    drive.catch(() => undefined);
    try {
      await Promise.race([timeUp(settings.deadline, `the deadline of ${settings.deadline} s under faults`), drive.then(async () => {
        log(`every case CLOSED (${marks.current()}); waiting for the faults still scheduled`);
        await faults.done;
      })]);
    } catch (error) {
      driven = { ok: false, error: error instanceof Error ? error.message : String(error) };
      log(`driving under faults stopped: ${driven.error}`);
    }
    await faults.cancel();
    const run = marks.seconds();
    const seconds = Math.round((Date.now() - marks.started) / 100) / 10;
    // Past the deadline the faults stop and the run may settle: does everything still end, and end once?
    if (!driven.ok && settings.settle > 0 && !/stopped before review|closed with/.test(driven.error)) {
      const settleStarted = Date.now();
      log(`faults over; letting the run settle for up to ${settings.settle} s`);
      try {
        await Promise.race([timeUp(settings.settle, `the settling time of ${settings.settle} s`), drive]);
        settled = { ok: true, seconds: Math.round((Date.now() - settleStarted) / 1000) };
      } catch (error) {
        settled = { ok: false, seconds: Math.round((Date.now() - settleStarted) / 1000), error: error instanceof Error ? error.message : String(error) };
      }
      log(`settling: ${JSON.stringify(settled)}`);
    }
    stopProgress();

    const checks = await endChecks({ client, api, sink: world.sink, caseIds: cases.map((c) => c.pkg.caseId), domains });
    return {
      settings, seconds, driven, settled, phases: run.phases, faults: faults.injected,
      worker: { starts: worker.starts, kills: worker.kills, medianStartSeconds: median(worker.startSeconds), unplannedExits: worker.unplannedExits.length, lastUnplannedExits: worker.unplannedExits.slice(-3) },
      serverRestarts: server.restarts,
      retriedRequests: api.retried,
      checks,
    };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : undefined);

/** The worker's configuration (src/config.ts) pointed at this run's server and fixture world. */
export function workerEnvironment(address: string, world: Awaited<ReturnType<typeof startWorld>>, bundleFile: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH, HOME: process.env.HOME,
    TAKEDOWN_TEMPORAL_ADDRESS: address,
    // The world's database: the banner's allow-list the worker writes is the one the fixture banner serves.
    TAKEDOWN_DATA_DIR: world.dataDir,
    TAKEDOWN_SMTP_PORT: String(world.sink.port),
    TAKEDOWN_RDAP_BOOTSTRAP: world.rdap.bootstrapFile,
    TAKEDOWN_DNS_SERVERS: world.dns.address,
    TAKEDOWN_HTTP_TIMEOUT_MS: '3000',
    TAKEDOWN_LOOKUP_HOST_RATE: '50',
    TAKEDOWN_LOOKUP_INTERVAL_MS: '0',
    TAKEDOWN_LINK_SECRET: linkSecret,
    TAKEDOWN_ROLE_MAILBOXES: JSON.stringify(roleMailboxes),
    TAKEDOWN_SEIZURE_NAMESERVERS: seizureNameservers.join(','),
    TAKEDOWN_BANNER_ADDRESSES: bannerAddress,
    TAKEDOWN_VERIFY_HTTP_PORT: String(world.banner.port),
    CHAOS_FETCH_ALLOW_HOSTS: world.fetchAllowHosts.join(','),
    CHAOS_WORKFLOW_BUNDLE: bundleFile,
  };
}

/** Resolves when the fixture registry has had its first RDAP request. */
async function firstLookup(world: World): Promise<void> {
  while (world.rdap.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
