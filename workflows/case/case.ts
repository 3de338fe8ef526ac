import { ParentClosePolicy, allHandlersFinished, condition, getExternalWorkflowHandle, isCancellation, patched, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { caseOpenedSignal } from '../../domain/operation';
import { openingStages } from '../../domain/stages';
import { recipientActor, systemActor, type Actor } from '../../domain/actors';
import { casePackageSchema, type CasePackage, type CasePackageInput } from '../../domain/case-package';
import { caseStatusView, caseSummary, caseTargetsPage } from '../../domain/case-view';
import { checkAddTargets, checkAmend, checkReopen, checkSubmit, checkWithdraw } from '../../domain/case-rules';
import { nowIso } from '../../domain/clock';
import { TakedownError } from '../../domain/errors';
import { workflowIds } from '../../domain/ids';
import { checkWarrant } from '../../domain/legal-rules';
import {
  acknowledgeNoticeSignal, addTargetsUpdate, amendPackageUpdate, caseStatusQuery, caseSummaryQuery, caseTargetsQuery, recordWarrantUpdate, reopenReviewUpdate, submitForReviewUpdate,
  noticeProgressSignal, supersedeReviewSignal, targetAcknowledgementSignal, targetDecisionSignal, targetNoticeSignal, targetReportSignal, targetWarrantSignal,
  caseMembershipChangedSignal, setCaseMembershipUpdate, targetWithdrawSignal, withdrawTargetUpdate, type TargetDecisionMessage,
} from '../../domain/messages';
import { checkMembershipChange, memberCheck, recordMembership, tellRound } from './membership';
import { caseOutcome, noticeForTarget, warrantForTarget, type CaseOutcome, type NoticeSummary, type ReviewRound, type WarrantRecord } from '../../domain/records';
import { caseSettingsSchema, durationMs, type CaseSettingsInput } from '../../domain/settings';
import { parseOrRefuse } from '../../domain/validation';
import { slug, targetFacts, type Unaddressed } from '../../domain/notice-request';
import type { PortalTask } from '../../domain/notice-plan';
import { escalationRequest, planRelease, planWarrant, serveReleaseOrders, serveWarrantNotices } from '../notice/case-notices';
import { CaseNoticeWorkflows } from '../notice/case-notice-workflows';
import { ackLookup, deliverNotice, type FollowUpStep } from '../notice/follow-up';
import { CaseState } from './state';
import { openTargets, type TargetHandle } from './targets';
import { legalReviewWorkflow, type LegalReviewResult } from '../review/legal-review';
import { causeMessage } from '../shared/cause-message';
import { signedOnly } from '../shared/actor-signature';
import { failureType, refuseOnError } from '../shared/refuse';
import { awaitWarrants } from './warrant-wait';

export interface CaseWorkflowInput {
  package: CasePackageInput;
  openedBy: Actor;
  settings?: CaseSettingsInput;
  /** The owning team when it is not the opener's (an operation's team); domain/membership.ts. */
  team?: string;
  /** The assigned counsel's person ID, when named at opening. */
  counsel?: string;
}

/**
 * A case: its versioned package and targets, one legal-review round at a time for all its targets, the
 * warrants, and the notices it serves. It ends when every target has ended.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseOutcome> {
  const settings = refuseOnError(() => parseOrRefuse(caseSettingsSchema, input.settings ?? {}, 'the case settings'));
  const state = new CaseState(refuseOnError(() => parseOrRefuse(casePackageSchema, input.package, 'the case package')), input.openedBy);
  const { status } = state;
  // Since 'case-membership' a case records its team and assigned counsel, and its validators refuse a non-member.
  const membersOnly = patched('case-membership');
  if (membersOnly) recordMembership(status, { team: input.team ?? input.openedBy.team, counsel: input.counsel });
  const requireMember = memberCheck(membersOnly, status);
  const caseWorkflowId = workflowInfo().workflowId;
  const children: TargetHandle[] = [];
  const warrantsToServe: WarrantRecord[] = [];
  const reviews: Promise<void>[] = [];
  const followUps: Promise<unknown>[] = [];
  const noticeHooks = {
    acknowledged: ackLookup(status.acknowledgements),
    // A notice needs no answer once every target it covers has ended (e.g. verified SEIZED at the registry).
    settled: (covers: readonly string[]) => (covers.length > 0 && covers.every((key) => !state.isLive(key)) ? 'every target it covers has ended' : undefined),
    onNotice: async (notice: NoticeSummary) => {
      status.notices.push(notice);
      state.record(systemActor, `${notice.kind} sent to ${notice.to.join(', ')} covering ${notice.covers.join(', ')}`, { data: { noticeId: notice.noticeId, messageId: notice.messageId, follows: notice.follows } });
      for (const key of notice.covers) state.target(key)?.notices.push(notice.noticeId);
      if (drivesTarget(notice)) await state.tellMany(notice.covers, targetNoticeSignal, noticeForTarget(notice));
    },
    onStep: (step: FollowUpStep) => { if (step.step !== 'sent') state.record(systemActor, step.action, { reason: step.reason, data: { noticeId: step.noticeId, ...step.data } }); },
  };
  // A payment notice ends merchant accounts; the seizure or takedown of its targets neither waits for it nor for its answer.
  const drivesTarget = (notice: Pick<NoticeSummary, 'kind'>) => notice.kind !== 'payment-notice';
  const notices = new CaseNoticeWorkflows(state, caseWorkflowId, drivesTarget);
  /**
   * Each notice is a workflow of its own (workflows/notice/notice.ts) since 'notice-workflows'; cases started
   * before go on following their notices up themselves, so their histories replay.
   */
  const noticesAreWorkflows = () => patched('notice-workflows');
  let opening = true;
  let openedTold = false;
  let releases = 0;

  setHandler(caseStatusQuery, () => caseStatusView(status));
  setHandler(caseTargetsQuery, (request) => caseTargetsPage(status, request));
  setHandler(caseSummaryQuery, () => caseSummary(status));
  setHandler(targetReportSignal, async (report) => {
    const target = state.target(report.key);
    if (!target) return;
    const failed = report.stage === 'FAILED_NEEDS_ATTENTION' && target.stage !== report.stage;
    state.setStage(target, report.stage);
    if (report.registration) target.registration = report.registration;
    if (report.evidence) target.evidence = report.evidence;
    if (!state.isLive(report.key)) await notices.targetEnded(report.key);
    await tellOperationIfOpened();
    // A target that cannot go on needs a person: the coordinator is told which, why, and where it stopped.
    if (failed) {
      state.record(systemActor, `${report.key} needs attention: ${report.detail ?? 'it could not go on'}`);
      await deliverNotice(escalationRequest({
        caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: `${slug(report.key)}-failed`, subject: `${report.key} needs attention`,
        reason: `${report.key} stopped: ${report.detail ?? 'it could not go on'}`, details: [{ label: 'Target', value: report.key }, { label: 'Workflow', value: target.workflowId }], at: nowIso(),
      }), noticeHooks);
    }
  });

  // The agent prepares the package: add targets, amend, submit, reopen. Each change is a new version.
  setHandler(addTargetsUpdate, async ({ actor, targets }) => {
    const rows = await openTargets(state, checkAddTargets(status, actor, targets), actor, input.settings ?? {}, caseWorkflowId, children);
    const added = rows.filter((r) => r.status === 'started').map((r) => r.input);
    if (added.length) await newVersion({ ...state.pkg, targets: [...state.pkg.targets, ...added] }, actor, `added ${added.length} target(s)`);
    return rows;
  }, { validator: signedOnly(addTargetsUpdate, ({ actor, targets }) => refuseOnError(() => { requireMember(actor, 'add targets'); checkAddTargets(status, actor, targets); })) });

  setHandler(amendPackageUpdate, async ({ actor, package: raw, note }) => {
    const pkg = checkAmend(status, actor, raw, note);
    await openTargets(state, pkg.targets.filter((target) => !state.status.targets.some((t) => t.target.input === target)), actor, input.settings ?? {}, caseWorkflowId, children);
    return newVersion(pkg, actor, note);
  }, { validator: signedOnly(amendPackageUpdate, ({ actor, package: raw, note }) => refuseOnError(() => { requireMember(actor, 'amend the package'); checkAmend(status, actor, raw, note); })) });

  setHandler(submitForReviewUpdate, async ({ actor }) => {
    checkSubmit(status, actor);
    state.record(actor, `submitted package version ${status.packageVersion} for legal review`);
    return startRound();
  }, { validator: signedOnly(submitForReviewUpdate, ({ actor }) => refuseOnError(() => { requireMember(actor, 'submit the case for review'); checkSubmit(status, actor); })) });

  setHandler(reopenReviewUpdate, async ({ actor, reason }) => {
    checkReopen(status, actor, reason);
    state.record(actor, 'reopened the expired review', { reason });
    return startRound();
  }, { validator: signedOnly(reopenReviewUpdate, ({ actor, reason }) => refuseOnError(() => { requireMember(actor, 'reopen the review'); checkReopen(status, actor, reason); })) });

  // Counsel records the warrant once the case is approved; each warrant is served below.
  // Since 'warrant-legal-facts' a warrant is also checked for two persons and its dates (domain/legal-rules.ts).
  const warrantState = (legal = true) => ({
    approvedTargets: state.approvedKeys(), alreadyWarranted: status.warrants.flatMap((w) => w.warrant.covers),
    ...(legal ? { legal: { authors: status.authors, nowMs: Date.parse(nowIso()) } } : {}),
  });
  setHandler(recordWarrantUpdate, async ({ actor, warrant: raw }) => {
    const warrant = checkWarrant(warrantState(patched('warrant-legal-facts')), actor, raw);
    const made: WarrantRecord = { warrantId: `w${status.warrants.length + 1}`, warrant, actor, at: nowIso() };
    status.warrants.push(made);
    state.record(actor, `warrant ${made.warrantId} recorded: ${warrant.court}, docket ${warrant.docket}${warrant.sealed ? ' (sealed)' : ''}`, { data: { covers: warrant.covers } });
    for (const key of warrant.covers) state.target(key)!.warrantId = made.warrantId;
    await state.tellMany(warrant.covers, targetWarrantSignal, warrantForTarget(made));
    state.enter('EXECUTING');
    warrantsToServe.push(made);
    return made;
  }, { validator: signedOnly(recordWarrantUpdate, ({ actor, warrant }) => refuseOnError(() => { requireMember(actor, 'record a warrant'); checkWarrant(warrantState(), actor, warrant); })) });

  // A target being withdrawn is withdrawn once: a second request, even one sent at the same moment, is refused
  // (the validator sees the first before the target has said it ended), so one release order goes out, ever.
  const withdrawing = new Set<string>();
  setHandler(withdrawTargetUpdate, async ({ actor, target, reason }) => {
    const key = checkWithdraw(status, actor, target, reason, (k) => state.isLive(k));
    withdrawing.add(key);
    const at = nowIso();
    const entry = state.target(key)!;
    state.record(actor, `withdrew ${key}`, { reason });
    await state.tell(key, targetWithdrawSignal, { actor, reason, at });
    // After the registry order went out, the registry must restore the domain: a release order, followed up.
    const warrant = status.warrants.find((w) => w.warrantId === entry.warrantId);
    if (warrant && entry.notices.length > 0 && entry.target.kind === 'domain') {
      const release = { caseWorkflowId, facts: targetFacts(state.pkg), warrant, settings, targets: [entry], reason, authorizedBy: { name: actor.name, role: actor.role }, releaseId: String(++releases), onUnaddressed, onDirectoryDown };
      if (noticesAreWorkflows()) followUps.push(planRelease(release).then((plan) => notices.start(plan.notices, false)));
      else followUps.push(serveReleaseOrders({ ...release, hooks: { ...noticeHooks, settled: undefined } }));
    }
    return { key, at };
  }, {
    validator: signedOnly(withdrawTargetUpdate, ({ actor, target, reason }) => refuseOnError(() => {
      requireMember(actor, 'withdraw a target');
      const key = checkWithdraw(status, actor, target, reason, (k) => state.isLive(k));
      if (withdrawing.has(key)) throw new TakedownError('WRONG_STATE', `${key} is being withdrawn already`);
    })),
  });

  // A coordinator or supervisor sets the owning team or assigns counsel; the open review round hears of it.
  setHandler(setCaseMembershipUpdate, async ({ actor, team, counsel }) => {
    const next = checkMembershipChange(status, actor, { team, counsel });
    recordMembership(status, next);
    state.record(actor, `membership set: team ${next.team ?? '(none)'}, assigned counsel ${next.counsel ?? '(none)'}`);
    await tellRound(status);
    // The running targets check their team on the tasks people do there (manual lookup, portal submission).
    if (patched('tell-targets-membership')) await state.tellMany(state.liveTargets().map((t) => t.key), caseMembershipChangedSignal, { team: status.team, counsel: status.counsel, authors: [...status.authors] });
    return next;
  }, { validator: signedOnly(setCaseMembershipUpdate, ({ actor, team, counsel }) => refuseOnError(() => void checkMembershipChange(status, actor, { team, counsel }))) });

  setHandler(noticeProgressSignal, (progress) => notices.hear(progress));
  setHandler(acknowledgeNoticeSignal, async (ack) => {
    // An answer to a notice that is a workflow of its own goes to it (links in its e-mails name it directly).
    const owner = notices.ownerOf(ack.noticeId);
    if (owner) return void (await getExternalWorkflowHandle(owner).signal(acknowledgeNoticeSignal, ack));
    const by = recipientActor(ack.by);
    const notice = status.notices.find((n) => n.noticeId === ack.noticeId);
    if (!notice) { state.record(by, `acknowledgement for unknown notice ${ack.noticeId} ignored`); return; }
    const received = { ...ack, at: nowIso() };
    status.acknowledgements.push(received);
    state.record(by, `notice ${ack.noticeId} ${ack.kind}`, { detail: ack.comment, data: { reference: ack.reference } });
    if (drivesTarget(notice)) await state.tellMany(notice.covers, targetAcknowledgementSignal, received);
  });

  // 1. Open: one workflow per target, so lookups and evidence run while the package is prepared.
  state.record(input.openedBy, `case opened: ${state.pkg.title}`, { packageVersion: 1 });
  await openTargets(state, state.pkg.targets, input.openedBy, input.settings ?? {}, caseWorkflowId, children);
  opening = false;
  await tellOperationIfOpened();

  // 2–4. Review rounds and warrants arrive through the handlers above; each warrant is served here.
  for (;;) {
    await condition(() => warrantsToServe.length > 0 || !state.hasLiveTargets());
    const warrant = warrantsToServe.shift();
    if (!warrant) break;
    await serveWarrant(warrant);
  }
  await Promise.all([...children.map((child) => child.result().catch(() => undefined)), ...reviews, ...followUps]);
  await notices.closeAll();
  if (status.stage !== 'REJECTED') state.enter('CLOSED');
  state.record(systemActor, 'case closed: every target has ended');
  await condition(allHandlersFinished);
  return caseOutcome(status);

  /**
   * A case of an operation frees its place in the operation's window once none of its targets is opening
   * (lookup, evidence) any more; cases started before this change leave the operation to poll (patched).
   */
  async function tellOperationIfOpened(): Promise<void> {
    const operationId = state.pkg.operationId;
    if (!operationId || openedTold || opening || status.targets.some((t) => openingStages.includes(t.stage))) return;
    openedTold = true;
    if (!patched('tell-operation-opened')) return;
    await getExternalWorkflowHandle(workflowIds.operation(operationId)).signal(caseOpenedSignal, { caseId: status.caseId }).catch(() => undefined);
  }

  /** Keeps a new package version; a change while in review supersedes the round and starts the next. */
  async function newVersion(pkg: CasePackage, actor: Actor, note: string) {
    const version = { version: status.packageVersion + 1, package: pkg, by: actor, at: nowIso(), note };
    status.packageVersions.push(version);
    status.packageVersion = version.version;
    if (!status.authors.includes(actor.id)) status.authors.push(actor.id);
    state.record(actor, `package version ${version.version}: ${note}`, { packageVersion: version.version });
    const current = status.rounds.at(-1);
    if (status.stage === 'IN_REVIEW' && current && !current.outcome) {
      await getExternalWorkflowHandle(current.workflowId).signal(supersedeReviewSignal, { byVersion: version.version });
    }
    if (status.stage === 'IN_REVIEW' || status.stage === 'CHANGES_REQUESTED') await startRound();
    return version;
  }

  /** Starts the next review round as its own child workflow and applies its outcome when it ends. */
  async function startRound(): Promise<ReviewRound> {
    if (opening) await condition(() => !opening);
    status.round += 1;
    const round: ReviewRound = { round: status.round, packageVersion: status.packageVersion, workflowId: workflowIds.legalReview(status.caseId, status.round), startedAt: nowIso() };
    status.rounds.push(round);
    state.enter('IN_REVIEW');
    const child = await startChild(legalReviewWorkflow, {
      workflowId: round.workflowId,
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      args: [{
        caseId: status.caseId, caseWorkflowId, round: round.round, packageVersion: round.packageVersion, package: state.pkg, authors: [...status.authors], targetKeys: state.liveTargets().map((t) => t.key), settings,
        ...(membersOnly ? { membership: { team: status.team, counsel: status.counsel, authors: [...status.authors] } } : {}),
      }],
    });
    reviews.push(child.result().then((result) => applyReview(round, result), (error) => reviewFailed(round, error)));
    return round;
  }

  async function applyReview(round: ReviewRound, result: LegalReviewResult): Promise<void> {
    status.timeline.push(...result.timeline);
    round.endedAt = nowIso();
    if (result.state === 'superseded') { round.outcome = 'superseded'; return; }
    if (result.state === 'expired') { round.outcome = 'expired'; return expire(round); }
    const made = result.decision!;
    const { decision, actor } = made;
    round.outcome = decision.decision;
    status.decisions.push(made);
    const reason = decision.decision === 'reject' ? decision.reason : decision.decision === 'request-changes' ? decision.changes : undefined;
    state.record(actor, `legal review round ${round.round}: ${decision.decision}`, { reason, packageVersion: round.packageVersion });
    if (decision.decision === 'request-changes') return state.enter('CHANGES_REQUESTED');
    state.enter(decision.decision === 'approve' ? 'AWAITING_WARRANT' : 'REJECTED');
    if (decision.decision === 'approve') reviews.push(awaitWarrants(state, settings, caseWorkflowId, made.at));
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
  async function reviewFailed(round: ReviewRound, error: unknown): Promise<void> {
    if (isCancellation(error)) throw error;
    round.endedAt = nowIso();
    round.outcome = 'failed';
    const why = `review round ${round.round} ended without a decision (${failureType(error) ?? causeMessage(error)})`;
    state.record(systemActor, `${why}; the case needs a person`);
    await deliverNotice(escalationRequest({
      caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: `review-${round.round}-failed`, subject: `review round ${round.round} of ${status.caseId} failed`,
      reason: why, details: [{ label: 'Workflow', value: round.workflowId }], at: nowIso(),
    }), noticeHooks);
    return expire(round);
  }

  /** An expired review waits for the agent to reopen it; past the window its targets end REVIEW_EXPIRED. */
  async function expire(round: ReviewRound): Promise<void> {
    state.enter('REVIEW_EXPIRED');
    state.record(systemActor, `review round ${round.round} expired; the agent may reopen it within ${settings.reopenWindow}`);
    if (await condition(() => status.round > round.round, durationMs(settings.reopenWindow))) return;
    state.record(systemActor, 'the review was not reopened in time; the targets end REVIEW_EXPIRED');
    const expired: TargetDecisionMessage = { outcome: 'expired', actor: systemActor, reason: 'the legal review expired and was not reopened', packageVersion: round.packageVersion, at: nowIso() };
    await state.tellMany(state.liveTargets().map((t) => t.key), targetDecisionSignal, expired);
  }

  async function serveWarrant(warrant: WarrantRecord): Promise<void> {
    const covered = () => warrant.warrant.covers.map((key) => state.target(key)!);
    // Address the notices once every covered target knows its registrar (or has ended).
    // Profiles have no registration: only domains wait for their lookup.
    await condition(() => covered().every((t) => t.target.kind !== 'domain' || t.registration !== undefined || !state.isLive(t.key)));
    const serve = {
      caseWorkflowId, pkg: state.pkg, warrant, settings, targets: covered().filter((t) => state.isLive(t.key)), onUnaddressed, onDirectoryDown,
      onPortalTask: (task: PortalTask) => state.record(systemActor, `${task.platform} takes requests only through ${task.portalUrl}: the agent submits ${task.noticeId} there`, { data: { covers: task.covers } }),
    };
    // The warrant loop does not wait for the notices, so the next warrant is not held up by this one's mail or deadlines.
    followUps.push(noticesAreWorkflows() ? planWarrant(serve).then((plan) => notices.start(plan.notices, true)) : serveWarrantNotices({ ...serve, hooks: noticeHooks }));
  }

  /** The notices cannot be planned for now: the timeline says why and the coordinator is told, once. */
  async function onDirectoryDown(why: string): Promise<void> {
    state.record(systemActor, why);
    await deliverNotice(escalationRequest({
      caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: 'directory-down', subject: `the notices of ${status.caseId} wait for the contact directory`,
      reason: why, at: nowIso(),
    }), noticeHooks);
  }

  function onUnaddressed(u: Unaddressed): void {
    state.record(systemActor, `${u.key}: the ${u.notice} cannot be sent: ${u.reason}`, { data: { code: u.code } });
  }
}
