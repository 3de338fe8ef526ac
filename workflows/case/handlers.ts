import { getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { recipientActor, systemActor } from '../../domain/actors';
import { checkAddTargets, checkAmend, checkReopen, checkSubmit, checkWithdraw } from '../../domain/case-rules';
import { caseStatusView, caseSummary, caseTargetsPage } from '../../domain/case-view';
import { nowIso } from '../../domain/clock';
import { TakedownError } from '../../domain/errors';
import { checkWarrant } from '../../domain/legal-rules';
import { acknowledgeNoticeSignal, noticeProgressSignal } from '../../domain/notice';
import { addTargetsUpdate, amendPackageUpdate, caseStatusQuery, caseSummaryQuery, caseTargetsQuery, recordWarrantUpdate, reopenReviewUpdate, submitForReviewUpdate, caseMembershipChangedSignal, setCaseMembershipUpdate, withdrawTargetUpdate } from '../../domain/case';
import { targetAcknowledgementSignal, targetReportSignal, targetWarrantSignal, targetWithdrawSignal } from '../../domain/target';
import { slug, targetFacts } from '../../domain/notice-request';
import { warrantForTarget, type WarrantRecord } from '../../domain/warrant-record';
import { escalationRequest, planRelease, serveReleaseOrders } from '../notice/case-notices';
import { deliverNotice } from '../notice/follow-up';
import { signedOnly } from '../shared/actor-signature';
import { refuseOnError } from '../shared/refuse';
import { checkMembershipChange, recordMembership, tellRound } from './membership';
import { newVersion, startRound } from './review-rounds';
import { tellOperationIfOpened, type CaseRun } from './run';
import { openTargets } from './targets';
import { planningCallbacks } from './warrant-notices';

/**
 * Everything a case answers while its story runs: queries, what its targets report, the agent's changes to
 * the package, counsel's warrants, withdrawals, membership, and answers to its notices. Every update is
 * signed (signedOnly) and checked by the same rule in its validator and its handler.
 */
export function installCaseHandlers(run: CaseRun): void {
  const { input, state, status, settings, caseWorkflowId, children, notices, requireMember } = run;

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
    await tellOperationIfOpened(run);
    // A target that cannot go on needs a person: the coordinator is told which, why, and where it stopped.
    if (failed) {
      state.record(systemActor, `${report.key} needs attention: ${report.detail ?? 'it could not go on'}`);
      await deliverNotice(escalationRequest({
        caseWorkflowId, caseId: status.caseId, title: state.pkg.title, level: 'coordinator', key: `${slug(report.key)}-failed`, subject: `${report.key} needs attention`,
        reason: `${report.key} stopped: ${report.detail ?? 'it could not go on'}`, details: [{ label: 'Target', value: report.key }, { label: 'Workflow', value: target.workflowId }], at: nowIso(),
      }), run.noticeHooks);
    }
  });

  // The agent prepares the package: add targets, amend, submit, reopen. Each change is a new version.
  setHandler(addTargetsUpdate, async ({ actor, targets }) => {
    const rows = await openTargets(state, checkAddTargets(status, actor, targets), actor, input.settings ?? {}, caseWorkflowId, children);
    const added = rows.filter((r) => r.status === 'started').map((r) => r.input);
    if (added.length) await newVersion(run, { ...state.pkg, targets: [...state.pkg.targets, ...added] }, actor, `added ${added.length} target(s)`);
    return rows;
  }, { validator: signedOnly(addTargetsUpdate, ({ actor, targets }) => refuseOnError(() => { requireMember(actor, 'add targets'); checkAddTargets(status, actor, targets); })) });

  setHandler(amendPackageUpdate, async ({ actor, package: raw, note }) => {
    const pkg = checkAmend(status, actor, raw, note);
    await openTargets(state, pkg.targets.filter((target) => !state.status.targets.some((t) => t.target.input === target)), actor, input.settings ?? {}, caseWorkflowId, children);
    return newVersion(run, pkg, actor, note);
  }, { validator: signedOnly(amendPackageUpdate, ({ actor, package: raw, note }) => refuseOnError(() => { requireMember(actor, 'amend the package'); checkAmend(status, actor, raw, note); })) });

  setHandler(submitForReviewUpdate, async ({ actor }) => {
    checkSubmit(status, actor);
    state.record(actor, `submitted package version ${status.packageVersion} for legal review`);
    return startRound(run);
  }, { validator: signedOnly(submitForReviewUpdate, ({ actor }) => refuseOnError(() => { requireMember(actor, 'submit the case for review'); checkSubmit(status, actor); })) });

  setHandler(reopenReviewUpdate, async ({ actor, reason }) => {
    checkReopen(status, actor, reason);
    state.record(actor, 'reopened the expired review', { reason });
    return startRound(run);
  }, { validator: signedOnly(reopenReviewUpdate, ({ actor, reason }) => refuseOnError(() => { requireMember(actor, 'reopen the review'); checkReopen(status, actor, reason); })) });

  // Counsel records the warrant once the case is approved; the story serves each warrant (case.ts).
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
    run.warrantsToServe.push(made);
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
      const release = { caseWorkflowId, facts: targetFacts(state.pkg), warrant, settings, targets: [entry], reason, authorizedBy: { name: actor.name, role: actor.role }, releaseId: String(++run.releases), ...planningCallbacks(run) };
      if (run.noticesAreWorkflows()) run.followUps.push(planRelease(release).then((plan) => notices.start(plan.notices, false)));
      else run.followUps.push(serveReleaseOrders({ ...release, hooks: { ...run.noticeHooks, settled: undefined } }));
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
    if (run.drivesTarget(notice)) await state.tellMany(notice.covers, targetAcknowledgementSignal, received);
  });
}
