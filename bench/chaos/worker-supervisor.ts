import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readyLine } from './worker-ready';

export interface SupervisedWorker {
  /** SIGKILL the running worker process (no goodbye: in-flight tasks are lost, as in a crash); it is started again. */
  kill(): boolean;
  /** The running worker process's ID (its Temporal worker identity is `<pid>@<host>`), if one runs. */
  readonly pid: number | undefined;
  readonly starts: number;
  /** Seconds from each spawn to its workers polling: the worker is away this long after every kill. */
  readonly startSeconds: number[];
  readonly kills: number;
  /** Exits the supervisor did not cause (a crash, or giving up while the server was down), each restarted. */
  readonly unplannedExits: { at: string; code: number | null; signal: string | null; lastLines: string }[];
  stop(): Promise<void>;
}

/**
 * Runs bench/chaos/worker-process.ts as a child process, as `npm start` runs worker/main.ts (scripts/stack.ts),
 * and starts it again whenever it exits, after `restartAfterMs`, until stopped.
 */
export function superviseWorker(env: NodeJS.ProcessEnv, options: { restartAfterMs: number; log?: (line: string) => void }): SupervisedWorker {
  const entry = path.join(__dirname, 'worker-process.ts');
  let child: ChildProcess | undefined;
  let stopping = false;
  let killing = false;
  let starts = 0;
  let kills = 0;
  const startSeconds: number[] = [];
  const unplannedExits: SupervisedWorker['unplannedExits'] = [];

  const start = () => {
    starts++;
    const lines: string[] = [];
    const spawnedAt = Date.now();
    const keep = (chunk: Buffer) => {
      const fresh = chunk.toString().split('\n').filter(Boolean);
      if (fresh.includes(readyLine)) startSeconds.push(Math.round((Date.now() - spawnedAt) / 100) / 10);
      lines.push(...fresh);
      lines.splice(0, Math.max(0, lines.length - 20));
    };
    const running = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.stdout?.on('data', keep);
    running.stderr?.on('data', keep);
    running.once('exit', (code, signal) => {
      if (child === running) child = undefined;
      if (!killing) unplannedExits.push({ at: new Date().toISOString(), code, signal, lastLines: lines.slice(-5).join('\n') });
      killing = false;
      if (stopping) return;
      options.log?.(`worker exited (${signal ?? code}), starting it again`);
      setTimeout(() => { if (!stopping) start(); }, options.restartAfterMs);
    });
    child = running;
  };
  start();

  return {
    kill() {
      if (!child || child.exitCode !== null) return false;
      killing = true;
      kills++;
      child.kill('SIGKILL');
      return true;
    },
    get pid() { return child?.pid; },
    get starts() { return starts; },
    get kills() { return kills; },
    startSeconds,
    unplannedExits,
    async stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
        setTimeout(() => running.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
}
