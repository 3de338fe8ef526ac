import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { systemActor, type Actor } from '../../domain/actors';
import type { CasePackage } from '../../domain/case-package';
import { nowIso } from '../../domain/clock';
import { checkDecision } from '../../domain/legal-rules';
import { requireMember, type CaseMembership } from '../../domain/membership';
import { caseMembershipChangedSignal } from '../../domain/case';
import { decideLegalReviewUpdate, legalReviewStatusQuery, supersedeReviewSignal, type LegalReviewStatus } from '../../domain/review';
import type { DecisionRecord } from '../../domain/review';
import type { TimelineEntry } from '../../domain/timeline';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import { counselReminderRequest, escalationRequest } from '../notice/case-notices';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';

export interface LegalReviewInput {
  caseId: string;
  caseWorkflowId: string;
  round: number;
  packageVersion: number;
  package: CasePackage;
  /** Who initiated or amended the package: none of them may decide (four eyes). */
  authors: string[];
  targetKeys: string[];
  settings: CaseSettings;
  /** The case's members when the round began (cases since 'case-membership'); the case signals changes. */
  membership?: CaseMembership;
}

export interface LegalReviewResult {
  state: 'decided' | 'expired' | 'superseded';
  decision?: DecisionRecord;
  /** Reminders and escalations sent while waiting, for the case's timeline. */
  timeline: TimelineEntry[];
}

const mail = proxyActivities<Activities>({ startToCloseTimeout: '2m', scheduleToCloseTimeout: '1d', retry: { initialInterval: '5s', maximumInterval: '10m', nonRetryableErrorTypes: ['SMTP_PERMANENT', 'TEMPLATE_CONTEXT_INVALID'] } });

/**
 * One review round of a case: counsel (or a supervisor) decides once for the whole package version.
 * The wait has a deadline and a defined outcome: reminders to counsel, escalation to a supervisor,
 * then expiry as a business result; never a stuck workflow.
 */
export async function legalReviewWorkflow(input: LegalReviewInput): Promise<LegalReviewResult> {
  const status: LegalReviewStatus = { caseId: input.caseId, round: input.round, packageVersion: input.packageVersion, state: 'waiting', remindersSent: 0, escalated: false };
  const timeline: TimelineEntry[] = [];
  const reviewState = () => ({ authors: input.authors, packageVersion: input.packageVersion, decided: status.state !== 'waiting', targetKeys: input.targetKeys });
  const record = (actor: Actor, action: string, reason?: string) => timeline.push({ at: nowIso(), actor, action, packageVersion: input.packageVersion, ...(reason ? { reason } : {}) });

  setHandler(legalReviewStatusQuery, () => status);
  // Only a member of the case (or a supervisor) decides; rounds of older cases carry no membership and check none.
  let membership = input.membership;
  setHandler(caseMembershipChangedSignal, (now) => { if (membership) membership = now; });
  const requireMembership = (actor: Actor) => { if (membership) requireMember(actor, input.caseId, membership, 'decide this review'); };
  setHandler(supersedeReviewSignal, ({ byVersion }) => {
    if (status.state !== 'waiting') return;
    status.state = 'superseded';
    record(systemActor, `round ${input.round} superseded by package version ${byVersion}`);
  });
  setHandler(decideLegalReviewUpdate, ({ actor, decision }) => {
    const checked = checkDecision(reviewState(), actor, decision);
    status.decision = { round: input.round, packageVersion: input.packageVersion, decision: checked, actor, at: nowIso() };
    status.state = 'decided';
    return status.decision;
  }, { validator: signedOnly(decideLegalReviewUpdate, ({ actor, decision }) => refuseOnError(() => { requireMembership(actor); checkDecision(reviewState(), actor, decision); })) });

  // Wait for the decision, reminding counsel at each interval and escalating once, until expiry.
  const startedAt = Date.parse(nowIso());
  const reminderEvery = durationMs(input.settings.reviewReminderEvery);
  const escalateAt = startedAt + durationMs(input.settings.reviewEscalateAfter);
  const expireAt = startedAt + durationMs(input.settings.reviewExpireAfter);
  let nextReminder = startedAt + reminderEvery;
  while (status.state === 'waiting') {
    const now = Date.parse(nowIso());
    const nextEvent = Math.min(nextReminder, status.escalated ? Infinity : escalateAt, expireAt);
    if (await condition(() => status.state !== 'waiting', Math.max(1, nextEvent - now))) break;
    const at = Date.parse(nowIso());
    if (at >= expireAt) {
      status.state = 'expired';
      record(systemActor, `review round ${input.round} expired without a decision`);
    } else if (!status.escalated && at >= escalateAt) {
      status.escalated = true;
      await notify('escalation', `review of case ${input.caseId} has waited ${input.settings.reviewEscalateAfter} without a decision`);
      record(systemActor, `escalated to a supervisor: no decision after ${input.settings.reviewEscalateAfter}`);
    } else if (at >= nextReminder) {
      status.remindersSent += 1;
      nextReminder += reminderEvery;
      await notify('counsel-reminder', `reminder ${status.remindersSent}`);
      record(systemActor, `reminder ${status.remindersSent} sent to counsel`);
    }
  }
  if (status.decision) record(status.decision.actor, `decided: ${status.decision.decision.decision}`);
  await condition(allHandlersFinished);
  return { state: status.state as LegalReviewResult['state'], decision: status.decision, timeline };

  /** A reminder or escalation that cannot be sent is recorded, never a reason to fail the review. */
  async function notify(template: 'counsel-reminder' | 'escalation', what: string): Promise<void> {
    const common = { caseWorkflowId: input.caseWorkflowId, caseId: input.caseId, title: input.package.title, at: nowIso() };
    const waitingSince = new Date(startedAt).toISOString();
    const dueBy = new Date(expireAt).toISOString();
    const request = template === 'counsel-reminder'
      ? counselReminderRequest({ ...common, round: input.round, packageVersion: input.packageVersion, waitingSince, dueBy, reminderNumber: status.remindersSent, reviewPath: `/cases/${encodeURIComponent(input.caseId)}` })
      : escalationRequest({ ...common, level: 'supervisor', key: `review-${input.round}`, subject: `legal review round ${input.round} is undecided`, reason: what, waitingSince, dueBy, details: [{ label: 'Round', value: String(input.round) }, { label: 'Package version', value: String(input.packageVersion) }] });
    try {
      await mail.sendNotice(request);
    } catch (error) {
      record(systemActor, `${template} could not be sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }


}
