import type { Db } from './store/database';

export type BannerPageMode = 'seizure' | 'public-service';

/** One seized domain the banner answers for, with what its page must state. */
export interface AllowListEntry {
  domain: string;
  caseRef: string;
  court: string;
  docket?: string;
  mode: BannerPageMode;
  addedAt: string;
  releasedAt?: string;
  releaseReason?: string;
}

export interface AllowListAdd {
  domain: string;
  caseRef: string;
  court: string;
  docket?: string;
}

/**
 * The banner's allow-list in the shared SQLite file, so it survives restarts and the worker (which
 * changes it) and the banner server (which reads it on every request) see the same list. A released
 * domain keeps its row (who, when, why) but no longer matches; every write is idempotent for retries.
 */
export function createAllowList(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO banner_domains (domain, case_ref, court, docket, mode, added_at, updated_at)
    VALUES (@domain, @caseRef, @court, @docket, 'seizure', @now, @now)
    ON CONFLICT(domain) DO UPDATE SET case_ref = @caseRef, court = @court, docket = @docket, updated_at = @now,
      mode = CASE WHEN released_at IS NULL THEN mode ELSE 'seizure' END,
      added_at = CASE WHEN released_at IS NULL THEN added_at ELSE @now END,
      released_at = NULL, release_reason = NULL`);
  const release = db.prepare(`UPDATE banner_domains SET released_at = COALESCE(released_at, @now), release_reason = COALESCE(release_reason, @reason), updated_at = @now WHERE domain = @domain`);
  const setMode = db.prepare(`UPDATE banner_domains SET mode = @mode, updated_at = @now WHERE domain = @domain AND released_at IS NULL`);
  const select = db.prepare('SELECT * FROM banner_domains WHERE domain = ?');
  const activeIn = db.prepare(`SELECT * FROM banner_domains WHERE released_at IS NULL AND domain IN (SELECT value FROM json_each(?)) ORDER BY length(domain) DESC LIMIT 1`);

  const fromRow = (row: Record<string, unknown> | undefined): AllowListEntry | undefined => row && {
    domain: String(row.domain), caseRef: String(row.case_ref), court: String(row.court), docket: (row.docket as string | null) ?? undefined,
    mode: row.mode as BannerPageMode, addedAt: String(row.added_at),
    releasedAt: (row.released_at as string | null) ?? undefined, releaseReason: (row.release_reason as string | null) ?? undefined,
  };
  const now = () => new Date().toISOString();

  return {
    add(entry: AllowListAdd): AllowListEntry {
      upsert.run({ ...entry, docket: entry.docket ?? null, now: now() });
      return fromRow(select.get(entry.domain) as Record<string, unknown>)!;
    },
    /** Takes a domain off the list; false when it was never on it. */
    release(domain: string, reason: string): boolean {
      return release.run({ domain, reason, now: now() }).changes > 0;
    },
    /** Switches a listed domain's page; false when it is not (or no longer) listed. */
    setMode(domain: string, mode: BannerPageMode): boolean {
      return setMode.run({ domain, mode, now: now() }).changes > 0;
    },
    get(domain: string): AllowListEntry | undefined {
      return fromRow(select.get(domain) as Record<string, unknown> | undefined);
    },
    /**
     * The listed entry serving a host: the host itself or a parent of it (www.shop.com is under the
     * seized shop.com's delegation). A name never seized never matches, whatever its DNS says.
     */
    activeFor(host: string): AllowListEntry | undefined {
      const labels = host.split('.');
      const names = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
      return names.length ? fromRow(activeIn.get(JSON.stringify(names)) as Record<string, unknown> | undefined) : undefined;
    },
  };
}
export type AllowList = ReturnType<typeof createAllowList>;
