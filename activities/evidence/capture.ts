import { sha256Hex, type BlobStore } from '../store/blob-store';
import { httpGet } from '../net/http-get';
import type { EvidenceSnapshot } from '../../domain/records';

export interface EvidenceDeps {
  blobs: BlobStore;
  dnsServers: string[];
  timeoutMs: number;
}

/** Fetches each page and keeps status, headers and body (content-addressed): the chain of custody. */
export async function captureSnapshots(deps: EvidenceDeps, urls: string[], capturedBy: string, capturedAt: () => string): Promise<EvidenceSnapshot[]> {
  const snapshots: EvidenceSnapshot[] = [];
  for (const url of urls) {
    const at = capturedAt();
    try {
      const page = await httpGet(url, { dnsServers: deps.dnsServers, timeoutMs: deps.timeoutMs });
      const bodySha256 = await deps.blobs.put(page.body);
      snapshots.push(withId({ url, finalUrl: page.finalUrl, status: page.status, headers: page.headers, bodySha256, bytes: page.body.length, capturedAt: at, capturedBy }));
    } catch (error) {
      // An unreachable site is itself evidence (and not a reason to stop the case): record what happened.
      const message = error instanceof Error ? error.message : String(error);
      snapshots.push(withId({ url, finalUrl: url, status: 0, headers: {}, bodySha256: sha256Hex(''), bytes: 0, capturedAt: at, capturedBy, error: message }));
    }
  }
  return snapshots;
}

function withId(snapshot: Omit<EvidenceSnapshot, 'snapshotId'>): EvidenceSnapshot {
  return { ...snapshot, snapshotId: sha256Hex(JSON.stringify(snapshot)) };
}
