import type { Warrant } from './warrant';

/**
 * What the public seizure banner may say of a warrant whose court is under seal: the kind of court, true of
 * every seizure warrant we execute, naming no district, judge or docket.
 */
export const sealedCourtPhrase = 'United States District Court';

/**
 * The reference the banner shows instead of the internal case ID: drawn at random (the workflow's seeded,
 * replay-safe uuid4), so nothing about the case, its docket or its warrant can be read back from it. It is
 * kept with the seizure (the custody status's `caseRef` and the target's timeline), where staff look a
 * visitor's or a tip's reference up.
 */
export function publicReference(randomUuid: string): string {
  const hex = randomUuid.replace(/-/g, '').toUpperCase();
  return `SZ-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

/** The banner's allow-list entry for a seized domain: the public reference and, for a sealed warrant, the generic court. */
export function bannerListing(domain: string, warrant: Pick<Warrant, 'court' | 'sealed'>, reference: string): { domain: string; caseRef: string; court: string } {
  return { domain, caseRef: reference, court: warrant.sealed ? sealedCourtPhrase : warrant.court };
}
