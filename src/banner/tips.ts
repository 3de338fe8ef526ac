import { createHmac } from 'node:crypto';
import type { Db } from '../../lib/store/database';

/** A lead from the public, as stored: the client address only as a keyed hash (enough to rate-limit). */
export interface Tip {
  tipId: number;
  domain: string;
  caseRef: string;
  receivedAt: string;
  message: string;
  name?: string;
  contact?: string;
  clientHash: string;
}

/** A keyed hash of a client address: the same visitor is recognised, the address itself is never kept. */
export function clientHasher(secret: string): (address: string) => string {
  const key = createHmac('sha256', secret).update('banner-client-address').digest();
  return (address) => createHmac('sha256', key).update(address).digest('hex').slice(0, 32);
}

/** How long what a tip holds is kept. */
export interface TipRetention {
  /** The keyed hash of the sender's address: only for the per-hour rate limit, so a day is plenty. */
  clientHashMs: number;
  /** The tip itself: the records schedule (TAKEDOWN_TIP_RETENTION). */
  tipsMs: number;
}

/** Tips submitted through the banner's form: actionable leads, per seized domain. */
export function createTipStore(db: Db) {
  const insert = db.prepare(`INSERT INTO banner_tips (domain, case_ref, received_at, message, name, contact, client_hash) VALUES (@domain, @caseRef, @receivedAt, @message, @name, @contact, @clientHash)`);
  const since = db.prepare('SELECT received_at FROM banner_tips WHERE client_hash = ? AND received_at > ? ORDER BY received_at');
  const forDomain = db.prepare('SELECT * FROM banner_tips WHERE domain = ? ORDER BY tip_id');
  const forgetClients = db.prepare(`UPDATE banner_tips SET client_hash = '' WHERE client_hash <> '' AND received_at < ?`);
  const deleteOld = db.prepare('DELETE FROM banner_tips WHERE received_at < ?');
  const fromRow = (row: Record<string, unknown>): Tip => ({
    tipId: Number(row.tip_id), domain: String(row.domain), caseRef: String(row.case_ref), receivedAt: String(row.received_at), message: String(row.message),
    name: (row.name as string | null) ?? undefined, contact: (row.contact as string | null) ?? undefined, clientHash: String(row.client_hash),
  });
  return {
    add(tip: Omit<Tip, 'tipId'>): number {
      return Number(insert.run({ ...tip, name: tip.name ?? null, contact: tip.contact ?? null }).lastInsertRowid);
    },
    /** When this client's tips inside the window were received, oldest first (for the rate limit). */
    recentFrom(clientHash: string, sinceIso: string): string[] {
      return (since.all(clientHash, sinceIso) as { received_at: string }[]).map((row) => row.received_at);
    },
    forDomain(domain: string): Tip[] {
      return (forDomain.all(domain) as Record<string, unknown>[]).map(fromRow);
    },
    /**
     * The retention policy: the client hash is kept only as long as the rate limit needs it, and a tip
     * (with the name and contact a visitor left) only as long as the records schedule says.
     */
    applyRetention(now: Date, policy: TipRetention): { clientsForgotten: number; tipsDeleted: number } {
      const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
      return db.transaction(() => {
        const tipsDeleted = deleteOld.run(before(policy.tipsMs)).changes;
        return { tipsDeleted, clientsForgotten: forgetClients.run(before(policy.clientHashMs)).changes };
      })();
    },
  };
}
export type TipStore = ReturnType<typeof createTipStore>;
