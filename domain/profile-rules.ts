import { z } from 'zod';
import type { Actor } from './actors';
import { preparerRoles, requireRole } from './role-rules';
import { TakedownError } from './errors';
import type { PortalSubmissionInput } from './profile-takedown';
import type { PreservationRecord } from './profile-takedown';
import { parseOrRefuse } from './validation';

/**
 * The checks on what an agent records for a profile takedown: a portal submission, a preservation
 * extension. Pure (workflow validators and handlers run them); every refusal names its catalogue code.
 */

/** A submission recorded a little ahead of the workflow's clock is the same instant seen from two clocks. */
const clockSkewMs = 60_000;

const submissionSchema = z.object({
  kind: z.enum(['preservation', 'takedown'], { error: 'kind must be "preservation" or "takedown"' }),
  reference: z.string().trim().min(1, 'give the reference the portal returned').max(200),
  submittedAt: z.iso.datetime({ offset: true, error: 'the time of submission, as an ISO date-time' }),
});

function notInFuture(submittedAt: string, now: number): void {
  if (Date.parse(submittedAt) > now + clockSkewMs) {
    throw new TakedownError('VALIDATION_FAILED', `submittedAt: ${submittedAt} is in the future; give the time the request was submitted`, { submittedAt: ['must not be in the future'] });
  }
}

export interface PortalWait {
  /** The kind of submission the target is waiting for, if any. */
  waitingFor?: 'preservation' | 'takedown';
  /** A takedown cites legal process: it cannot have been submitted before the warrant was recorded. */
  warrantAt?: string;
}

/** A portal submission by an agent or supervisor, for the task the target holds, at a time not in the future. */
export function checkPortalSubmission(wait: PortalWait, input: PortalSubmissionInput, now: number): Omit<PortalSubmissionInput, 'actor'> {
  requireRole(input.actor, preparerRoles, 'recording a portal submission');
  const parsed = parseOrRefuse(submissionSchema, { kind: input.kind, reference: input.reference, submittedAt: input.submittedAt }, 'the portal submission');
  notInFuture(parsed.submittedAt, now);
  if (wait.waitingFor !== parsed.kind) {
    throw new TakedownError('WRONG_STATE', wait.waitingFor ? `this target is waiting for the ${wait.waitingFor} submission, not a ${parsed.kind} one` : 'this target holds no portal task now');
  }
  if (parsed.kind === 'takedown' && wait.warrantAt && Date.parse(parsed.submittedAt) < Date.parse(wait.warrantAt) - clockSkewMs) {
    throw new TakedownError('VALIDATION_FAILED', `submittedAt: ${parsed.submittedAt} is before the warrant was recorded (${wait.warrantAt}); a takedown request must cite the warrant`, { submittedAt: ['not before the warrant'] });
  }
  return parsed;
}

const extensionSchema = z.object({
  reference: z.string().trim().min(1, 'give the reference the portal returned for the extension').max(200),
  submittedAt: z.iso.datetime({ offset: true, error: 'the time of submission, as an ISO date-time' }),
});

/**
 * One extension of a live preservation (18 U.S.C. § 2703(f)(2): one further 90 days). For a portal platform
 * the agent renews it in the portal and gives its reference and time; by e-mail we send the letter.
 */
export function checkExtendPreservation(record: PreservationRecord | undefined, input: { actor: Actor; reference?: string; submittedAt?: string }, now: number): { reference?: string; submittedAt?: string } {
  requireRole(input.actor, preparerRoles, 'extending a preservation');
  if (!record) throw new TakedownError('WRONG_STATE', 'no preservation request is on record for this profile');
  if (record.extensions.length > 0) throw new TakedownError('WRONG_STATE', `the preservation was extended already (to ${record.expiresAt}); § 2703(f) allows one extension, then legal process is needed`);
  if (record.expired || Date.parse(record.expiresAt) <= now) throw new TakedownError('WRONG_STATE', `the preservation expired on ${record.expiresAt}; send a new preservation request instead`);
  if (record.channel === 'email') return {};
  const parsed = parseOrRefuse(extensionSchema, { reference: input.reference, submittedAt: input.submittedAt }, 'the extension');
  notInFuture(parsed.submittedAt, now);
  return parsed;
}
