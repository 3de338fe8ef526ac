import type { Actor, Role } from './actors';
import type { CustodySettings, CustodySettingsInput } from './custody';
import { durationMs, type Duration } from './duration';
import { TakedownError } from './errors';

/**
 * The bounds of the custody clocks no case setting goes past. The claimant's windows have the law's
 * minimum (a shorter one would forfeit a domain before its owner could claim it); the agency's own
 * deadlines are the law's exactly (a longer one would hide a missed deadline, a shorter one raise a false
 * breach; a court moves them by an extension, recorded as a fact). The re-checks have a product floor, so a
 * case cannot make its custody loop spin. Tests shorten them only through `testOnlyShortClocks`, which the
 * API refuses: only code with direct access to Temporal (a test) can set it.
 */
export const custodyClockBounds: Partial<Record<keyof CustodySettings, { min?: Duration; max?: Duration; why: string }>> = {
  personalNoticeWithin: { min: '60d', max: '60d', why: 'personal notice within 60 days of the seizure (18 U.S.C. §983(a)(1)(A)(i))' },
  publicationFor: { min: '30d', why: 'publication for 30 consecutive days (28 CFR 8.9; Rule G(4)(a)(iv)(C))' },
  claimAfterDirectNotice: { min: '35d', why: 'a claim deadline at least 35 days after the direct notice (28 CFR 8.10(b))' },
  claimAfterPublication: { min: '30d', why: 'a claim deadline 30 days after the final publication (28 CFR 8.10(b))' },
  complaintWithin: { min: '90d', max: '90d', why: 'the complaint within 90 days of a claim (18 U.S.C. §983(a)(3)(A))' },
  judicialClaimAfterDirectNotice: { min: '35d', why: 'a claim in the forfeiture action at least 35 days after its direct notice (Supplemental Rule G(4)(b)(ii)(B))' },
  judicialClaimAfterPublication: { min: '60d', why: 'a claim in the forfeiture action 60 days after the first day of publication on forfeiture.gov (Rule G(5)(a)(ii)(B))' },
  judicialAnswerWithin: { min: '21d', why: "the claimant's answer 21 days after the claim (Rule G(5)(b))" },
  hardshipResponseWithin: { min: '15d', max: '15d', why: "the agency's answer to a hardship request within 15 days (18 U.S.C. §983(f)(3))" },
  hardshipRulingWithin: { min: '30d', max: '30d', why: "the court's ruling on a hardship petition within 30 days (18 U.S.C. §983(f)(5))" },
  reverifyEvery: { min: '1h', why: 'a seized domain is re-verified at most hourly' },
  releaseCheckEvery: { min: '1m', why: 'a release is looked for at the registry at most every minute' },
};

/** Only a supervisor sets a case's clocks (the defaults are the law's and the product's). */
export const clockSetterRoles: readonly Role[] = ['supervisor'];

/** Every custody clock outside its bounds, as field errors (`custody.personalNoticeWithin`: why). */
export function clockBoundErrors(custody: CustodySettingsInput | undefined): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [name, bound] of Object.entries(custodyClockBounds)) {
    const value = (custody as Record<string, Duration | undefined> | undefined)?.[name];
    if (value === undefined || !bound) continue;
    const ms = durationMs(value);
    if (bound.min !== undefined && ms < durationMs(bound.min)) (fields[`custody.${name}`] ??= []).push(`at least ${bound.min}: ${bound.why}`);
    if (bound.max !== undefined && ms > durationMs(bound.max)) (fields[`custody.${name}`] ??= []).push(`at most ${bound.max}: ${bound.why}`);
  }
  return fields;
}

/**
 * A case's clocks as someone asks to set them through the API: only a supervisor sets any (unless the API
 * was built for tests with `anyoneMaySetClocks`), the custody clocks within their bounds, and never the
 * test-only switch. Refused with ROLE_NOT_ALLOWED, CLOCK_OUT_OF_BOUNDS or VALIDATION_FAILED.
 */
export function checkClockSettings(actor: Actor, settings: { custody?: CustodySettingsInput } | undefined, options: { anyoneMaySetClocks?: boolean } = {}): void {
  if (!settings || Object.keys(settings).length === 0) return;
  if (settings.custody?.testOnlyShortClocks !== undefined) {
    throw new TakedownError('VALIDATION_FAILED', 'custody.testOnlyShortClocks is for tests that start custody in Temporal directly; the API never takes it', { 'custody.testOnlyShortClocks': ['not accepted'] });
  }
  if (!options.anyoneMaySetClocks && !clockSetterRoles.includes(actor.role)) {
    throw new TakedownError('ROLE_NOT_ALLOWED', `${actor.name} is ${actor.role}; only a supervisor may change a case's clocks (${Object.keys(settings).join(', ')}): leave settings out for the defaults`);
  }
  const fields = clockBoundErrors(settings.custody);
  if (Object.keys(fields).length > 0) {
    throw new TakedownError('CLOCK_OUT_OF_BOUNDS', `custody clocks outside the law's bounds: ${Object.entries(fields).map(([f, m]) => `${f} ${m.join('; ')}`).join('; ')}`, fields);
  }
}

/**
 * The custody clocks a workflow runs on: each brought within its bounds (a case started before the API
 * checked them, or by hand), unless a test asked for short clocks. Returns what was changed, for the timeline.
 */
export function withinBounds(settings: CustodySettings): { settings: CustodySettings; changed: string[] } {
  if (settings.testOnlyShortClocks) return { settings, changed: [] };
  const next: Record<string, unknown> = { ...settings };
  const changed: string[] = [];
  for (const [name, bound] of Object.entries(custodyClockBounds)) {
    if (!bound) continue;
    const ms = durationMs(next[name] as Duration);
    const to = bound.min !== undefined && ms < durationMs(bound.min) ? bound.min : bound.max !== undefined && ms > durationMs(bound.max) ? bound.max : undefined;
    if (to !== undefined) {
      changed.push(`${name} ${String(next[name])} → ${to} (${bound.why})`);
      next[name] = to;
    }
  }
  return { settings: next as CustodySettings, changed };
}
