import { getExternalWorkflowHandle, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../domain/actors';
import { systemActor } from '../domain/actors';
import { nowIso } from '../domain/clock';
import { targetKey } from '../domain/ids';
import { targetReportSignal } from '../domain/messages';
import { evidenceRefs } from '../domain/xarf';
import type { TargetStatus, TimelineEntry } from '../domain/records';
import { searchAttributes } from '../domain/search-attributes';
import type { Stage } from '../domain/stages';
import type { Target } from '../domain/targets/types';

/**
 * The one small state object of a target workflow: its stage, its append-only timeline and its record.
 * Every stage change is upserted as search attributes and reported to the case.
 */
export class TargetState {
  readonly status: TargetStatus;

  constructor(private readonly caseWorkflowId: string, caseId: string, target: Target, operationId?: string) {
    this.status = { workflowId: workflowInfo().workflowId, caseId, target, stage: 'LOOKUP', timeline: [], evidence: [], notices: [], acknowledgements: [], verifications: [] };
    upsertSearchAttributes([
      { key: searchAttributes.TargetKind, value: target.kind },
      { key: searchAttributes.CaseId, value: caseId },
      ...(target.kind !== 'profile' ? [{ key: searchAttributes.Tld, value: target.tld }] : [{ key: searchAttributes.Platform, value: target.platform }]),
      ...(operationId ? [{ key: searchAttributes.OperationId, value: operationId }] : []),
    ]);
  }

  get key(): string {
    return targetKey(this.status.target);
  }

  /** Appends to the timeline; nothing is ever rewritten. */
  record(action: string, actor: Actor = systemActor, extra: Partial<TimelineEntry> = {}): void {
    this.status.timeline.push({ at: nowIso(), actor, action, stage: this.status.stage, ...extra });
  }

  /** Moves to a stage: timeline, search attributes, and a report to the case. */
  async enter(stage: Stage, detail?: string): Promise<void> {
    this.status.stage = stage;
    this.record(`stage ${stage}`, systemActor, detail ? { detail } : {});
    upsertSearchAttributes([{ key: searchAttributes.Stage, value: stage }]);
    await this.report(detail);
  }

  /** Tells the case where this target stands (and who holds it, once known), and why when a stage says why. */
  async report(detail?: string): Promise<void> {
    const registration = this.status.registration;
    await getExternalWorkflowHandle(this.caseWorkflowId).signal(targetReportSignal, {
      key: this.key,
      stage: this.status.stage,
      ...(detail ? { detail } : {}),
      registration: registration ? { registry: registration.registry, registrar: registration.registrar, nameservers: registration.nameservers } : undefined,
      evidence: evidenceRefs(this.status.evidence),
    });
  }

  setRegistration(registration: NonNullable<TargetStatus['registration']>): void {
    this.status.registration = registration;
    upsertSearchAttributes([
      { key: searchAttributes.Registrar, value: registration.registrar.name },
      { key: searchAttributes.Registry, value: registration.registry.name },
    ]);
  }
}
