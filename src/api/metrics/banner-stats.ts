import type { Db } from '../../../lib/store/database';
import type { Tip } from '../../banner/tips';

/** Reach of the seizure banners: hits and tips (actionable leads) per seized domain, from the banner's tables. */
export interface BannerDomainStats {
  domain: string;
  hits: number;
  tips: number;
  lastTipAt?: string;
}

/** A tip as the API shows it: everything but the hashed client address. */
export type BannerTip = Omit<Tip, 'clientHash'>;

export interface BannerStats {
  perDomain(): BannerDomainStats[];
  tips(filter: { domain?: string; limit: number }): BannerTip[];
  /** Hits on the UTC days from `fromDay` to `toDay` (inclusive, YYYY-MM-DD) and tips received in [start, end). */
  inPeriod(fromDay: string, toDay: string, start: string, end: string): { hits: number; tips: number };
}

/** Read-only queries over the banner server's tables in the shared SQLite file (the banner writes them). */
export function createBannerStats(db: Db): BannerStats {
  const perDomain = db.prepare(`
    SELECT d.domain AS domain,
           COALESCE((SELECT SUM(h.hits) FROM banner_hits h WHERE h.domain = d.domain), 0) AS hits,
           (SELECT COUNT(*) FROM banner_tips t WHERE t.domain = d.domain) AS tips,
           (SELECT MAX(t.received_at) FROM banner_tips t WHERE t.domain = d.domain) AS lastTipAt
      FROM (SELECT domain FROM banner_hits UNION SELECT domain FROM banner_tips) d
     ORDER BY hits DESC, domain`);
  const tipsAll = db.prepare('SELECT tip_id, domain, case_ref, received_at, message, name, contact FROM banner_tips ORDER BY tip_id DESC LIMIT ?');
  const tipsFor = db.prepare('SELECT tip_id, domain, case_ref, received_at, message, name, contact FROM banner_tips WHERE domain = ? ORDER BY tip_id DESC LIMIT ?');
  // The client hash stays in the banner's table: coordinators need the lead, not a way to track who sent it.
  const toTip = (row: Record<string, unknown>): BannerTip => ({
    tipId: Number(row.tip_id), domain: String(row.domain), caseRef: String(row.case_ref), receivedAt: String(row.received_at), message: String(row.message),
    ...(row.name ? { name: String(row.name) } : {}), ...(row.contact ? { contact: String(row.contact) } : {}),
  });
  const hitsIn = db.prepare('SELECT COALESCE(SUM(hits), 0) AS n FROM banner_hits WHERE day >= ? AND day <= ?');
  const tipsIn = db.prepare('SELECT COUNT(*) AS n FROM banner_tips WHERE received_at >= ? AND received_at < ?');
  return {
    inPeriod: (fromDay, toDay, start, end) => ({ hits: Number((hitsIn.get(fromDay, toDay) as { n: number }).n), tips: Number((tipsIn.get(start, end) as { n: number }).n) }),
    perDomain: () => (perDomain.all() as { domain: string; hits: number; tips: number; lastTipAt: string | null }[]).map((r) => ({ domain: r.domain, hits: Number(r.hits), tips: Number(r.tips), ...(r.lastTipAt ? { lastTipAt: r.lastTipAt } : {}) })),
    tips: ({ domain, limit }) => ((domain ? tipsFor.all(domain, limit) : tipsAll.all(limit)) as Record<string, unknown>[]).map(toTip),
  };
}
