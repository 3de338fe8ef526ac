import fs from 'node:fs';

/**
 * Where the engine's time goes during a run, read from the dev server's own Prometheus metrics
 * (`--metrics-port`) and its process's CPU clock: the persistence operations by total seconds (on SQLite they
 * run one at a time, so these sums are what the engine waits on), the frontend's API calls by count and
 * seconds, and the CPU seconds of the engine process against the benchmark's own (worker, API, local parts).
 */
export interface EngineLoad {
  engineCpuSeconds: number;
  benchCpuSeconds: number;
  persistence: OperationLoad[];
  frontend: OperationLoad[];
}

export interface OperationLoad { operation: string; calls: number; seconds: number }

type Sums = Map<string, { calls: number; seconds: number }>;

interface Reading { persistence: Sums; frontend: Sums; engineCpu: number; benchCpu: number }

/** A reading now; `since(before)` answers what happened between the two, the heaviest operations first. */
export async function readEngineLoad(metricsUrl: string, enginePid: number): Promise<Reading> {
  const text = await (await fetch(metricsUrl)).text();
  const usage = process.cpuUsage();
  return {
    persistence: sumsOf(text, 'persistence_latency', () => true),
    frontend: sumsOf(text, 'service_latency', (labels) => labels.includes('service_name="frontend"')),
    engineCpu: processCpuSeconds(enginePid),
    benchCpu: (usage.user + usage.system) / 1e6,
  };
}

export function engineLoadBetween(before: Reading, after: Reading, top = 12): EngineLoad {
  const diff = (a: Sums, b: Sums): OperationLoad[] =>
    [...b].map(([operation, v]) => ({ operation, calls: v.calls - (a.get(operation)?.calls ?? 0), seconds: round(v.seconds - (a.get(operation)?.seconds ?? 0)) }))
      .filter((o) => o.calls > 0)
      .sort((x, y) => y.seconds - x.seconds)
      .slice(0, top);
  return {
    engineCpuSeconds: round(after.engineCpu - before.engineCpu),
    benchCpuSeconds: round(after.benchCpu - before.benchCpu),
    persistence: diff(before.persistence, after.persistence),
    frontend: diff(before.frontend, after.frontend),
  };
}

/** Sums a histogram's `_sum` and `_count` series by their `operation` label, over the series `keep` accepts. */
function sumsOf(text: string, metric: string, keep: (labels: string) => boolean): Sums {
  const sums: Sums = new Map();
  const series = new RegExp(`^${metric}_(sum|count)\\{([^}]*)\\} (\\S+)$`, 'gm');
  for (const [, kind, labels, value] of text.matchAll(series)) {
    if (!keep(labels!)) continue;
    const operation = /operation="([^"]*)"/.exec(labels!)?.[1] ?? '?';
    const entry = sums.get(operation) ?? { calls: 0, seconds: 0 };
    if (kind === 'sum') entry.seconds += Number(value);
    else entry.calls += Number(value);
    sums.set(operation, entry);
  }
  return sums;
}

/** utime + stime of a process, from /proc (Linux; 0 elsewhere). */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", utime and stime are the 12th and 13th fields, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
