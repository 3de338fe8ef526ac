import { nowMs } from '../../domain/clock';
import { allHandlersFinished, condition, patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../../domain/actors';
import type { TargetCaseFacts } from '../../domain/notice-request';
import { legalEntityFor, platformRules, portalChecklist, profilePageUrl, type UserRegion } from '../../domain/platform-rules';
import type { ProfileRecord } from '../../domain/profile-takedown';
import type { TargetOutcome } from '../../domain/target';
import { searchAttributes, type DeadlineState } from '../../domain/search-attributes';
import { caseSettingsSchema, type CaseSettingsInput } from '../../domain/settings';
import { durationMs } from '../../domain/duration';
import { parseOrRefuse } from '../../domain/validation';
import { refuseOnError } from '../shared/refuse';
import type { TerminalOutcome } from '../../domain/stages';
import type { ProfileTarget } from '../../domain/targets/types';
import { evidenceAction } from '../../domain/evidence';
import { captureEvidence } from '../shared/evidence-capture';
import { callUntilDeadline, gaveUp } from '../shared/outage-wait';
import { outsideCalls, targetDisplay, targetWait } from '../shared/seizure-verification';
import { evidenceRefs } from '../../domain/xarf';
import { listenToCase } from './inbox';
import { PortalDesk } from './portal';
import { listenForExtension, requestPreservation, type PreservationClock, type PreservationSetup } from './preservation';
import { asVerification, pollRemoval } from './removal';
import { handOffToWatch } from './profile-watch';
import { TargetState, followMembership } from '../shared/target-state';

export interface ProfileTakedownInput {
  caseId: string;
  caseWorkflowId: string;
  operationId?: string;
  target: ProfileTarget;
  /** What the agent pasted, when it was a link: captured as evidence; the profile page on its origin is verified. */
  pastedUrl?: string;
  /** The case's facts when the target started; the approval's facts replace them (TargetDecisionMessage.facts). */
  facts: TargetCaseFacts;
  /** Where the account holder is, when known: TikTok, for one, takes requests by the user's region. */
  userRegion?: UserRegion;
  openedBy: Actor;
  /** The case's settings as given; the defaults are applied here. */
  settings: CaseSettingsInput;
  /** The owning team of the case (domain/membership.ts), when the case has one. */
  team?: string;
}

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2m', retry: { initialInterval: '2s', maximumInterval: '1m', maximumAttempts: 5 } });
const keepChecks = 20;
/** The snapshots as a letter's XARF copy cites them (records, not page bodies). */

/** One social profile from link to confirmed removal, through the platform's law-enforcement channel. */
export async function profileTakedownWorkflow(input: ProfileTakedownInput): Promise<TargetOutcome> {
  const { target } = input;
  const settings = refuseOnError(() => parseOrRefuse(caseSettingsSchema, input.settings, 'the case settings'));
  const state = new TargetState(input.caseWorkflowId, input.caseId, target, input.operationId);
  followMembership(state, input.team);
  const { status } = state;
  const rules = platformRules[target.platform];
  const profile: ProfileRecord = { channel: 'email', platformName: target.platform, legalEntity: '', pageUrl: profilePageUrl(input.pastedUrl ?? target.url, target), nonDisclosure: input.facts.nonDisclosure, notifiesUser: rules.notifiesUser, submissions: [], checks: [] };
  status.profile = profile;
  let clock: PreservationClock | undefined;
  const inbox = listenToCase(state, (ack) => { if (clock && ack.noticeId === clock.record.noticeId) clock.record.acknowledgedAt = ack.at; });
  const desk = new PortalDesk(state, profile);
  listenForExtension(() => clock, (actor, doing) => state.requireMember(actor, doing));
  const withdrawn = () => inbox.withdrawal !== undefined;
  /** Waits for `done`, a withdrawal, or the timeout; true when `done` came first. */
  const until = async (done: () => boolean, timeout?: number) => {
    await (timeout === undefined ? condition(() => done() || withdrawn()) : condition(() => done() || withdrawn(), timeout));
    return !withdrawn() && done();
  };
  /** The open deadline, for coordinators' lists of deadlines near and breached. */
  const deadline = (at: string | null, level: DeadlineState = 'OK') => upsertSearchAttributes([{ key: searchAttributes.DeadlineAt, value: at ? new Date(at) : null }, { key: searchAttributes.DeadlineState, value: at ? level : null }]);
  const end = async (outcome: TerminalOutcome, detail?: string) => {
    if (clock) clock.closedBecause ??= `the takedown ended ${outcome}; its preservation is no longer tracked`;
    deadline(null);
    await state.enter(outcome, detail);
    await condition(allHandlersFinished);
    return state.outcome(detail);
  };
  /** Since 'profile-outage-waits' a failed check or directory read is a visible wait, not a failed workflow. */
  const outageWaits = () => patched('profile-outage-waits');
  const withdraw = (after?: string) => end('WITHDRAWN', `withdrawn by ${inbox.withdrawal!.actor.name}: ${inbox.withdrawal!.reason}${after ? `; ${after}` : ''}`);
  const poll = (deadlineAt: number, stop: () => boolean) => pollRemoval({
    url: profile.pageUrl, platform: target.platform, deadlineAt, stop, interrupted: withdrawn, ...(outageWaits() ? { display: targetDisplay(state), checks: outsideCalls(settings) } : {}),
    firstWaitMs: durationMs(settings.verificationPollEvery), maxWaitMs: durationMs(settings.verificationPollMax),
    onCheck: (check) => {
      profile.checks = [...profile.checks, check].slice(-keepChecks);
      status.verifications.push(asVerification(check));
      state.record(`profile check: ${check.removed ? 'removed' : 'still up'} (${check.seen})`);
    },
  });

  // 1. Evidence: the page as pasted, and the profile page itself, kept for the chain of custody.
  await state.enter('EVIDENCE');
  const evidenceArgs = { urls: [...new Set([input.pastedUrl ?? profile.pageUrl, profile.pageUrl])], capturedBy: input.openedBy.id };
  const captured = await captureEvidence(state, evidenceArgs, settings, withdrawn, () => acts.captureEvidence(evidenceArgs));
  if (!captured.ok) return captured.withdrawn ? withdraw() : end('FAILED_NEEDS_ATTENTION', captured.detail);
  status.evidence = captured.evidence;
  state.record(evidenceAction(status.evidence), input.openedBy);

  // 2. Legal review: the case's counsel decides for all its targets at once.
  await state.enter('LEGAL_REVIEW');
  if (!(await until(() => inbox.decision !== undefined))) return withdraw();
  if (inbox.decision!.outcome !== 'approved') return end(({ excluded: 'EXCLUDED', rejected: 'REJECTED', expired: 'REVIEW_EXPIRED' } as const)[inbox.decision!.outcome], inbox.decision!.reason);
  const facts = inbox.decision!.facts ?? input.facts;
  profile.nonDisclosure = facts.nonDisclosure;

  // The platform's channel comes from configuration (an activity: its answer is kept in history for replay).
  const directory = outageWaits()
    ? await callUntilDeadline(() => outsideCalls(settings).noticeDirectory(), targetWait(state, settings, 'the contact directory', nowMs() + durationMs(settings.manualTaskExpireAfter), withdrawn))
    : { ok: true as const, value: await acts.noticeDirectory() };
  if (!directory.ok) return directory.why === 'interrupted' ? withdraw() : end('FAILED_NEEDS_ATTENTION', gaveUp('the platform contacts could not be read', directory));
  const contact = directory.value.platforms.find((p) => p.platform === target.platform);
  if (!contact) return end('FAILED_NEEDS_ATTENTION', `no law-enforcement channel is configured for ${target.platform} (TAKEDOWN_PLATFORM_CONTACTS)`);
  Object.assign(profile, { channel: contact.channel, platformName: contact.name, legalEntity: legalEntityFor(rules, contact.legalEntity, input.userRegion), portalUrl: contact.portalUrl });
  const taskExpireMs = durationMs(settings.manualTaskExpireAfter);

  // 3. Preservation (optional): § 2703(f) needs no warrant, and must come before a removal deletes the data.
  if (facts.requestedActions.includes('preservation')) {
    await state.enter('PRESERVATION');
    const setup: PreservationSetup = {
      workflowId: status.workflowId, facts, contact, legalEntity: profile.legalEntity, notifiesUser: rules.notifiesUser, target, evidence: evidenceRefs(status.evidence),
      periodMs: durationMs(settings.preservationPeriod), reminderBeforeMs: durationMs(settings.preservationReminderBefore),
    };
    clock = await requestPreservation(setup, { record: (action, actor) => state.record(action, actor), notice: (n) => void status.notices.push(n) }, { desk, region: input.userRegion, expireMs: taskExpireMs, interrupted: withdrawn });
    if (withdrawn()) return withdraw();
    profile.preservation = clock?.record;
    // Not awaited: the clock runs beside the story until it is closed (the hand-off to the watch, or the end);
    // a reminder that cannot be sent is recorded, never thrown.
    void clock?.run(() => clock!.closedBecause !== undefined);
  }

  // 4. Warrant. The takedown request cites legal process: nothing about this profile leaves the building
  //    (no e-mail, no portal task) until a warrant covering it is recorded on the case.
  await state.enter('WARRANT');
  if (!(await until(() => status.warrant !== undefined || inbox.warrantExpired !== undefined))) return withdraw();
  if (!status.warrant) return end('WARRANT_EXPIRED', inbox.warrantExpired);
  profile.nonDisclosure ||= status.warrant.warrant.sealed;

  // 5. Notice: by e-mail the case serves one request per platform and warrant; a portal needs the agent.
  await state.enter('NOTICE');
  const responseMs = durationMs(settings.platformResponseWithin);
  let requestedAt: string;
  if (contact.channel === 'email') {
    if (!(await until(() => inbox.caseNotices.length > 0, responseMs))) return withdrawn() ? withdraw() : end('FAILED_NEEDS_ATTENTION', `the case served no request on ${contact.name} within ${settings.platformResponseWithin} of the warrant`);
    requestedAt = inbox.caseNotices[0]!.sentAt;
  } else {
    const w = status.warrant!.warrant;
    const checklist = portalChecklist({ kind: 'takedown', contact, target, region: input.userRegion, caseId: input.caseId, nonDisclosure: profile.nonDisclosure, warrant: w });
    deadline(new Date(nowMs() + taskExpireMs).toISOString());
    const submission = await desk.await(checklist, taskExpireMs, withdrawn);
    if (withdrawn()) return withdraw();
    if (!submission) return end('FAILED_NEEDS_ATTENTION', `no ${contact.name} portal submission was recorded by the deadline`);
    requestedAt = submission.submittedAt;
  }
  const after = `${contact.name} was asked to remove it: tell the platform to disregard the request`;

  // 6. Compliance: the platform's time runs from the request; a confirmation or an early removal ends it.
  profile.complianceDueBy = new Date(Date.parse(requestedAt) + responseMs).toISOString();
  deadline(profile.complianceDueBy);
  await state.enter('COMPLIANCE');
  const complied = await poll(Date.parse(profile.complianceDueBy), () => inbox.caseAcks.length > 0);
  if (complied === 'interrupted') return withdraw(after);
  if (complied === 'deadline') { deadline(profile.complianceDueBy, 'BREACHED'); state.record(`no confirmation from ${contact.name} by ${profile.complianceDueBy}; verifying anyway`); }

  // 7. Verification: the page must show the platform's "removed" state, polled with backoff until the deadline.
  await state.enter('VERIFICATION');
  const verified = await poll(nowMs() + durationMs(settings.verificationDeadline), () => false);
  if (verified === 'interrupted') return withdraw(after);
  if (verified !== 'removed') {
    // A page that could not be looked at is not a page still up: the person is told what was down, since when.
    const down = status.waiting;
    return end('FAILED_NEEDS_ATTENTION', down
      ? `the profile could not be checked by the verification deadline: ${down.what} unreachable since ${down.since} (${down.lastError})`
      : `the profile was still up at the verification deadline (${profile.checks.at(-1)?.seen ?? 'no check'})`);
  }

  // 8. Removed: the case counts it done; its watch (and any preservation clock) lives on in its own workflow.
  profile.removedAt = profile.checks.at(-1)!.at;
  profile.watchWorkflowId = await handOffToWatch({ state, facts, target, profile, settings, clock });
  return end('REMOVED', `${profile.pageUrl} shows the profile as removed; re-checked every ${settings.profileRecheckEvery} by ${profile.watchWorkflowId}`);
}
