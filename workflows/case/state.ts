import { getExternalWorkflowHandle, patched, proxyActivities, upsertSearchAttributes, type SignalDefinition } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../../domain/actors';
import type { CasePackage } from '../../domain/case-package';
import { nowIso } from '../../domain/clock';
import { isLive, type CaseStatus, type CaseTargetEntry } from '../../domain/case-status';
import { type TimelineEntry } from '../../domain/timeline';
import { searchAttributes } from '../../domain/search-attributes';
import type { CaseStage } from '../../domain/stages';

/** Telling many targets is one activity; the engine being briefly unreachable only delays it. */
const fanOut = proxyActivities<Activities>({ startToCloseTimeout: '10m', heartbeatTimeout: '1m', retry: { initialInterval: '1s', maximumInterval: '1m' } });

/** The case's one state object: its status (what the query returns) and the small verbs on it. */
export class CaseState {
  readonly status: CaseStatus;

  constructor(pkg: CasePackage, openedBy: Actor) {
    this.status = {
      caseId: pkg.caseId, stage: 'DRAFT', packageVersion: 1, packageVersions: [{ version: 1, package: pkg, by: openedBy, at: nowIso() }],
      openedBy, authors: [openedBy.id], round: 0, rounds: [], decisions: [], warrants: [], targets: [], notices: [], acknowledgements: [], timeline: [],
    };
    upsertSearchAttributes([{ key: searchAttributes.CaseId, value: pkg.caseId }, { key: searchAttributes.Stage, value: 'DRAFT' }, ...(pkg.operationId ? [{ key: searchAttributes.OperationId, value: pkg.operationId }] : [])]);
  }

  get pkg(): CasePackage {
    return this.status.packageVersions.at(-1)!.package;
  }

  /** Appends to the timeline; nothing is ever rewritten. */
  record(actor: Actor, action: string, extra: Partial<TimelineEntry> = {}): void {
    this.status.timeline.push({ at: nowIso(), actor, action, stage: this.status.stage, ...extra });
  }

  enter(stage: CaseStage): void {
    this.status.stage = stage;
    upsertSearchAttributes([{ key: searchAttributes.Stage, value: stage }]);
  }

  /**
   * Targets by key. Conditions that look targets up run at every activation (every batch of reports), so a
   * search of the list there made a case of N targets do N² work per activation.
   */
  private readonly byKey = new Map<string, CaseTargetEntry>();
  /** Keys of the targets still live, kept as stages change, so "has every target ended?" costs nothing per report. */
  private readonly live = new Set<string>();

  target(key: string): CaseTargetEntry | undefined {
    return this.byKey.get(key);
  }

  addTarget(entry: CaseTargetEntry): void {
    this.status.targets.push(entry);
    this.byKey.set(entry.key, entry);
    if (isLive(entry.stage)) this.live.add(entry.key);
  }

  /** The one way a target's stage changes here. */
  setStage(entry: CaseTargetEntry, stage: CaseTargetEntry['stage']): void {
    entry.stage = stage;
    if (isLive(stage)) this.live.add(entry.key);
    else this.live.delete(entry.key);
  }

  isLive(key: string): boolean {
    return this.live.has(key);
  }

  hasLiveTargets(): boolean {
    return this.live.size > 0;
  }

  liveTargets(): CaseTargetEntry[] {
    return this.status.targets.filter((t) => isLive(t.stage));
  }

  /** Signals a target; one that has already ended can no longer be signalled, which is not an error. */
  async tell<A extends unknown[]>(key: string, signal: SignalDefinition<A>, ...args: A): Promise<void> {
    const entry = this.target(key);
    if (entry) await getExternalWorkflowHandle(entry.workflowId).signal(signal, ...args).catch(() => undefined);
  }

  /**
   * Tells many targets the same thing. One activity signals them all, so the case's history grows by three
   * events per message instead of two per target per message. Cases started before this change go on
   * signalling each target themselves (patched), so their histories replay.
   */
  async tellMany<A>(keys: readonly string[], signal: SignalDefinition<[A]>, arg: A): Promise<void> {
    const workflowIds = keys.flatMap((key) => this.target(key)?.workflowId ?? []);
    if (workflowIds.length === 0) return;
    if (this.tellsByActivity()) {
      await fanOut.tellTargets({ signal: signal.name, workflowIds, arg });
      return;
    }
    for (const key of keys) await this.tell(key, signal, arg);
  }

  /** Whether this case tells its targets through one activity (every case started since) or one signal each. */
  tellsByActivity(): boolean {
    return patched('tell-targets-by-activity');
  }

  /** Targets of the latest approval, minus those it excluded and those that have ended. */
  approvedKeys(): string[] {
    const approval = [...this.status.decisions].reverse().find((d) => d.decision.decision === 'approve');
    if (!approval || approval.decision.decision !== 'approve') return [];
    const excluded = new Set(approval.decision.exclude.map((e) => e.target));
    return this.liveTargets().filter((t) => !excluded.has(t.key)).map((t) => t.key);
  }
}
