import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, startChild, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { recipientActor, systemActor, type Actor } from '../../domain/actors';
import { nowIso, nowMs } from '../../domain/clock';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { profileWatchStatusQuery, profileWatchWorkflowId } from '../../domain/profile-takedown';
import type { TargetCaseFacts } from '../../domain/notice-request';
import type { PreservationRecord, ProfileRecord, ProfileWatchStatus, RemovalCheck } from '../../domain/profile-takedown';
import { searchAttributes } from '../../domain/search-attributes';
import { durationMs } from '../../domain/duration';
import { type CaseSettings } from '../../domain/settings';
import type { ProfileTarget } from '../../domain/targets/types';
import { deliverNotice } from '../notice/follow-up';
import { profileReturnedAlert } from './notices';
import { PreservationClock, listenForExtension, type PreservationSetup } from './preservation';
import type { TargetState } from '../shared/target-state';

type WatchSettings = Pick<CaseSettings, 'profileRecheckEvery' | 'profileWatchFor' | 'profileWatchChecksPerRun'>;

export interface ProfileWatchInput {
  caseId: string;
  caseTitle: string;
  target: ProfileTarget;
  pageUrl: string;
  removedAt: string;
  settings: WatchSettings;
  /** The preservation clock, moved here from the takedown (it outlives the removal). */
  preservation?: { setup: PreservationSetup; record: PreservationRecord };
  /** Carried across continue-as-new. */
  carried?: ProfileWatchStatus;
}

const checks = proxyActivities<Activities>({ startToCloseTimeout: '1m', retry: { initialInterval: '5s', maximumInterval: '5m', maximumAttempts: 5 } });
const keepTimeline = 200;
const keepNotices = 50;

/**
 * After REMOVED: re-checks the profile on a schedule and alerts the coordinator (record and escalation
 * e-mail) when it comes back, as sellers re-open profiles. It is its own workflow, not the tail of the
 * takedown, because the case treats REMOVED as the end (it closes when its targets end) and the watch runs
 * for months; it continues as new every `profileWatchChecksPerRun` checks to keep its history small.
 */
export async function profileWatchWorkflow(input: ProfileWatchInput): Promise<ProfileWatchStatus> {
  const { target, settings } = input;
  const key = `${target.platform}:${target.handle}`;
  const everyMs = durationMs(settings.profileRecheckEvery);
  const status: ProfileWatchStatus = input.carried ? { ...input.carried, run: input.carried.run + 1 } : {
    workflowId: workflowInfo().workflowId, caseId: input.caseId, key, pageUrl: input.pageUrl, state: 'WATCHING', removedAt: input.removedAt,
    watchUntil: new Date(Date.parse(input.removedAt) + durationMs(settings.profileWatchFor)).toISOString(),
    nextCheckAt: new Date(nowMs() + everyMs).toISOString(), checksRun: 0, run: 0, returns: 0, alerts: [], notices: [], timeline: [],
  };
  const record = (action: string, actor: Actor = systemActor) => void status.timeline.push({ at: nowIso(), actor, action });
  const clock = input.preservation ? new PreservationClock({ ...input.preservation.setup, workflowId: status.workflowId }, input.preservation.record, { record, notice: (n) => void status.notices.push(n) }) : undefined;
  status.preservation = clock?.record;
  setHandler(profileWatchStatusQuery, () => status);
  // The platform's answer to a letter this watch sent (its signed link names this workflow).
  setHandler(acknowledgeNoticeSignal, (ack) => {
    if (!status.notices.some((n) => n.noticeId === ack.noticeId)) return record(`acknowledgement for unknown notice ${ack.noticeId} ignored`, recipientActor(ack.by));
    record(`notice ${ack.noticeId} ${ack.kind}${ack.reference ? ` (reference ${ack.reference})` : ''}`, recipientActor(ack.by));
  });
  listenForExtension(() => clock);
  const publish = () => upsertSearchAttributes([{ key: searchAttributes.Stage, value: status.state }]);
  if (!input.carried) {
    upsertSearchAttributes([{ key: searchAttributes.CaseId, value: input.caseId }, { key: searchAttributes.Platform, value: target.platform }]);
    publish();
    record(`watching ${input.pageUrl} every ${settings.profileRecheckEvery} until ${status.watchUntil}${clock ? `; preservation until ${clock.record.expiresAt}` : ''}`);
  }

  for (let checked = 0; checked < settings.profileWatchChecksPerRun;) {
    if (nowMs() >= Date.parse(status.watchUntil)) return finish();
    const wakeAt = Math.min(Date.parse(status.nextCheckAt), clock?.nextWakeAt() ?? Infinity, Date.parse(status.watchUntil));
    await condition(() => clock?.dirty === true, Math.max(1, wakeAt - nowMs()));
    if (clock) { clock.dirty = false; await clock.tick(); }
    if (nowMs() < Date.parse(status.nextCheckAt)) continue;
    await recheck();
    status.nextCheckAt = new Date(nowMs() + everyMs).toISOString();
    checked += 1;
  }
  // Keep the history small: a fresh run carries the state (and the last lines of the timeline).
  if (clock) clock.closedBecause = 'the watch is continuing as new; try again in a moment';
  await condition(allHandlersFinished);
  return continueAsNew<typeof profileWatchWorkflow>({ ...input, preservation: clock ? { setup: clock.setup, record: clock.record } : undefined, carried: { ...status, notices: status.notices.slice(-keepNotices), timeline: status.timeline.slice(-keepTimeline) } });

  async function recheck(): Promise<void> {
    let check: RemovalCheck;
    try {
      check = await checks.checkProfileRemoved({ url: input.pageUrl, platform: target.platform });
    } catch (error) {
      return record(`the re-check could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
    status.checksRun += 1;
    status.lastCheck = check;
    if (!check.removed && status.state === 'WATCHING') {
      status.state = 'RETURNED';
      status.returns += 1;
      record(`alert: the profile is back (${check.seen})`);
      const sent = await deliverNotice(profileReturnedAlert({ workflowId: status.workflowId, caseId: status.caseId, caseTitle: input.caseTitle, target, removedAt: status.removedAt, check, number: status.returns, at: nowIso() }), { onNotice: (n) => void status.notices.push(n) });
      status.alerts.push({ at: check.at, message: `${key} is back online: ${check.seen}`, ...(sent.ok ? { noticeId: sent.notice.noticeId } : {}) });
      if (!sent.ok) record(`the alert could not be mailed: ${sent.failure}`);
      publish();
    } else if (check.removed && status.state === 'RETURNED') {
      status.state = 'WATCHING';
      record(`removed again (${check.seen})`);
      publish();
    }
  }

  async function finish(): Promise<ProfileWatchStatus> {
    status.state = 'ENDED';
    if (clock) clock.closedBecause = 'the watch has ended';
    record(`watch ended after ${status.checksRun} re-check(s), ${status.returns} return(s)`);
    publish();
    await condition(allHandlersFinished);
    return status;
  }
}

/**
 * Starts the watch as an abandoned child (it outlives the takedown and the case) and moves the preservation
 * clock into it; resolves to its workflow ID. Extensions in flight finish here first.
 */
export async function handOffToWatch(input: { state: TargetState; facts: TargetCaseFacts; target: ProfileTarget; profile: ProfileRecord; settings: CaseSettings; clock?: PreservationClock }): Promise<string> {
  const { state, target, profile, clock } = input;
  const workflowId = profileWatchWorkflowId(target);
  if (clock) {
    clock.closedBecause = `the preservation is held by ${workflowId} now; extend it there`;
    await condition(allHandlersFinished);
  }
  try {
    await startChild(profileWatchWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        caseId: input.facts.caseId, caseTitle: input.facts.title, target, pageUrl: profile.pageUrl, removedAt: profile.removedAt!,
        settings: { profileRecheckEvery: input.settings.profileRecheckEvery, profileWatchFor: input.settings.profileWatchFor, profileWatchChecksPerRun: input.settings.profileWatchChecksPerRun },
        preservation: clock ? { setup: clock.setup, record: clock.record } : undefined,
      }],
    });
    state.record(`watch started: ${workflowId} re-checks the profile every ${input.settings.profileRecheckEvery}${clock ? ' and holds the preservation clock' : ''}`);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    state.record(`a watch of this profile is running already (${workflowId}); it goes on${clock ? `; the preservation (until ${clock.record.expiresAt}) is not moved to it` : ''}`);
  }
  return workflowId;
}
