import { z } from 'zod';

/** A duration as Temporal takes it: milliseconds or a string such as `24h`, `3d`, `500ms`. */
export const durationSchema = z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, { error: 'a duration like "24h", "3d" or "500ms"' })]);
export type Duration = z.infer<typeof durationSchema>;

/** Milliseconds of a duration (workflow code uses this to compute backoff and deadlines). */
export function durationMs(value: Duration): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(match[1]) * unit);
}
