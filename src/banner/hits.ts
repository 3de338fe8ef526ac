import type { Db } from '../../lib/store/database';

/** Banner hits per domain and UTC day (ICE reported its banners' hits as a measure of reach). */
export function createHitCounter(db: Db) {
  const bump = db.prepare(`INSERT INTO banner_hits (domain, day, hits) VALUES (?, ?, 1) ON CONFLICT(domain, day) DO UPDATE SET hits = hits + 1`);
  const total = db.prepare('SELECT COALESCE(SUM(hits), 0) AS hits FROM banner_hits WHERE domain = ?');
  const byDay = db.prepare('SELECT day, hits FROM banner_hits WHERE domain = ? ORDER BY day');
  return {
    count(domain: string, at: Date = new Date()): void {
      bump.run(domain, at.toISOString().slice(0, 10));
    },
    total(domain: string): number {
      return Number((total.get(domain) as { hits: number }).hits);
    },
    byDay(domain: string): { day: string; hits: number }[] {
      return byDay.all(domain) as { day: string; hits: number }[];
    },
  };
}
export type HitCounter = ReturnType<typeof createHitCounter>;
