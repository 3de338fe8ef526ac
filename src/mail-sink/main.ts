import path from 'node:path';
import { loadConfig } from '../config';
import { startMailSink } from './sink';

/** `npm start`'s mail sink: every notice the system sends lands in .data/mail/ as an .eml file. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dir = path.join(config.TAKEDOWN_DATA_DIR, 'mail');
  const sink = await startMailSink({ port: config.TAKEDOWN_SMTP_PORT, host: config.TAKEDOWN_SMTP_HOST, dir });
  console.log(`mail sink listening on smtp://${config.TAKEDOWN_SMTP_HOST}:${sink.port}, keeping messages in ${dir}`);
  const stop = () => void sink.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
