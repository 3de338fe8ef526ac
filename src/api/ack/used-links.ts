import { createHash } from 'node:crypto';
import type { Db } from '../../../lib/store/database';
import type { AckClaims } from '../../../lib/ack-token';

export type AckKind = 'received' | 'actioned';

/** Which acknowledgement links have been used, and for which confirmation: each link once per kind. */
export interface UsedLinks {
  /** Records the use; false when this link was used for this kind already. */
  claim(token: string, kind: AckKind, claims: AckClaims): boolean;
  /** Undoes a claim whose signal could not be delivered, so the recipient can try again. */
  release(token: string, kind: AckKind): void;
  usedKinds(token: string): AckKind[];
}

// Only a hash of the token is kept: the table never holds a usable link.
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUsedLinks(db: Db): UsedLinks {
  const insert = db.prepare('INSERT OR IGNORE INTO ack_links_used (token_sha256, kind, workflow_id, notice_id, used_at) VALUES (?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM ack_links_used WHERE token_sha256 = ? AND kind = ?');
  const kinds = db.prepare('SELECT kind FROM ack_links_used WHERE token_sha256 = ? ORDER BY kind');
  return {
    claim: (token, kind, claims) => insert.run(hashOf(token), kind, claims.workflowId, claims.noticeId, new Date().toISOString()).changes === 1,
    release: (token, kind) => void remove.run(hashOf(token), kind),
    usedKinds: (token) => (kinds.all(hashOf(token)) as { kind: AckKind }[]).map((row) => row.kind),
  };
}
