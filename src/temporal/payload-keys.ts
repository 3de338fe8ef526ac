import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PayloadKey } from './payload-codec';

/**
 * The payload keys: `TAKEDOWN_PAYLOAD_KEYS` as `id:base64,id:base64`, the newest first. To rotate, put the new
 * key first and keep the old ones after it until no retained history holds a payload they encrypted.
 */
export const payloadKeysFormat = 'comma-separated "id:key" pairs, the newest first, each key 32 random bytes in base64 (`openssl rand -base64 32`), e.g. 2026-12:3q2+7w…=,2026-06:q83v…=';

/** The keys in a `TAKEDOWN_PAYLOAD_KEYS` value, or what is wrong with it (one line per pair). */
export function parsePayloadKeys(value: string): { keys: PayloadKey[]; problems: string[] } {
  const keys: PayloadKey[] = [];
  const problems: string[] = [];
  const pairs = value.split(',').map((pair) => pair.trim()).filter(Boolean);
  if (pairs.length === 0) problems.push('holds no key');
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const id = colon > 0 ? pair.slice(0, colon) : '';
    const encoded = colon > 0 ? pair.slice(colon + 1) : pair;
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) { problems.push(`"${pair.slice(0, 12)}…" has no key ID (letters, digits, "._-", before a colon)`); continue; }
    const key = /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) { problems.push(`key "${id}" is ${key.length === 0 ? 'not base64' : `${key.length} bytes`}; AES-256 takes 32 bytes`); continue; }
    if (keys.some((k) => k.id === id)) { problems.push(`key ID "${id}" appears twice`); continue; }
    keys.push({ id, key });
  }
  return { keys, problems };
}

/**
 * A local run's key (`npm start`, no TAKEDOWN_PAYLOAD_KEYS): generated once into the data directory and kept, so
 * the dev server's stored histories stay readable across restarts. The API and the worker start together: the
 * first to write the file wins and the other reads it. Production mode refuses to run on it (src/production.ts).
 */
export function developmentPayloadKey(dataDir: string): PayloadKey {
  const file = path.join(dataDir, 'payload-key.development');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    // Written aside and linked into place, which fails if the other process linked first: nobody reads half a file.
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, `development:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  const { keys, problems } = parsePayloadKeys(fs.readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')} (delete it to have a new development key made; histories it encrypted become unreadable)`);
  return keys[0]!;
}
