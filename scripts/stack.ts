import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, loadDotEnv } from '../src/config';
import { startTemporalServer } from './temporal-server';

/**
 * Runs the whole system on one machine: the Temporal dev server (state in .data/temporal.db, so a second
 * start finds it intact), the mail sink, the worker and the other processes. Ctrl-C stops all of it.
 */
const processes: { name: string; entry: string }[] = [
  { name: 'mail-sink', entry: 'src/mail-sink/main.ts' },
  { name: 'worker', entry: 'worker/main.ts' },
];

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  fs.mkdirSync(config.TAKEDOWN_DATA_DIR, { recursive: true });
  const temporal = await startTemporalServer({
    port: config.TAKEDOWN_TEMPORAL_PORT,
    uiPort: config.TAKEDOWN_TEMPORAL_UI_PORT,
    dbFile: path.join(config.TAKEDOWN_DATA_DIR, 'temporal.db'),
  });
  const env = { ...process.env, TAKEDOWN_TEMPORAL_ADDRESS: temporal.address, TAKEDOWN_DATA_DIR: config.TAKEDOWN_DATA_DIR };
  const children: ChildProcess[] = processes.map(({ name, entry }) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const prefix = (line: string) => `[${name}] ${line}`;
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk.toString().split('\n').filter(Boolean).map(prefix).join('\n') + '\n'));
    child.on('exit', (code, signal) => { if (!stopping) console.error(prefix(`exited (${signal ?? code}); stopping everything`)); void stop(); });
    return child;
  });

  console.log(`
Takedown is running.
  Temporal server     ${temporal.address} (namespace ${config.TAKEDOWN_TEMPORAL_NAMESPACE})
  Temporal Web UI     ${temporal.uiUrl}
  Mail sink (SMTP)    smtp://${config.TAKEDOWN_SMTP_HOST}:${config.TAKEDOWN_SMTP_PORT} → ${path.join(config.TAKEDOWN_DATA_DIR, 'mail')}
  Data                ${config.TAKEDOWN_DATA_DIR}
Press Ctrl-C to stop.
`);

  let stopping = false;
  async function stop(): Promise<void> {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    })));
    await temporal.stop();
    console.log('Takedown stopped.');
    process.exit(0);
  }
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
