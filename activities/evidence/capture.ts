import { parse } from 'tldts';
import { sha256Hex, type BlobStore } from '../../lib/store/blob-store';
import { FetchError, httpGet } from '../../lib/net/http-get';
import type { EvidenceFailure } from '../../domain/evidence';
import type { EvidenceSnapshot } from '../../domain/evidence-snapshot';

export interface EvidenceDeps {
  blobs: BlobStore;
  dnsServers: string[];
  timeoutMs: number;
  /**
   * Addresses fetched although not public, or on a port other than 80/443 (`address` or `address:port`).
   * For tests, whose sites run on 127.0.0.1; production configuration never sets it.
   */
  allowHosts?: readonly string[];
}

/**
 * Fetches each page and keeps status, headers and body (content-addressed): the chain of custody. Only
 * http(s) on `scope` (the target's domain) or its subdomains is fetched, on public addresses; without a
 * scope (a profile page), the URL's own registrable domain. An attempt that captures nothing is recorded
 * as a failure with its reason, and its (empty or error) body is never stored or hashed as content.
 */
export async function captureSnapshots(deps: EvidenceDeps, urls: string[], capturedBy: string, capturedAt: () => string, scope?: string): Promise<EvidenceSnapshot[]> {
  const snapshots: EvidenceSnapshot[] = [];
  for (const url of urls) {
    const at = capturedAt();
    const failed = (failure: EvidenceFailure, rest: Partial<EvidenceSnapshot> = {}) =>
      snapshots.push(withId({ url, finalUrl: url, status: 0, headers: {}, bytes: 0, capturedAt: at, capturedBy, ...rest, failure }));
    const within = scope ?? registrableDomain(url);
    if (!within) { failed({ kind: 'refused', reason: `${url} has no registrable domain to keep the capture within` }); continue; }
    let page: Awaited<ReturnType<typeof httpGet>>;
    try {
      page = await httpGet(url, { dnsServers: deps.dnsServers, timeoutMs: deps.timeoutMs, scope: within, allowHosts: deps.allowHosts });
    } catch (error) {
      // An unreachable or refused page is a fact to record (and not a reason to stop the case), never a capture.
      if (error instanceof FetchError) failed({ kind: error.kind, reason: error.message }, error.hops.length ? { redirects: error.hops } : {});
      else failed({ kind: 'connection', reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const seen = { finalUrl: page.finalUrl, status: page.status, headers: page.headers, ...(page.address ? { address: page.address } : {}), ...(page.redirects.length ? { redirects: page.redirects } : {}) };
    // An error status is the server's complaint, not the site: recorded as a failure, its body not kept as evidence.
    if (page.status >= 400) { failed({ kind: 'http', reason: `HTTP ${page.status} from ${page.finalUrl}` }, seen); continue; }
    // Our own store failing is not the site's failure: it fails the call, which is retried, and the target waits for the store.
    const bodySha256 = await deps.blobs.put(page.body);
    snapshots.push(withId({ url, ...seen, bodySha256, bytes: page.body.length, capturedAt: at, capturedBy, ...(page.truncated ? { truncated: true } : {}) }));
  }
  return snapshots;
}

/** The registrable domain of a URL's host (ICANN and private suffixes alike), or undefined. */
function registrableDomain(url: string): string | undefined {
  try {
    return parse(new URL(url).hostname).domain ?? undefined;
  } catch {
    return undefined;
  }
}

function withId(snapshot: Omit<EvidenceSnapshot, 'snapshotId'>): EvidenceSnapshot {
  return { ...snapshot, snapshotId: sha256Hex(JSON.stringify(snapshot)) };
}
