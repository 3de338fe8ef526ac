import { z } from 'zod';
import { statuteSchema } from './case-package';
import { TakedownError } from './errors';

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** A seizure warrant issued by a magistrate judge; it lists every target it covers. */
export const warrantSchema = z.object({
  court: z.string().min(3, 'court is required, e.g. "U.S. District Court for the Southern District of New York"'),
  judge: z.string().min(3, 'magistrate judge is required'),
  docket: z.string().min(3, 'docket number is required'),
  issuedOn: isoDate,
  /** The last day the warrant may be executed (Fed. R. Crim. P. 41(e)(2)(A): at most 14 days after issue); after issue. */
  expiresOn: isoDate.optional(),
  statutes: z.array(statuteSchema).min(1, 'cite at least one statute'),
  sealed: z.boolean(),
  documentRef: z.string().min(1, 'reference of the signed warrant document is required'),
  /** Normalised target keys (domain or platform:handle) the warrant covers. */
  covers: z.array(z.string().min(1)).min(1, 'a warrant covers at least one target'),
}).refine((w) => w.expiresOn === undefined || w.expiresOn > w.issuedOn, {
  path: ['expiresOn'],
  error: 'a warrant expires after the day it was issued',
});
export type Warrant = z.infer<typeof warrantSchema>;

/**
 * The latest calendar day that is "today" somewhere (UTC+14): a warrant signed this morning in Guam is
 * not refused because it is still yesterday in UTC, while a date later than that is in the future everywhere.
 */
export function latestToday(nowMs: number): string {
  return new Date(nowMs + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A warrant's dates against the clock: it was issued on a day that has come (a future-dated warrant is a
 * typing error or a draft, and would go into every notice). Refused with VALIDATION_FAILED naming the field.
 */
export function checkWarrantDates(warrant: Pick<Warrant, 'issuedOn'>, nowMs: number): void {
  const today = latestToday(nowMs);
  if (warrant.issuedOn > today) {
    throw new TakedownError('VALIDATION_FAILED', `the warrant is dated ${warrant.issuedOn}, in the future (today is ${today} at the latest): record it once it is issued`, {
      issuedOn: [`must not be in the future (at the latest ${today})`],
    });
  }
}
