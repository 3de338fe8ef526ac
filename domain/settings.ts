import { z } from 'zod';

/** A duration as Temporal takes it: milliseconds or a string such as `24h`, `3d`, `500ms`. */
const duration = z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, { error: 'a duration like "24h", "3d" or "500ms"' })]);
export type Duration = z.infer<typeof duration>;

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
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;
export type CaseSettingsInput = z.input<typeof caseSettingsSchema>;

/** Milliseconds of a duration (workflow code uses this to compute backoff and deadlines). */
export function durationMs(value: Duration): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}
