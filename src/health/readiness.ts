import type { Db } from '../../lib/store/database';

/**
 * What `/readyz` asks of a process: each named check resolves when that part is ready and throws saying why
 * not. Liveness (`/healthz`) asks nothing: a process that answers at all is alive, and restarting it because
 * Temporal or the disk is away would not bring them back.
 */
export type ReadinessChecks = Record<string, () => Promise<void> | void>;

export interface Readiness {
  ready: boolean;
  /** Every check by name: "ok", or why it is not ready. */
  checks: Record<string, string>;
}

/** A check that hangs (an unreachable Temporal behind a firewall) counts as not ready after this long. */
const checkTimeoutMs = 2_000;

/** Runs every check at once, each bounded in time; `/readyz` answers 200 when all pass, 503 otherwise. */
export async function checkReadiness(checks: ReadinessChecks): Promise<Readiness> {
  const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs); });
    try {
      await Promise.race([Promise.resolve().then(check), timeout]);
      return [name, 'ok'] as const;
    } catch (error) {
      return [name, reasonOf(error)] as const;
    } finally {
      clearTimeout(timer);
    }
  }));
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}

/**
 * Temporal answers: the cheapest call every frontend serves (the namespace is not involved). The client keeps
 * retrying an unreachable server, so the check gives up first, inside the readiness bound, and says so.
 */
export const temporalReachable = (service: { getSystemInfo(request: object): Promise<unknown> }, giveUpMs = 1_500) => async () => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([service.getSystemInfo({}), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${giveUpMs} ms`)), giveUpMs); })]);
  } catch (error) {
    throw new Error(`Temporal not reachable: ${reasonOf(error)}`);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The SQLite file takes a write: a one-row probe table, rewritten in place. A read would pass on a file
 * opened read-only, a full disk or a lost lock, which are what stop the processes' real writes.
 */
export const databaseWritable = (db: Db) => () => {
  try {
    db.exec('CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL)');
    db.prepare('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at').run(new Date().toISOString());
  } catch (error) {
    throw new Error(`database not writable: ${reasonOf(error)}`);
  }
};

/** An error's message, also for errors made in another realm (a native module's, a test VM's), which fail instanceof Error. */
function reasonOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
