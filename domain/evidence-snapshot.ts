import type { EvidenceFailure } from './evidence';

/**
 * A fetched page, kept for the chain of custody; or, with `failure`, an attempt that captured nothing
 * (refused, timed out, no DNS answer, an HTTP error status), which has no body and is never cited as evidence.
 */
export interface EvidenceSnapshot {
  url: string;
  finalUrl: string;
  /** The HTTP status; 0 when no answer came. */
  status: number;
  headers: Record<string, string>;
  /** Key of the body in the blob store; absent when nothing was captured (`failure`). */
  bodySha256?: string;
  bytes: number;
  capturedAt: string;
  capturedBy: string;
  /** SHA-256 of this record without itself: the ID cited in the case package. */
  snapshotId: string;
  /** Why nothing was captured. Absent on a capture. */
  failure?: EvidenceFailure;
  /** The IP address the page came from: the one checked before connecting (lib/net/http-get.ts). */
  address?: string;
  /** The URLs redirected through before finalUrl (or before the refused redirect). */
  redirects?: string[];
  /** The page was larger than the size limit: the body holds its first part. */
  truncated?: boolean;
  /** Records from before failures were classified: the error text of a failed attempt (status 0). */
  error?: string;
}
