import { z } from 'zod';
import type { Role } from './actors';

/**
 * Outreach and education (issue 16, item 4): coordinators record the events they hold with industry and other
 * agencies (trainings, briefings), and later their positive outcomes (a platform changed its listing policy), each
 * outcome linked to its event. Pure: the shapes and rules; the store is src/api/outreach/store.ts.
 */

/** Who records events and outcomes. */
export const outreachRecorderRoles: readonly Role[] = ['coordinator'];

export const outreachKinds = ['outreach', 'training'] as const;
export const outcomeKinds = ['policy-change', 'process-change', 'referrals', 'joint-operation', 'other'] as const;
export type OutreachOutcomeKind = (typeof outcomeKinds)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as YYYY-MM-DD' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'not a calendar date' });
const organisation = z.string().trim().min(2, 'an organisation name of at least 2 characters').max(200);

export const outreachEventSchema = z.object({
  kind: z.enum(outreachKinds, { error: `one of ${outreachKinds.join(', ')}` }).default('outreach'),
  date: day,
  topic: z.string().trim().min(3, 'say what the event was about').max(300),
  audience: z.string().trim().min(3, 'say who attended (e.g. platform trust-and-safety staff, port inspectors)').max(300),
  partners: z.array(organisation).min(1, 'name at least one partner organisation').max(50, 'at most 50 partner organisations'),
  attendance: z.number({ error: 'the number of people who attended' }).int('a whole number of people').min(0, 'not negative').max(100_000, 'at most 100000'),
  notes: z.string().trim().max(4000).default(''),
});
export type OutreachEventInput = z.output<typeof outreachEventSchema>;

export const outreachOutcomeSchema = z.object({
  kind: z.enum(outcomeKinds, { error: `one of ${outcomeKinds.join(', ')}` }),
  date: day,
  organisation,
  description: z.string().trim().min(3, 'say what changed (e.g. the platform now removes listings of seized sites)').max(2000),
});
export type OutreachOutcomeInput = z.output<typeof outreachOutcomeSchema>;

export const outreachIdOf = (n: number) => `OUT-${n}`;
export const outreachNumber = (id: string): number | undefined => {
  const match = /^OUT-(\d{1,12})$/i.exec(id.trim());
  return match ? Number(match[1]) : undefined;
};
