import { looksRemoved, rulesFor } from '../../domain/platform-rules';
import type { RemovalCheck } from '../../domain/profile-takedown';
import type { PlatformContact } from '../../domain/registries';
import type { Platform } from '../../domain/targets/types';
import { httpGet } from '../../lib/net/http-get';
import type { BlobStore } from '../../lib/store/blob-store';

export interface RemovalCheckDeps {
  blobs: BlobStore;
  /** The same resolvers and timeout as evidence capture (TAKEDOWN_DNS_SERVERS, TAKEDOWN_HTTP_TIMEOUT_MS). */
  dnsServers: string[];
  timeoutMs: number;
  /** Test sites only: addresses fetched although not public (lib/net/fetch-guard.ts). */
  allowHosts?: readonly string[];
  /** Configured overrides of how a removed profile looks, per platform. */
  platforms: readonly Pick<PlatformContact, 'platform' | 'removal'>[];
}

/** A removed page says so early; a profile page can be large, and we only need to read it. */
const maxBytes = 1_000_000;

/**
 * Looks at a profile page once and applies the platform's rule (status, or a "not available" marker on a
 * 200 page, after redirects). The page is kept in the evidence store: it proves the removal (or the return).
 * An unreachable page is "not removed": the platform is up for everyone else, so silence proves nothing.
 * Our own evidence store failing is not the page's silence: it fails the check (retried, then a visible wait
 * on the target, workflows/profile-takedown/removal.ts), as it fails an evidence capture.
 */
export async function checkRemoved(deps: RemovalCheckDeps, input: { url: string; platform: Platform }, now: () => string): Promise<RemovalCheck> {
  const at = now();
  const rules = rulesFor(input.platform, deps.platforms.find((p) => p.platform === input.platform)?.removal);
  let page: Awaited<ReturnType<typeof httpGet>>;
  try {
    page = await httpGet(input.url, { dnsServers: deps.dnsServers, timeoutMs: deps.timeoutMs, maxBytes, allowHosts: deps.allowHosts, headers: { 'user-agent': 'Takedown profile verification' } });
  } catch (error) {
    return { url: input.url, finalUrl: input.url, at, status: 0, removed: false, seen: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = page.body.toString('utf8');
  const removed = looksRemoved(rules, page.status, body);
  const marker = rules.removedMarkers.find((m) => body.toLowerCase().includes(m));
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  const seen = `HTTP ${page.status}${page.finalUrl !== input.url ? ` at ${page.finalUrl}` : ''}: ${removed ? (marker && page.status === 200 ? `shows "${marker}"` : 'the platform answers as removed') : `the profile page${title ? ` ("${title}")` : ''}`}`;
  return { url: input.url, finalUrl: page.finalUrl, at, status: page.status, removed, seen, bodySha256: await deps.blobs.put(page.body) };
}
