import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Db } from '../../lib/store/database';

/**
 * Tokens ended by signing out before they expire. A bearer token is good until its `exp`, wherever a copy
 * of it is (a browser's cookie, a CLI's saved session, a log someone kept); signing out puts it here and
 * the API refuses it from then on. Kept until the token would have expired anyway.
 */
export interface RevokedTokens {
  /** Ends a verified token; its own `exp` says how long the entry is kept. */
  revoke(token: string, now?: Date): void;
  isRevoked(token: string): boolean;
}

// Only a hash of the token is kept: the table never holds a usable credential.
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens with no readable expiry are kept this long (the verifier refuses tokens without `exp` anyway). */
const fallbackKeepMs = 24 * 3_600_000;

export function createRevokedTokens(db: Db): RevokedTokens {
  db.exec(`CREATE TABLE IF NOT EXISTS revoked_tokens (
     token_sha256 TEXT PRIMARY KEY,
     expires_at TEXT NOT NULL,
     revoked_at TEXT NOT NULL
   )`);
  const insert = db.prepare('INSERT OR IGNORE INTO revoked_tokens (token_sha256, expires_at, revoked_at) VALUES (?, ?, ?)');
  const forgetExpired = db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ?');
  const find = db.prepare('SELECT 1 FROM revoked_tokens WHERE token_sha256 = ?');
  return {
    revoke(token, now = new Date()) {
      let expiresMs = now.getTime() + fallbackKeepMs;
      try {
        const { exp } = decodeJwt(token);
        if (typeof exp === 'number') expiresMs = exp * 1000;
      } catch {
        // Not a JWT: keep the fallback time.
      }
      forgetExpired.run(now.toISOString());
      insert.run(hashOf(token), new Date(expiresMs).toISOString(), now.toISOString());
    },
    isRevoked: (token) => find.get(hashOf(token)) !== undefined,
  };
}
