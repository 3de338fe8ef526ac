import { z } from 'zod';

const exclusionSchema = z.object({ target: z.string().min(1), reason: z.string().min(3, 'say why the target is excluded') });

/** Counsel's decision on one review round, for the whole case. */
export const legalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), packageVersion: z.number().int().min(1), exclude: z.array(exclusionSchema).default([]) }),
  z.object({ decision: z.literal('reject'), packageVersion: z.number().int().min(1), reason: z.string().min(3, 'a rejection needs a reason') }),
  z.object({ decision: z.literal('request-changes'), packageVersion: z.number().int().min(1), changes: z.string().min(3, 'say what to change') }),
]);
export type LegalDecision = z.infer<typeof legalDecisionSchema>;
export type LegalDecisionInput = z.input<typeof legalDecisionSchema>;
