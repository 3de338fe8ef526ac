import {
  ParentClosePolicy, allHandlersFinished, condition, getExternalWorkflowHandle,
  proxyActivities, setHandler, startChild, upsertSearchAttributes, workflowInfo, type ChildWorkflowHandle, type SignalDefinition,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import { recipientActor, type Actor } from '../domain/actors';
import { casePackageSchema, type CasePackageInput } from '../domain/case-package';
import { nowIso } from '../domain/clock';
import { targetKey, workflowIds } from '../domain/ids';
import { checkDecision, checkWarrant, type ReviewState } from '../domain/legal-rules';
import {
  acknowledgeNoticeSignal, caseStatusQuery, decideLegalReviewUpdate, recordWarrantUpdate, targetAcknowledgementSignal,
  targetDecisionSignal, targetNoticeSignal, targetReportSignal, targetWarrantSignal,
} from '../domain/messages';
import { isLive, type CaseStatus, type CaseTargetEntry, type TimelineEntry, type WarrantRecord } from '../domain/records';
import { searchAttributes } from '../domain/search-attributes';
import { caseSettingsSchema, type CaseSettingsInput } from '../domain/settings';
import type { CaseStage } from '../domain/stages';
import { normalizeTarget } from '../domain/targets/normalize';
import { TakedownError } from '../domain/errors';
import { parseOrRefuse } from '../domain/validation';
import { planRegistrarNotices } from './case-notices';
import { domainSeizureWorkflow } from './domain-seizure';
import { refuseOnError } from './refuse';

export interface CaseWorkflowInput {
  package: CasePackageInput;
  openedBy: Actor;
  settings?: CaseSettingsInput;
}

/** Notices must get through: a mail server down for a while delays them, it does not lose them. */
const mail = proxyActivities<Activities>({ startToCloseTimeout: '2m', scheduleToCloseTimeout: '7d', retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', nonRetryableErrorTypes: ['SMTP_PERMANENT', 'TEMPLATE_CONTEXT_INVALID'] } });

/** A case: its package, counsel's decision and the warrant for all its targets, and the notices it serves. */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseStatus> {
  const pkg = refuseOnError(() => parseOrRefuse(casePackageSchema, input.package, 'the case package'));
  const settings = refuseOnError(() => parseOrRefuse(caseSettingsSchema, input.settings ?? {}, 'the case settings'));
  const caseWorkflowId = workflowInfo().workflowId;
  const status: CaseStatus = { caseId: pkg.caseId, stage: 'IN_REVIEW', packageVersion: 1, openedBy: input.openedBy, round: 1, decisions: [], warrants: [], targets: [], notices: [], acknowledgements: [], timeline: [] };
  const children: ChildWorkflowHandle<typeof domainSeizureWorkflow>[] = [];
  const warrantsToServe: WarrantRecord[] = [];
  let opening = true;

  const record = (actor: Actor, action: string, extra: Partial<TimelineEntry> = {}) => status.timeline.push({ at: nowIso(), actor, action, stage: status.stage, ...extra });
  const enter = (stage: CaseStage) => { status.stage = stage; upsertSearchAttributes([{ key: searchAttributes.Stage, value: stage }]); };
  const entry = (key: string) => status.targets.find((t) => t.key === key)!;
  // A target that has already ended (say NOT_REGISTERED) can no longer be signalled; that is not an error.
  const tell = <A extends unknown[]>(key: string, signal: SignalDefinition<A>, ...args: A) => getExternalWorkflowHandle(entry(key).workflowId).signal(signal, ...args).catch(() => undefined);
  const reviewState = (): ReviewState => {
    if (opening) throw new TakedownError('WRONG_STATE', 'the case is still opening its targets; decide once they are listed');
    return { openedBy: input.openedBy, authors: [input.openedBy.id], packageVersion: status.packageVersion, decided: status.decisions.some((d) => d.round === status.round), targetKeys: status.targets.map((t) => t.key) };
  };
  const warrantState = () => ({ approvedTargets: approvedKeys(status), alreadyWarranted: status.warrants.flatMap((w) => w.warrant.covers) });

  setHandler(caseStatusQuery, () => status);
  setHandler(targetReportSignal, (report) => {
    const target = status.targets.find((t) => t.key === report.key);
    if (!target) return;
    target.stage = report.stage;
    if (report.registration) target.registration = report.registration;
  });

  setHandler(decideLegalReviewUpdate, async ({ actor, decision: raw }) => {
    const decision = checkDecision(reviewState(), actor, raw);
    const made = { round: status.round, packageVersion: status.packageVersion, decision, actor, at: nowIso() };
    status.decisions.push(made);
    const reason = decision.decision === 'reject' ? decision.reason : decision.decision === 'request-changes' ? decision.changes : undefined;
    record(actor, `legal review round ${status.round}: ${decision.decision}`, { reason, packageVersion: status.packageVersion });
    if (decision.decision === 'request-changes') { enter('CHANGES_REQUESTED'); return made; }
    enter(decision.decision === 'approve' ? 'AWAITING_WARRANT' : 'REJECTED');
    for (const target of status.targets.filter((t) => isLive(t.stage))) {
      const excluded = decision.decision === 'approve' ? decision.exclude.find((e) => e.target === target.key) : undefined;
      const outcome = decision.decision === 'reject' ? 'rejected' : excluded ? 'excluded' : 'approved';
      await tell(target.key, targetDecisionSignal, { outcome, actor, reason: excluded?.reason ?? reason, packageVersion: status.packageVersion, at: made.at });
    }
    return made;
  }, { validator: ({ actor, decision }) => refuseOnError(() => void checkDecision(reviewState(), actor, decision)) });

  setHandler(recordWarrantUpdate, async ({ actor, warrant: raw }) => {
    const warrant = checkWarrant(warrantState(), actor, raw);
    const made: WarrantRecord = { warrantId: `w${status.warrants.length + 1}`, warrant, actor, at: nowIso() };
    status.warrants.push(made);
    record(actor, `warrant ${made.warrantId} recorded: ${warrant.court}, docket ${warrant.docket}${warrant.sealed ? ' (sealed)' : ''}`, { data: { covers: warrant.covers } });
    for (const key of warrant.covers) { entry(key).warrantId = made.warrantId; await tell(key, targetWarrantSignal, made); }
    enter('EXECUTING');
    warrantsToServe.push(made);
    return made;
  }, { validator: ({ actor, warrant }) => refuseOnError(() => void checkWarrant(warrantState(), actor, warrant)) });

  setHandler(acknowledgeNoticeSignal, async (ack) => {
    const by = recipientActor(ack.by);
    const notice = status.notices.find((n) => n.noticeId === ack.noticeId);
    if (!notice) { record(by, `acknowledgement for unknown notice ${ack.noticeId} ignored`); return; }
    const received = { ...ack, at: nowIso() };
    status.acknowledgements.push(received);
    record(by, `notice ${ack.noticeId} ${ack.kind}`, { detail: ack.comment, data: { reference: ack.reference } });
    for (const key of notice.covers) await tell(key, targetAcknowledgementSignal, received);
  });

  // 1. Open: one workflow per target; its ID comes from the target, so a target active elsewhere is flagged.
  record(input.openedBy, `case opened: ${pkg.title}`, { packageVersion: 1 });
  upsertSearchAttributes([{ key: searchAttributes.CaseId, value: pkg.caseId }, { key: searchAttributes.Stage, value: status.stage }, ...(pkg.operationId ? [{ key: searchAttributes.OperationId, value: pkg.operationId }] : [])]);
  for (const raw of pkg.targets) await openTarget(raw);
  opening = false;

  // 2–4. Counsel decides and records warrants through the Updates above; each warrant is served here.
  const allEnded = () => status.targets.every((t) => !isLive(t.stage));
  for (;;) {
    await condition(() => warrantsToServe.length > 0 || allEnded());
    const warrant = warrantsToServe.shift();
    if (!warrant) break;
    await serveWarrant(warrant);
  }
  await Promise.all(children.map((child) => child.result().catch(() => undefined)));
  if (status.stage !== 'REJECTED') enter('CLOSED');
  record(input.openedBy, 'case closed: every target has ended');
  await condition(allHandlersFinished);
  return status;

  async function openTarget(raw: string): Promise<void> {
    const normalized = normalizeTarget(raw);
    if (!normalized.ok) { record(input.openedBy, `target "${raw}" refused: ${normalized.error.message}`, { data: { code: normalized.error.code } }); return; }
    const target = normalized.target;
    const key = targetKey(target);
    const workflowId = workflowIds.target(target);
    const item: CaseTargetEntry = { key, workflowId, target, stage: 'STARTING', notices: [] };
    status.targets.push(item);
    if (target.kind !== 'domain') {
      item.stage = 'NOT_STARTED';
      item.note = target.kind === 'hosted' ? `hosted on ${target.hostingSuffix}: ${target.warnings.join('; ')}` : 'a profile takes the platform path, not a domain seizure';
      record(input.openedBy, `${key}: ${item.note}`);
      return;
    }
    try {
      const evidenceUrls = /^https?:\/\//i.test(raw.trim()) ? [raw.trim()] : [`https://${target.domain}/`];
      children.push(await startChild(domainSeizureWorkflow, { workflowId, parentClosePolicy: ParentClosePolicy.ABANDON, args: [{ caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target, evidenceUrls, openedBy: input.openedBy, settings }] }));
      record(input.openedBy, `target ${key} added`, { data: { workflowId, warnings: target.warnings } });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      item.stage = 'DUPLICATE';
      item.note = `already active in another case (${workflowId})`;
      record(input.openedBy, `target ${key} is ${item.note}; not duplicated`);
    }
  }

  async function serveWarrant(warrant: WarrantRecord): Promise<void> {
    const covered = () => warrant.warrant.covers.map(entry);
    // Address the notices once every covered target knows its registrar (or has ended).
    await condition(() => covered().every((t) => t.registration !== undefined || !isLive(t.stage)));
    const { requests, unreachable } = planRegistrarNotices(caseWorkflowId, pkg, warrant, covered().filter((t) => isLive(t.stage)), nowIso());
    for (const t of unreachable) record(input.openedBy, `${t.key}: the registrar published no abuse contact; the registrar notice cannot be sent`);
    await Promise.all(requests.map(async (request) => {
      const notice = await mail.sendNotice(request);
      status.notices.push(notice);
      record(input.openedBy, `${notice.kind} sent to ${notice.to.join(', ')} covering ${notice.covers.join(', ')}`, { data: { noticeId: notice.noticeId, messageId: notice.messageId } });
      for (const key of notice.covers) { entry(key).notices.push(notice.noticeId); await tell(key, targetNoticeSignal, notice); }
    }));
  }
}

/** Targets of the latest approval, minus those it excluded. */
function approvedKeys(status: CaseStatus): string[] {
  const approval = [...status.decisions].reverse().find((d) => d.decision.decision === 'approve');
  if (!approval || approval.decision.decision !== 'approve') return [];
  const excluded = approval.decision.exclude.map((e) => e.target);
  return status.targets.filter((t) => !excluded.includes(t.key) && t.stage !== 'DUPLICATE' && t.stage !== 'NOT_STARTED').map((t) => t.key);
}
