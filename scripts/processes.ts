import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessSpec {
  /** The prefix of its output lines, e.g. `worker-1`. */
  name: string;
  /** A TypeScript entry point run with tsx, e.g. `worker/main.ts`. */
  entry: string;
  /** Settings of this process alone, over the shared environment (e.g. a second worker's health port). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts our processes (npm start's and the cluster's alike) with one environment, each line of their output
 * prefixed with the process's name; if one exits while nobody is stopping, `onUnexpectedExit` is called.
 * `stop` sends SIGTERM to all and SIGKILL to any still running `killAfterMs` later.
 */
export function startProcesses(specs: ProcessSpec[], env: NodeJS.ProcessEnv, onUnexpectedExit: () => void, { killAfterMs }: { killAfterMs: number }) {
  let stopping = false;
  const children: ChildProcess[] = specs.map(({ name, entry, env: own }) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...env, ...own }, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (line: string) => `[${name}] ${line}`;
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
    child.on('exit', (code, signal) => { if (!stopping) { console.error(prefix(`exited (${signal ?? code}); stopping everything`)); onUnexpectedExit(); } });
    return child;
  });
  return {
    children,
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all(children.map((child) => new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
      })));
    },
  };
}

/**
 * Stops the children, then what they ran on (the dev server or the cluster), once, on Ctrl-C, SIGTERM or a
 * child's unexpected end; answers the stop function for the latter.
 */
export function stopAllOnSignals(parts: () => { stop(): Promise<void> }[], stoppedMessage: string): () => Promise<void> {
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const part of parts()) await part.stop();
    console.log(stoppedMessage);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return stop;
}
