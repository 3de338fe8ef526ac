import { z } from 'zod';

/**
 * Who may act. `system` is the engine itself (timers, escalations), never a person; `recipient` is an
 * outside party (registry, registrar, platform) answering through a signed link; `partner` is an industry
 * partner's account (a rights holder, a platform's trust-and-safety team, a payment processor) that signs in
 * only to submit leads and follow its own (issue 16), never to act on a case.
 */
export const roles = ['agent', 'counsel', 'coordinator', 'supervisor', 'partner', 'recipient', 'system'] as const;
export type Role = (typeof roles)[number];

export const actorSchema = z.object({
  id: z.string().min(1, 'actor id is required'),
  name: z.string().min(1, 'actor name is required'),
  role: z.enum(roles),
  /** The person's team (from the sign-in); which cases an agent or counsel belongs to (domain/membership.ts). */
  team: z.string().min(1).max(100).optional(),
});
/** The verified person (or the system) behind every action; the API derives it from a token, never from a body. */
export type Actor = z.infer<typeof actorSchema>;

export const systemActor: Actor = { id: 'system', name: 'Takedown', role: 'system' };

/** The outside party behind a signed-link acknowledgement. */
export function recipientActor(by: { name: string; email?: string }): Actor {
  return { id: by.email ?? by.name, name: by.name, role: 'recipient' };
}
