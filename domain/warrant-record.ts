import type { Actor } from './actors';
import type { Warrant } from './warrant';

/** A warrant as the case records it, and as each target it covers is told of it. */

export interface WarrantRecord {
  warrantId: string;
  warrant: Warrant;
  actor: Actor;
  at: string;
}

/** A warrant as one target hears of it: its court, docket and seal, without the list of every target it covers. */
export interface TargetWarrant {
  warrantId: string;
  warrant: Omit<Warrant, 'covers'>;
  actor: Actor;
  at: string;
}

export function warrantForTarget({ warrant: { covers: _covers, ...warrant }, ...record }: WarrantRecord): TargetWarrant {
  return { ...record, warrant };
}
