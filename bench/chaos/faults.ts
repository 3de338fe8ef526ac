import type { World } from '../../test/helpers/world';
import type { RdapOutage } from '../../test/helpers/rdap-server';
import type { ChaosSettings, Window } from './settings';
import type { RestartableServer } from './restartable-server';
import type { SupervisedWorker } from './worker-supervisor';

/** One fault as it happened: what, when (seconds into the run), for how long, during which phase. */
export interface InjectedFault {
  fault: string; at: number; seconds: number; phase: string;
  /** What the fault met while it was on, where that can be counted (RDAP requests answered with it, SMTP recipients refused). */
  met?: string;
}

export interface FaultSwitches {
  worker: SupervisedWorker;
  server: RestartableServer;
  world: World;
  /** The sink's switch (startWorld's refuseRecipient reads it). */
  smtpRefusing(on: boolean): void;
  /** How many recipients the sink has refused so far. */
  smtpRefusals(): number;
  /** The phase the run is in (bench/phases.ts), for the record. */
  phase(): string;
  /** Resolves when the first case reaches a milestone (a window with `after`). */
  reached(milestone: NonNullable<Window['after']>): Promise<void>;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Injects the faults of the settings' schedule from now on, each as its own timeline; `done` resolves when
 * every scheduled fault has been injected and lifted, `cancel` lifts whatever is on (the run hit its deadline).
 */
export function injectFaults(settings: ChaosSettings, s: FaultSwitches, log: (line: string) => void) {
  const started = Date.now();
  const injected: InjectedFault[] = [];
  let cancelled = false;
  let killing = true;
  const now = () => Math.round((Date.now() - started) / 100) / 10;
  /** A fault on from `begin` for `seconds`, lifted by `end`. */
  const during = async (fault: string, seconds: number, begin: () => void | Promise<void>, end: () => void | Promise<void>, met?: { what: string; count: () => number }) => {
    if (cancelled) return;
    const entry: InjectedFault = { fault, at: now(), seconds, phase: s.phase() };
    log(`${entry.at}s ${fault} for ${seconds}s (${entry.phase})`);
    const before = met?.count() ?? 0;
    await begin();
    injected.push(entry);
    await sleep(seconds);
    await end();
    if (met) entry.met = `${met.count() - before} ${met.what}`;
    log(`${now()}s ${fault}: lifted${entry.met ? ` (met ${entry.met})` : ''}`);
  };
  const startOf = async (w: Window) => { if (w.after) await s.reached(w.after); await sleep(w.at); };

  const workerKills = (async () => {
    if (!settings.workerKillEvery) return;
    for (let n = 0; n < settings.workerKills && killing; n++) {
      await sleep(settings.workerKillEvery);
      if (!killing) return;
      if (s.worker.kill()) { injected.push({ fault: 'worker SIGKILL', at: now(), seconds: 0, phase: s.phase() }); log(`${now()}s worker SIGKILL (${s.phase()})`); }
    }
  })();
  const stopKilling = () => { killing = false; };

  const serverRestarts = (async () => {
    let last = 0;
    for (const at of settings.serverRestartsAt) {
      await sleep(at - last);
      last = at;
      if (cancelled) return;
      const entry = { fault: 'Temporal server restart', at: now(), seconds: settings.serverDownFor, phase: s.phase() };
      log(`${entry.at}s Temporal server stopped for ${settings.serverDownFor}s (${entry.phase})`);
      injected.push(entry);
      await s.server.restart(settings.serverDownFor * 1000);
      log(`${now()}s Temporal server started again on its SQLite file`);
    }
  })();

  const smtp = (async () => {
    await startOf(settings.smtpRefuses);
    const recipientsRefused = { what: 'recipients refused', count: () => s.smtpRefusals() };
    await during('SMTP sink refuses (451)', settings.smtpRefuses.for, () => s.smtpRefusing(true), () => s.smtpRefusing(false), recipientsRefused);
  })();

  const rdap = (async () => {
    await startOf(settings.rdapDown);
    const third = settings.rdapDown.for / 3;
    const kinds: [RdapOutage, string][] = [['rate-limit', 'RDAP answers 429'], ['unavailable', 'RDAP answers 503'], ['drop', 'RDAP drops connections']];
    const rdapRequests = { what: 'RDAP requests', count: () => s.world.rdap.requests.length };
    for (const [kind, fault] of kinds) await during(fault, third, () => s.world.rdap.outage(kind), () => s.world.rdap.outage(undefined), rdapRequests);
  })();

  const dns = (async () => {
    await startOf(settings.dnsDown);
    await during('DNS server stopped', settings.dnsDown.for, () => s.world.dns.stop(), () => s.world.dns.start());
  })();

  const scheduled = Promise.all([serverRestarts, smtp, rdap, dns]);
  return {
    injected,
    /** Every scheduled fault over (the worker kills go on until `stopKilling`). */
    done: scheduled,
    stopKilling,
    async cancel() {
      cancelled = true;
      killing = false;
      s.smtpRefusing(false);
      s.world.rdap.outage(undefined);
      await s.world.dns.start();
      await workerKills;
    },
  };
}
