import { ParentClosePolicy, condition, getExternalWorkflowHandle, isCancellation, startChild } from '@temporalio/workflow';
import { systemActor, type Actor } from '../../domain/actors';
import type { CasePackage } from '../../domain/case-package';
import { nowIso } from '../../domain/clock';
import { workflowIds } from '../../domain/ids';
import { supersedeReviewSignal } from '../../domain/review';
import { targetDecisionSignal, type TargetDecisionMessage } from '../../domain/target';
import { targetFacts } from '../../domain/notice-request';
import type { PackageVersion } from '../../domain/case-status';
import type { ReviewRound } from '../../domain/review';
import { durationMs } from '../../domain/duration';
import { escalationRequest } from '../notice/case-notices';
import { deliverNotice } from '../notice/follow-up';
import type { legalReviewWorkflow, LegalReviewResult } from '../review/legal-review';
import { causeMessage } from '../shared/cause-message';
import { failureType } from '../shared/refuse';
import type { CaseRun } from './run';
import { awaitWarrants } from './warrant-wait';
import { publishPaymentAccounts } from './payment-accounts';

/** Keeps a new package version; a change while in review supersedes the round and starts the next. */
export async function newVersion(run: CaseRun, pkg: CasePackage, actor: Actor, note: string): Promise<PackageVersion> {
  const { state, status } = run;
  const version = { version: status.packageVersion + 1, package: pkg, by: actor, at: nowIso(), note };
  status.packageVersions.push(version);
  status.packageVersion = version.version;
  if (!status.authors.includes(actor.id)) status.authors.push(actor.id);
  state.record(actor, `package version ${version.version}: ${note}`, { packageVersion: version.version });
  publishPaymentAccounts(run, pkg);
  const current = status.rounds.at(-1);
  if (status.stage === 'IN_REVIEW' && current && !current.outcome) {
    await getExternalWorkflowHandle(current.workflowId).signal(supersedeReviewSignal, { byVersion: version.version });
  }
  if (status.stage === 'IN_REVIEW' || status.stage === 'CHANGES_REQUESTED') await startRound(run);
  return version;
}

/** Starts the next review round as its own child workflow and applies its outcome when it ends. */
export async function startRound(run: CaseRun): Promise<ReviewRound> {
  const { state, status, settings, caseWorkflowId } = run;
  if (run.opening) await condition(() => !run.opening);
  status.round += 1;
  const round: ReviewRound = { round: status.round, packageVersion: status.packageVersion, workflowId: workflowIds.legalReview(status.caseId, status.round), startedAt: nowIso() };
  status.rounds.push(round);
  state.enter('IN_REVIEW');
  const child = await startChild<typeof legalReviewWorkflow>('legalReviewWorkflow', {
    workflowId: round.workflowId,
    parentClosePolicy: ParentClosePolicy.TERMINATE,
    args: [{
      caseId: status.caseId, caseWorkflowId, round: round.round, packageVersion: round.packageVersion, package: state.pkg, authors: [...status.authors], targetKeys: state.liveTargets().map((t) => t.key), settings,
      ...(run.membersOnly ? { membership: { team: status.team, counsel: status.counsel, authors: [...status.authors] } } : {}),
    }],
  });
  run.reviews.push(child.result().then((result) => applyReview(run, round, result), (error) => reviewFailed(run, round, error)));
  return round;
}

async function applyReview(run: CaseRun, round: ReviewRound, result: LegalReviewResult): Promise<void> {
  const { state, status } = run;
  status.timeline.push(...result.timeline);
  round.endedAt = nowIso();
  if (result.state === 'superseded') { round.outcome = 'superseded'; return; }
  if (result.state === 'expired') { round.outcome = 'expired'; return expire(run, round); }
  const made = result.decision!;
  const { decision, actor } = made;
  round.outcome = decision.decision;
  status.decisions.push(made);
  const reason = decision.decision === 'reject' ? decision.reason : decision.decision === 'request-changes' ? decision.changes : undefined;
  state.record(actor, `legal review round ${round.round}: ${decision.decision}`, { reason, packageVersion: round.packageVersion });
  if (decision.decision === 'request-changes') return state.enter('CHANGES_REQUESTED');
  state.enter(decision.decision === 'approve' ? 'AWAITING_WARRANT' : 'REJECTED');
  if (decision.decision === 'approve') run.reviews.push(awaitWarrants(state, run.settings, run.caseWorkflowId, made.at));
  const facts = targetFacts(state.pkg);
  const messageFor = (key: string): TargetDecisionMessage => {
    const excluded = decision.decision === 'approve' ? decision.exclude.find((e) => e.target === key) : undefined;
    const outcome = decision.decision === 'reject' ? 'rejected' : excluded ? 'excluded' : 'approved';
    return { outcome, actor, reason: excluded?.reason ?? reason, packageVersion: round.packageVersion, at: made.at, facts };
  };
  const live = state.liveTargets().map((t) => t.key);
  if (!state.tellsByActivity()) {
    for (const key of live) await state.tell(key, targetDecisionSignal, messageFor(key));
    return;
  }
  // One message per outcome and reason (approved, and each exclusion), each to all the targets it concerns.
  const groups = new Map<string, { message: TargetDecisionMessage; keys: string[] }>();
  for (const key of live) {
    const message = messageFor(key);
    const same = `${message.outcome}\n${message.reason ?? ''}`;
    if (!groups.has(same)) groups.set(same, { message, keys: [] });
    groups.get(same)!.keys.push(key);
  }
  for (const { message, keys } of groups.values()) await state.tellMany(keys, targetDecisionSignal, message);
}

/**
 * A round whose workflow failed, timed out or was terminated decided nothing: the coordinator is told, and
 * the case goes on as if it had expired (the agent may reopen the review), never ending Failed itself.
 */
async function reviewFailed(run: CaseRun, round: ReviewRound, error: unknown): Promise<void> {
  const { state, status } = run;
  if (isCancellation(error)) throw error;
  round.endedAt = nowIso();
  round.outcome = 'failed';
  const why = `review round ${round.round} ended without a decision (${failureType(error) ?? causeMessage(error)})`;
  state.record(systemActor, `${why}; the case needs a person`);
  await deliverNotice(escalationRequest({
    caseWorkflowId: run.caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: `review-${round.round}-failed`, subject: `review round ${round.round} of ${status.caseId} failed`,
    reason: why, details: [{ label: 'Workflow', value: round.workflowId }], at: nowIso(),
  }), run.noticeHooks);
  return expire(run, round);
}

/** An expired review waits for the agent to reopen it; past the window its targets end REVIEW_EXPIRED. */
async function expire(run: CaseRun, round: ReviewRound): Promise<void> {
  const { state, status, settings } = run;
  state.enter('REVIEW_EXPIRED');
  state.record(systemActor, `review round ${round.round} expired; the agent may reopen it within ${settings.reopenWindow}`);
  if (await condition(() => status.round > round.round, durationMs(settings.reopenWindow))) return;
  state.record(systemActor, 'the review was not reopened in time; the targets end REVIEW_EXPIRED');
  const expired: TargetDecisionMessage = { outcome: 'expired', actor: systemActor, reason: 'the legal review expired and was not reopened', packageVersion: round.packageVersion, at: nowIso() };
  await state.tellMany(state.liveTargets().map((t) => t.key), targetDecisionSignal, expired);
}
