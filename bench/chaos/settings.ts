/**
 * What a chaos run does and when, in seconds from the start of the run: every duration of the run comes
 * from here (the full run of `npm run chaos`, or the compressed one of the jest test), never from a sleep
 * written elsewhere.
 */
export interface ChaosSettings {
  targets: number;
  /** The targets are split over this many cases, opened one after the other through the API. */
  cases: number;
  /** The worker process is SIGKILLed this often (seconds); 0: never. */
  workerKillEvery: number;
  /** How many kills at most (the compressed run kills once). */
  workerKills: number;
  /** When the Temporal dev server is stopped and started again on its SQLite file, and for how long it stays down. */
  serverRestartsAt: number[];
  serverDownFor: number;
  /** The SMTP sink refuses every recipient (451) in this window. */
  smtpRefuses: Window;
  /** The RDAP fixture is down in this window: a third of it 429, a third 503, a third dropped connections. */
  rdapDown: Window;
  /** The DNS server is stopped in this window. */
  dnsDown: Window;
  /** The whole run gives up (and reports what is stuck) after this many seconds. */
  deadline: number;
  /** Past the deadline the faults stop and the run gets this many seconds to settle before the checks (0: none). */
  settle: number;
  /** A progress line (targets by stage) this often, in seconds. */
  progressEvery: number;
}

/**
 * A fault's window: `at` seconds after the run starts, after the first case reaches a milestone (bench/phases.ts),
 * or after the registry's first lookup (`lookups`: the worker process may take long to start on a busy machine,
 * and an RDAP outage before any lookup meets nothing).
 */
export interface Window { at: number; for: number; after?: 'lookups' | 'review' | 'notices' }

/** `npm run chaos`: the schedule (issue 14, item 5). */
export const fullRun = (targets = 200): ChaosSettings => ({
  targets,
  cases: 2,
  workerKillEvery: 15,
  workerKills: Number.POSITIVE_INFINITY,
  serverRestartsAt: [40, 200],
  serverDownFor: 5,
  smtpRefuses: { at: 0, for: 120, after: 'review' },
  rdapDown: { at: 5, for: 60 },
  dnsDown: { at: 30, for: 20 },
  deadline: 20 * 60,
  settle: 5 * 60,
  progressEvery: 30,
});

/** The jest test's: a handful of targets, one kill, one restart, short windows; done within ~3 minutes. */
export const compressedRun = (): ChaosSettings => ({
  targets: 6,
  cases: 2,
  workerKillEvery: 20,
  workerKills: 1,
  serverRestartsAt: [35],
  serverDownFor: 3,
  smtpRefuses: { at: 0, for: 15, after: 'review' },
  rdapDown: { at: 0, for: 12, after: 'lookups' },
  dnsDown: { at: 25, for: 6 },
  deadline: 170,
  settle: 0,
  progressEvery: 20,
});

export const usage = `npm run chaos -- [--targets N] [--deadline SECONDS] [--settle SECONDS]
  N targets (default 200) in two cases through the whole pipeline, while the worker is SIGKILLed every 15 s,
  the Temporal dev server restarts twice, the SMTP sink refuses for two minutes, the RDAP registry is down for
  a minute and the DNS server stops once. Past the deadline (default 1200 s) the faults stop and the run gets
  --settle seconds (default 300) to finish before the checks. Writes bench/results/chaos.json.`;

export function parseChaosArgs(argv: string[]): ChaosSettings {
  const settings = fullRun();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[++i]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag}: a positive number, got ${argv[i]}\n${usage}`);
    if (flag === '--targets') settings.targets = Math.floor(value);
    else if (flag === '--deadline') settings.deadline = value;
    else if (flag === '--settle') settings.settle = value;
    else throw new Error(`unknown argument ${flag}\n${usage}`);
  }
  if (settings.targets < settings.cases) throw new Error(`--targets: at least ${settings.cases} (one per case)`);
  return settings;
}
