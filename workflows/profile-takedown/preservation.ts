import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import { nowIso, nowMs } from '../../domain/clock';
import { TakedownError } from '../../domain/errors';
import { extendPreservationUpdate } from '../../domain/profile-takedown';
import type { TargetCaseFacts } from '../../domain/notice-request';
import { portalChecklist, type UserRegion } from '../../domain/platform-rules';
import { checkExtendPreservation } from '../../domain/profile-rules';
import type { NoticeSummary } from '../../domain/notice-records';
import type { PreservationRecord } from '../../domain/profile-takedown';
import type { PlatformContact } from '../../domain/registries';
import type { ProfileTarget } from '../../domain/targets/types';
import type { EvidenceRef } from '../../domain/xarf';
import { deliverNotice } from '../notice/follow-up';
import { dateOf, daysOf, preservationReminder, preservationRequest, preservationStatute } from './notices';
import type { PortalDesk } from './portal';
import { publishTask } from '../shared/open-tasks';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';

/**
 * Preservation under 18 U.S.C. § 2703(f): the platform keeps the account's records for 90 days, once
 * extendable by 90, while legal process for them is obtained. It needs no warrant, so it goes out before
 * the takedown (a removed account's data may be deleted). The clock reminds the agent before expiry and
 * takes extendPreservationUpdate; after REMOVED it moves, state and all, to the profile's watch workflow.
 */
export interface PreservationSetup {
  /** The workflow that holds the clock (acknowledgement links of its letters answer to it). */
  workflowId: string;
  facts: TargetCaseFacts;
  contact: PlatformContact;
  legalEntity: string;
  notifiesUser: boolean;
  target: ProfileTarget;
  evidence: EvidenceRef[];
  periodMs: number;
  reminderBeforeMs: number;
}

/** How the clock writes to its workflow: a timeline line, a notice sent. */
export interface ClockHooks {
  record(action: string, actor?: Actor): void;
  notice(notice: NoticeSummary): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class PreservationClock {
  /** Set when a fact changes the next wake-up (an extension). */
  dirty = false;
  /** Why this workflow no longer holds the clock (handed to the watch, or the takedown ended): extensions are refused here. */
  closedBecause?: string;
  private extending = false;

  constructor(readonly setup: PreservationSetup, readonly record: PreservationRecord, private readonly hooks: ClockHooks) {}

  /** When the clock must act next: the reminder (once per expiry date), then the expiry. */
  nextWakeAt(): number | undefined {
    if (this.record.expired) return undefined;
    const expires = Date.parse(this.record.expiresAt);
    return this.record.remindedFor.includes(this.record.expiresAt) ? expires : Math.max(nowMs(), expires - this.setup.reminderBeforeMs);
  }

  /** Sends the reminder when due, marks the expiry when past; a mail failure is recorded, never fatal. */
  async tick(): Promise<void> {
    const r = this.record;
    if (r.expired) return;
    const expires = Date.parse(r.expiresAt);
    if (nowMs() >= expires) {
      r.expired = true;
      publishTask('preservation-extension', false);
      this.hooks.record(`the preservation at ${this.setup.contact.name} expired on ${r.expiresAt}${r.extensions.length ? ' (after its extension)' : ' without an extension'}`);
      return;
    }
    if (nowMs() < expires - this.setup.reminderBeforeMs || r.remindedFor.includes(r.expiresAt)) return;
    r.remindedFor.push(r.expiresAt);
    // From the reminder until it is extended or expires, extending it is a task on the agent's list.
    if (r.extensions.length === 0) publishTask('preservation-extension', true);
    const request = preservationReminder({ workflowId: this.setup.workflowId, facts: this.setup.facts, target: this.setup.target, platformName: this.setup.contact.name, record: r, at: nowIso() });
    const sent = await deliverNotice(request, { onNotice: (n) => this.hooks.notice(n) });
    this.hooks.record(sent.ok ? `reminder sent to ${this.setup.facts.contact.email}: the preservation expires on ${r.expiresAt}` : `the preservation reminder could not be sent: ${sent.failure}`);
  }

  /** The clock beside the workflow's main story, until `stop()` (the handoff or the end). */
  async run(stop: () => boolean): Promise<void> {
    // A run that starts with the reminder sent (the watch took the clock over, or continued as new) lists the task again.
    if (!this.record.expired && this.record.extensions.length === 0 && this.record.remindedFor.includes(this.record.expiresAt)) publishTask('preservation-extension', true);
    for (let next = this.nextWakeAt(); next !== undefined && !stop(); next = this.nextWakeAt()) {
      await condition(() => this.dirty || stop(), Math.max(1, next - nowMs()));
      if (stop()) return;
      this.dirty = false;
      await this.tick();
    }
  }

  check(input: { actor: Actor; reference?: string; submittedAt?: string }) {
    if (this.closedBecause) throw new TakedownError('WRONG_STATE', this.closedBecause);
    if (this.extending) throw new TakedownError('WRONG_STATE', 'an extension is being sent already');
    return checkExtendPreservation(this.record, input, nowMs());
  }

  /** One extension by one more period from the current expiry: by letter (e-mail) or as the agent renewed it in the portal. */
  async extend(input: { actor: Actor }, checked: { reference?: string }): Promise<PreservationRecord> {
    const r = this.record;
    const expiresAt = iso(Date.parse(r.expiresAt) + this.setup.periodMs);
    const at = nowIso();
    this.extending = true;
    try {
      let noticeId: string | undefined;
      if (r.channel === 'email') {
        const letter = preservationRequest({ ...this.letterBase(), until: expiresAt, extends: { noticeId: r.noticeId!, sentAt: r.requestedAt }, at });
        const sent = await deliverNotice(letter, { onNotice: (n) => this.hooks.notice(n) });
        if (!sent.ok) throw ApplicationFailure.create({ type: sent.smtpResponse ? 'SMTP_PERMANENT' : 'SMTP_TEMPORARY', message: `the extension letter could not be sent: ${sent.failure}`, nonRetryable: true });
        noticeId = sent.notice.noticeId;
      }
      r.extensions.push({ at, by: input.actor, expiresAt, ...(noticeId ? { noticeId } : {}), ...(checked.reference ? { reference: checked.reference } : {}) });
      r.expiresAt = expiresAt;
      this.dirty = true;
      publishTask('preservation-extension', false);
      this.hooks.record(`preservation extended to ${expiresAt}${noticeId ? ` (letter ${noticeId})` : ` (portal reference ${checked.reference})`}`, input.actor);
      return r;
    } finally {
      this.extending = false;
    }
  }

  letterBase() {
    const { setup } = this;
    return {
      workflowId: setup.workflowId, facts: setup.facts, target: setup.target, evidence: setup.evidence, periodMs: setup.periodMs,
      platform: { name: setup.contact.name, legalEntity: setup.legalEntity, email: setup.contact.email ?? '', notifiesUser: setup.notifiesUser },
    };
  }
}

/** extendPreservationUpdate on this workflow: refused (WRONG_STATE) while there is no preservation to extend. */
export function listenForExtension(clock: () => PreservationClock | undefined, requireMember: (actor: Actor, doing: string) => void = () => undefined): void {
  const check = (input: { actor: Actor; reference?: string; submittedAt?: string }) => {
    requireMember(input.actor, "extend this profile's preservation");
    const current = clock();
    return current ? current.check(input) : checkExtendPreservation(undefined, input, nowMs());
  };
  // The handler checks again (a refusal as ApplicationFailure): state may differ from when the validator ran.
  setHandler(extendPreservationUpdate, (input) => clock()!.extend(input, refuseOnError(() => check(input))), { validator: signedOnly(extendPreservationUpdate, (input) => refuseOnError(() => void check(input))) });
}

/**
 * Makes the preservation request through the platform's channel: the letter by e-mail, or the agent's
 * portal submission (checklist task, until the deadline). Resolves to the running clock, or undefined
 * when the platform takes none, the letter failed, or no submission was recorded in time.
 */
export async function requestPreservation(setup: PreservationSetup, hooks: ClockHooks, portal: { desk: PortalDesk; region?: UserRegion; expireMs: number; interrupted: () => boolean }): Promise<PreservationClock | undefined> {
  const { contact } = setup;
  if (!contact.acceptsPreservation) return void hooks.record(`${contact.name} takes no preservation requests (TAKEDOWN_PLATFORM_CONTACTS); going on without one`);
  const record = (requestedAt: string, extra: Partial<PreservationRecord>): PreservationRecord => ({
    statute: preservationStatute, channel: contact.channel, requestedAt, expiresAt: iso(Date.parse(requestedAt) + setup.periodMs), extensions: [], remindedFor: [], expired: false, ...extra,
  });
  if (contact.channel === 'email') {
    const at = nowIso();
    const letter = preservationRequest({ ...new PreservationClock(setup, record(at, {}), hooks).letterBase(), until: iso(Date.parse(at) + setup.periodMs), at });
    const sent = await deliverNotice(letter, { onNotice: (n) => hooks.notice(n) });
    if (!sent.ok) return void hooks.record(`the preservation letter to ${contact.email} could not be sent: ${sent.failure}`);
    hooks.record(`preservation requested under ${preservationStatute}: letter ${sent.notice.noticeId} to ${sent.notice.to.join(', ')}`);
    return new PreservationClock(setup, record(sent.notice.sentAt, { noticeId: sent.notice.noticeId }), hooks);
  }
  const until = dateOf(iso(nowMs() + setup.periodMs));
  const checklist = portalChecklist({ kind: 'preservation', contact, target: setup.target, region: portal.region, caseId: setup.facts.caseId, nonDisclosure: setup.facts.nonDisclosure, preservation: { statute: preservationStatute, days: daysOf(setup.periodMs), until } });
  const submission = await portal.desk.await(checklist, portal.expireMs, portal.interrupted);
  if (!submission) return void (portal.interrupted() || hooks.record('no preservation submission was recorded by the deadline; going on without one'));
  return new PreservationClock(setup, record(submission.submittedAt, { reference: submission.reference }), hooks);
}
