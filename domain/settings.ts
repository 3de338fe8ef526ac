import { z } from 'zod';
import { custodySettingsSchema } from './custody-settings';
import { durationSchema as duration } from './duration';


/**
 * Every clock a case runs on, with the defaults from the product's design. Configurable per case so
 * tests (and urgent operations) can shorten them; every wait has a deadline and a defined outcome.
 */
export const caseSettingsSchema = z.object({
  reviewReminderEvery: duration.default('24h'),
  reviewEscalateAfter: duration.default('3d'),
  reviewExpireAfter: duration.default('14d'),
  /** After a review expires, how long the agent has to reopen it before the targets end REVIEW_EXPIRED. */
  reopenWindow: duration.default('30d'),
  /** How long a target waits for an agent's manual lookup before it needs attention. */
  manualTaskExpireAfter: duration.default('14d'),
  warrantReminderAfter: duration.default('3d'),
  warrantExpireAfter: duration.default('30d'),
  registrarAckWithin: duration.default('24h'),
  registryExecutionWithin: duration.default('72h'),
  verificationPollEvery: duration.default('15m'),
  verificationPollMax: duration.default('6h'),
  verificationDeadline: duration.default('72h'),
  /**
   * A call to something outside (a registry's RDAP, the banner) is tried this many times, the first retry
   * after `outageRetryFirst` (doubling, at most a minute apart); when they all fail the target shows the
   * outage and calls again on its stage's clock until the stage's deadline (workflows/shared/outage-wait.ts).
   */
  outageAttempts: z.number().int().min(1).max(20).default(5),
  outageRetryFirst: duration.default('2s'),
  // Profile takedowns (workflows/profile-takedown/profile-takedown.ts, profile-watch.ts).
  /** The platform's time to act on a takedown request, from the e-mail or the agent's recorded portal submission. */
  platformResponseWithin: duration.default('72h'),
  /** How long a platform keeps records under 18 U.S.C. § 2703(f): 90 days, extendable once by 90 more. */
  preservationPeriod: duration.default('90d'),
  /** How long before a preservation expires the agent is reminded to extend it. */
  preservationReminderBefore: duration.default('14d'),
  /** After removal: how often the profile is looked at again (sellers re-open profiles), and for how long. */
  profileRecheckEvery: duration.default('7d'),
  profileWatchFor: duration.default('365d'),
  /** Re-checks per run of the watch before it continues as new, so months of checks keep a small history. */
  profileWatchChecksPerRun: z.number().int().min(1).default(50),
  /** A seized domain's custody and forfeiture clocks (workflows/custody/custody.ts). */
  custody: custodySettingsSchema.prefault({}),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;
export type CaseSettingsInput = z.input<typeof caseSettingsSchema>;
