import { TakedownError } from './errors';
import { latestToday } from './warrant';

/**
 * The day or instant each recorded custody fact happened, by the name of its Update. Every one is a fact
 * of this seizure that has already happened: not before the seizure, not after today. A notice dated
 * before the seizure or a publication dated next month would start the forfeiture clocks early, and
 * custody then forfeits the domain on a deadline the claimant never had.
 */
export const factDateFields: Readonly<Record<string, string>> = {
  recordPersonalNotice: 'sentOn',
  recordPublication: 'firstDay',
  recordClaim: 'filedOn',
  recordComplaint: 'filedOn',
  recordHardshipRequest: 'filedOn',
  recordHardshipPetition: 'filedOn',
  recordHardshipDecision: 'decidedOn',
  recordForfeitureOrder: 'orderedOn',
};

/** Clocks differ between the person's machine, the API and the worker by a little. */
const skewMs = 5 * 60_000;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Refuses with FACT_DATE_OUT_OF_RANGE unless seizure ≤ the fact's date ≤ now. A date without a time is a
 * calendar day as people write it where they are: the seizure's day anywhere on Earth (UTC−12) up to
 * today anywhere (UTC+14); a date-time is an instant, within a few minutes of clock skew.
 */
export function checkFactDate(updateName: string, what: string, data: Record<string, unknown>, seizedAt: string, nowMs: number): void {
  const field = factDateFields[updateName];
  const value = field ? data[field] : undefined;
  if (typeof value !== 'string') return;
  const seized = Date.parse(seizedAt);
  const refuse = (why: string) => {
    throw new TakedownError('FACT_DATE_OUT_OF_RANGE', `${what} is dated ${value}, ${why}: a fact of this seizure lies between the seizure (${seizedAt}) and today`, { [field!]: [why] });
  };
  if (dateOnly.test(value)) {
    const firstDay = new Date(seized - 12 * 3_600_000).toISOString().slice(0, 10);
    const today = latestToday(nowMs);
    if (value < firstDay) refuse(`before the seizure (its day, ${firstDay}, at the earliest)`);
    if (value > today) refuse(`in the future (today is ${today} at the latest)`);
    return;
  }
  const at = Date.parse(value);
  if (at < seized - skewMs) refuse('before the seizure');
  if (at > nowMs + skewMs) refuse('in the future');
}
