import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { systemActor, type Actor } from '../../domain/actors';
import { withinBounds } from '../../domain/clock-bounds';
import { memberValues } from '../../domain/membership';
import { nowIso, nowMs } from '../../domain/clock';
import { custodySettingsSchema, custodyWorkflowId, type CustodyAlert, type CustodyInput, type CustodySettings, type CustodyStatus, type ForfeitureView } from '../../domain/custody';
import type { NoticeRequest } from '../../domain/notice-contexts';
import type { TimelineEntry } from '../../domain/timeline';
import { searchAttributes } from '../../domain/search-attributes';
import { durationMs } from '../../domain/duration';
import { computeClocks, type Assessment, type PendingAlert } from './clocks';
import { noticeIds } from '../../domain/notice-ids';

/** What continue-as-new carries: enough history to read, not all of it (months of daily checks). */
const keepTimeline = 200;
const keepAlerts = 100;

/**
 * The custody workflow's one state object: the status the query returns, its timeline and alerts, and
 * the search attributes (Stage, DeadlineState, DeadlineAt) coordinators list seized domains by.
 */
export class CustodyBook {
  readonly status: CustodyStatus;
  readonly settings: CustodySettings;
  reverifyRequested = false;
  private published: { stage?: string; deadlineState?: string; deadlineAt?: string | null } = {};

  constructor(input: CustodyInput) {
    // Since 'statutory-clock-floors' the clocks run within the law's bounds whatever the case asked (domain/clock-bounds.ts).
    const asked = custodySettingsSchema.parse(input.settings ?? {});
    const bounded = patched('statutory-clock-floors') ? withinBounds(asked) : { settings: asked, changed: [] };
    this.settings = bounded.settings;
    // Runs carried from before release orders lack the notice lists.
    this.status = input.carried ? { ...input.carried, notices: input.carried.notices ?? [], acknowledgements: input.carried.acknowledgements ?? [], run: input.carried.run + 1 } : {
      domain: input.domain, caseId: input.caseId, caseTitle: input.caseTitle ?? `Case ${input.caseId}`, caseRef: input.caseRef ?? input.caseId,
      ...(input.team ? { team: input.team } : {}), state: 'IN_CUSTODY', seizedAt: input.seizedAt, warrant: input.warrant, expiresAt: input.expiresAt, renewals: [],
      nextCheckAt: new Date(nowMs() + durationMs(this.settings.reverifyEvery)).toISOString(),
      failing: false, checksRun: 0, run: 0, bannerMode: 'seizure', forfeiture: { claims: [], extensions: [] },
      clocks: { personalNoticeDue: input.seizedAt }, deadlineState: 'OK', alerts: [], notices: [], acknowledgements: [], raised: [], timeline: [],
    };
    if (bounded.changed.length && !input.carried) this.record(`custody clocks brought within the law's bounds: ${bounded.changed.join('; ')}`);
    this.refreshClocks();
    upsertSearchAttributes([{ key: searchAttributes.CaseId, value: this.status.caseId }]);
    // The case's team, so its members find the custody in their list after the case has closed and gone (domain/membership.ts).
    if (this.status.team && patched('case-membership')) upsertSearchAttributes([{ key: searchAttributes.CaseMembers, value: memberValues({ team: this.status.team }) }]);
  }

  /** Appends to the timeline; nothing is ever rewritten. */
  record(action: string, actor: Actor = systemActor, extra: Partial<TimelineEntry> = {}): void {
    this.status.timeline.push({ at: nowIso(), actor, action, ...extra });
  }

  /** Recomputes the deadlines after a fact was recorded. */
  refreshClocks(): void {
    this.status.clocks = computeClocks(this.status, this.settings);
  }

  /** Records an alert unless its key fired already (across runs); returns it when it is new. */
  raise(pending: PendingAlert): CustodyAlert | undefined {
    if (this.status.raised.includes(pending.key)) return undefined;
    const alert: CustodyAlert = { ...pending, at: nowIso() };
    this.status.raised.push(pending.key);
    this.status.alerts.push(alert);
    this.record(`alert (${alert.kind}): ${alert.message}`);
    return alert;
  }

  /** Upserts what changed of Stage, DeadlineState and DeadlineAt (each upsert is a history event). */
  publish(assessment?: Pick<Assessment, 'deadlineState' | 'deadlineAt'>): void {
    // A release in progress keeps a deadline (the registry's); an ended custody has none.
    const open = this.status.state === 'IN_CUSTODY' || this.status.state === 'RELEASING';
    if (assessment) this.status.deadlineState = assessment.deadlineState;
    if (!open) this.status.deadlineState = 'OK';
    const next = { stage: this.status.state === 'IN_CUSTODY' ? 'SEIZED' : this.status.state, deadlineState: this.status.deadlineState, deadlineAt: !open ? null : assessment ? assessment.deadlineAt ?? null : this.published.deadlineAt ?? null };
    const updates: SearchAttributeUpdatePair[] = [];
    if (next.stage !== this.published.stage) updates.push({ key: searchAttributes.Stage, value: next.stage });
    if (next.deadlineState !== this.published.deadlineState) updates.push({ key: searchAttributes.DeadlineState, value: next.deadlineState });
    if (next.deadlineAt !== this.published.deadlineAt) updates.push({ key: searchAttributes.DeadlineAt, value: next.deadlineAt ? new Date(next.deadlineAt) : null });
    if (updates.length) upsertSearchAttributes(updates);
    this.published = next;
  }

  /** An alert as a notice to the coordinator's role mailbox (the escalation template). */
  escalation(alert: CustodyAlert): NoticeRequest<'escalation'> {
    const s = this.status;
    const details = [
      { label: 'Domain', value: s.domain },
      { label: 'Alert', value: alert.kind },
      { label: 'Seized', value: s.seizedAt },
      ...(s.expiresAt ? [{ label: 'Registration expires', value: s.expiresAt }] : []),
      ...(s.lastCheck ? [{ label: 'Last check', value: `${s.lastCheck.state} at ${s.lastCheck.at}` }] : []),
    ];
    return {
      workflowId: custodyWorkflowId(s.domain),
      noticeId: noticeIds.custodyAlert(s.caseId, s.domain, s.seizedAt, alert.key),
      kind: 'escalation',
      template: 'escalation',
      to: ['role:coordinator'],
      context: { case: { caseId: s.caseId, title: s.caseTitle }, level: 'coordinator', subject: `custody of ${s.domain}: ${alert.kind.replace(/-/g, ' ')}`, reason: alert.message, dueBy: alert.dueBy, details, casePath: `/cases/${encodeURIComponent(s.caseId)}` },
      covers: [s.domain],
      createdAt: alert.at,
    };
  }

  /** What every recording update answers. */
  view(): ForfeitureView {
    return { state: this.status.state, forfeiture: this.status.forfeiture, clocks: this.status.clocks };
  }

  /** The status for the next run, with the timeline and alerts trimmed (the alert keys are all kept). */
  carry(): CustodyStatus {
    return { ...this.status, timeline: this.status.timeline.slice(-keepTimeline), alerts: this.status.alerts.slice(-keepAlerts) };
  }
}
