import { getExternalWorkflowHandle, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { recipientActor, systemActor, type Actor } from '../../domain/actors';
import { nowIso } from '../../domain/clock';
import { requireMember } from '../../domain/membership';
import { targetKey } from '../../domain/ids';
import { caseMembershipChangedSignal } from '../../domain/case';
import { targetReportSignal, type TargetDecisionMessage } from '../../domain/target';
import { evidenceRefs } from '../../domain/xarf';
import { registrationSummary } from '../../domain/registration';
import type { Acknowledgement, TargetNotice } from '../../domain/notice-records';
import type { TargetOutcome, TargetStatus } from '../../domain/target';
import type { TimelineEntry } from '../../domain/timeline';
import { searchAttributes } from '../../domain/search-attributes';
import { isTerminal, type Stage } from '../../domain/stages';
import type { Target } from '../../domain/targets/types';

/**
 * The one small state object of a target workflow: its stage, its append-only timeline and its record.
 * Every stage change is upserted as search attributes and reported to the case.
 */
export class TargetState {
  readonly status: TargetStatus;
  private readonly reported = { registration: false, evidence: false };

  constructor(private readonly caseWorkflowId: string, caseId: string, target: Target, operationId?: string) {
    this.status = { workflowId: workflowInfo().workflowId, caseId, target, stage: 'LOOKUP', timeline: [], evidence: [], notices: [], acknowledgements: [], verifications: [] };
    upsertSearchAttributes([
      { key: searchAttributes.TargetKind, value: target.kind },
      { key: searchAttributes.CaseId, value: caseId },
      ...(target.kind !== 'profile' ? [{ key: searchAttributes.Tld, value: target.tld }] : [{ key: searchAttributes.Platform, value: target.platform }]),
      ...(operationId ? [{ key: searchAttributes.OperationId, value: operationId }] : []),
    ]);
  }

  /**
   * The case's owning team, as the case last told (it starts with the case's team and hears of every change):
   * the tasks people do on the target itself are refused to an agent of another team. Unknown on targets of
   * cases from before teams, which then check nothing here (the API checks every request anyway).
   */
  team?: string;

  requireMember(actor: Actor, doing: string): void {
    if (this.team !== undefined) requireMember(actor, this.status.caseId, { team: this.team }, doing);
  }

  get key(): string {
    return targetKey(this.status.target);
  }

  /** Appends to the timeline; nothing is ever rewritten. */
  record(action: string, actor: Actor = systemActor, extra: Partial<TimelineEntry> = {}): void {
    this.status.timeline.push({ at: nowIso(), actor, action, stage: this.status.stage, ...extra });
  }

  /**
   * Moves to a stage: timeline and search attributes (where people see every stage), and a report to the
   * case when the case acts on it: the target is open (who holds it, its evidence) or has ended. A report
   * at every stage made the case's history eight signals per target; targets started before this change
   * go on reporting every stage (patched), so their histories replay.
   */
  async enter(stage: Stage, detail?: string): Promise<void> {
    this.status.stage = stage;
    this.record(`stage ${stage}`, systemActor, detail ? { detail } : {});
    upsertSearchAttributes([{ key: searchAttributes.Stage, value: stage }]);
    if (stage === 'LEGAL_REVIEW' || isTerminal(stage) || !patched('report-milestones-only')) await this.report(detail);
  }

  /**
   * Tells the case where this target stands, and why when a stage says why. Who holds the domain and the
   * evidence go once, in the first report after they are known (the case keeps them), so every report
   * after that is a few hundred bytes.
   */
  async report(detail?: string): Promise<void> {
    const { registration, evidence } = this.status;
    const newRegistration = registration !== undefined && !this.reported.registration;
    const newEvidence = evidence.length > 0 && !this.reported.evidence;
    await getExternalWorkflowHandle(this.caseWorkflowId).signal(targetReportSignal, {
      key: this.key,
      stage: this.status.stage,
      ...(detail ? { detail } : {}),
      ...(newRegistration ? { registration: registrationSummary(registration) } : {}),
      ...(newEvidence ? { evidence: evidenceRefs(evidence) } : {}),
    });
    this.reported.registration ||= newRegistration;
    this.reported.evidence ||= newEvidence;
  }

  /** What the workflow returns: its end, not its record (which its status query keeps). */
  outcome(detail?: string): TargetOutcome {
    return { key: this.key, stage: this.status.stage, ...(detail ? { detail } : {}) };
  }

  /** A decision already held: the same message told twice. */
  alreadyDecided(held: TargetDecisionMessage | undefined, message: TargetDecisionMessage): boolean {
    return held !== undefined && held.outcome === message.outcome && held.at === message.at && held.packageVersion === message.packageVersion;
  }

  /** Keeps a notice the case served on this target; false when it was already kept. */
  hearNotice(notice: TargetNotice): boolean {
    if (this.status.notices.some((n) => n.noticeId === notice.noticeId)) return false;
    this.status.notices.push(notice);
    this.record(`notice sent: ${notice.kind} to ${notice.to.join(', ')}`, undefined, { data: { noticeId: notice.noticeId, messageId: notice.messageId } });
    return true;
  }

  /** Keeps an answer to one of the case's notices; false when it was already kept. */
  hearAcknowledgement(ack: Acknowledgement): boolean {
    if (this.status.acknowledgements.some((a) => a.noticeId === ack.noticeId && a.kind === ack.kind && a.at === ack.at)) return false;
    this.status.acknowledgements.push(ack);
    this.record(`notice ${ack.noticeId} acknowledged: ${ack.kind}`, recipientActor(ack.by), { detail: ack.comment, data: { reference: ack.reference } });
    return true;
  }

  setRegistration(registration: NonNullable<TargetStatus['registration']>): void {
    this.status.registration = registration;
    upsertSearchAttributes([
      { key: searchAttributes.Registrar, value: registration.registrar.name },
      { key: searchAttributes.Registry, value: registration.registry.name },
    ]);
  }
}

/** The target starts with its case's team and follows every change the case tells it of. */
export function followMembership(state: TargetState, team: string | undefined): void {
  state.team = team;
  setHandler(caseMembershipChangedSignal, (membership) => { state.team = membership.team; });
}
