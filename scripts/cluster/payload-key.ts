import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The cluster's TAKEDOWN_PAYLOAD_KEYS value: a key generated once into <dir>/payload-keys (mode 600) and kept, so
 * the histories in PostgreSQL stay readable across restarts. Unlike npm start's development key, it is a real
 * production-form setting: the processes get it as TAKEDOWN_PAYLOAD_KEYS.
 */
export function clusterPayloadKeys(dir: string): string {
  const file = path.join(dir, 'payload-keys');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const id = `cluster-${new Date().toISOString().slice(0, 10)}`;
    fs.writeFileSync(file, `${id}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
