import { z } from 'zod';
import { durationSchema as duration } from './duration';

/*
 * The custody clocks on their own: every case's settings carry them (domain/settings.ts), and a module that
 * builds only these schemas keeps a target workflow from building all of custody's (a workflow evaluates the
 * modules it imports each time the worker creates it; README, "Where the worker's time went at 10,000").
 */

/**
 * Every custody clock, with the law's (or the product's) default. Tests shorten them to seconds.
 * 18 U.S.C. §983(a)(1)(A)(i): personal notice within 60 days of seizure; 28 CFR 8.9 / Rule G: publication
 * for 30 consecutive days; 28 CFR 8.10(b): claims at least 35 days after direct notice, 30 days after the
 * final publication; §983(a)(3)(A): 90 days to file a complaint after a claim.
 */
export const custodySettingsSchema = z.object({
  reverifyEvery: duration.default('24h'),
  expiryAlertBefore: duration.default('60d'),
  /** How long before a legal deadline the coordinator is warned. */
  clockAlertBefore: duration.default('7d'),
  personalNoticeWithin: duration.default('60d'),
  publicationFor: duration.default('30d'),
  claimAfterDirectNotice: duration.default('35d'),
  claimAfterPublication: duration.default('30d'),
  complaintWithin: duration.default('90d'),
  /**
   * Judicial forfeiture, after the complaint (Supplemental Rule G): a claim is due by the time the direct notice
   * states (at least 35 days after it is sent, G(4)(b)(ii)(B)) or, for whoever had none, 60 days after the first
   * day of publication on forfeiture.gov (G(5)(a)(ii)(B)); a claimant answers the complaint 21 days after the claim (G(5)(b)).
   */
  judicialClaimAfterDirectNotice: duration.default('35d'),
  judicialClaimAfterPublication: duration.default('60d'),
  judicialAnswerWithin: duration.default('21d'),
  /** §983(f)(3): the claimant may petition the court when a hardship request is not granted within 15 days. */
  hardshipResponseWithin: duration.default('15d'),
  /** §983(f)(5): the court rules within 30 days of the petition. */
  hardshipRulingWithin: duration.default('30d'),
  /** Loop passes per run before continue-as-new, so months of re-verification keep a small history (at most 200 per run). */
  iterationsPerRun: z.number().int().min(1).max(200, 'at most 200 passes per run: the history of a run must stay small').default(50),
  /** Switch the banner to the public-service page once the domain is forfeited. */
  publicServiceOnForfeiture: z.boolean().default(true),
  /** A release: how often the registry is asked whether the domain is restored (doubling up to the max). */
  releaseCheckEvery: duration.default('1h'),
  releaseCheckMax: duration.default('24h'),
  /**
   * Tests only: run the clocks as given, below the law's bounds (domain/clock-bounds.ts). The API refuses
   * it; only whoever starts a workflow in Temporal directly (a test) can set it.
   */
  testOnlyShortClocks: z.literal(true).optional(),
});
export type CustodySettings = z.infer<typeof custodySettingsSchema>;
export type CustodySettingsInput = z.input<typeof custodySettingsSchema>;
