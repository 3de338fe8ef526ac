import { ParentClosePolicy, condition, getExternalWorkflowHandle, patched, setHandler, startChild } from '@temporalio/workflow';
import { recipientActor, systemActor } from '../../domain/actors';
import { workflowIds } from '../../domain/ids';
import { noticeOrderQuery, noticeSettledSignal, type NoticeOrder, type NoticeProgress } from '../../domain/notice';
import type { PlannedNotice } from '../../domain/notice-request';
import type { NoticeSummary } from '../../domain/notice-records';
import type { CaseState } from '../case/state';
import type { noticeWorkflow } from './notice';

interface OpenNotice {
  /** Its follow-up has ended; it only waits for late answers until settled. */
  followedUp: boolean;
  /** The covered targets still live, for a notice that is settled when they have all ended. */
  waitingOn?: Set<string>;
}

/**
 * The case's side of its notice workflows (workflows/notice/notice.ts): it starts them in plan order, keeps what
 * they report (notices sent, steps, answers) in the case's status and timeline, forwards answers that
 * reach the case to the notice they name, settles a notice once every target it covers has ended, and
 * settles the rest when the case closes. Each notice costs the case a few small messages, whatever the
 * number of targets it covers.
 */
export class CaseNoticeWorkflows {
  private readonly open = new Map<string, OpenNotice>();
  /** Target key → the notice workflows settled by its end. */
  private readonly settledBy = new Map<string, string[]>();
  /** Notice ID (of any notice of a chain) → the notice workflow holding it. */
  private readonly owners = new Map<string, string>();
  /** Original notices whose first delivery is over (sent or undeliverable). */
  private readonly delivered = new Set<string>();
  /** Notice workflows already told they are settled. */
  private readonly settled = new Set<string>();
  /** The notice workflows this run started: the case ends after them, so its history always holds their end. */
  private readonly started: Promise<unknown>[] = [];

  /** The orders of the notices started, which each notice workflow asks for once (noticeOrderQuery). */
  private readonly orders = new Map<string, NoticeOrder>();

  constructor(private readonly state: CaseState, private readonly caseWorkflowId: string, private readonly drivesTarget: (notice: Pick<NoticeSummary, 'kind'>) => boolean) {
    setHandler(noticeOrderQuery, (noticeId) => this.orders.get(noticeId));
  }

  /**
   * Starts one workflow per planned notice, each after the one before it was delivered (registry orders go
   * before the registrar notices that say the registry is executing). A warrant's notices are settled by
   * their targets' end; a release order is not: the registry must answer it.
   */
  async start(planned: readonly PlannedNotice[], settleWithTargets: boolean): Promise<void> {
    for (const notice of planned) {
      const { noticeId, covers } = notice.request;
      const workflowId = workflowIds.notice(noticeId);
      const live = covers.filter((key) => this.state.isLive(key));
      this.open.set(workflowId, { followedUp: false, ...(settleWithTargets ? { waitingOn: new Set(live) } : {}) });
      if (settleWithTargets) for (const key of live) this.settledBy.set(key, [...(this.settledBy.get(key) ?? []), workflowId]);
      const drives = this.drivesTarget(notice.request) ? covers.flatMap((key) => this.state.target(key)?.workflowId ?? []) : [];
      // The order stays here, asked for by the notice: its text and lists would otherwise enter this history.
      this.orders.set(noticeId, { planned: notice, drives });
      const child = await startChild<typeof noticeWorkflow>('noticeWorkflow', {
        workflowId,
        // The notice outlives nothing: the case settles it before closing. ABANDON keeps it if the case continues as new.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [{ caseId: this.state.status.caseId, caseWorkflowId: this.caseWorkflowId, noticeId }],
      });
      this.started.push(child.result().catch(() => undefined));
      await condition(() => this.delivered.has(noticeId));
      if (settleWithTargets && live.length === 0) await this.settle(workflowId, 'every target it covers has ended');
    }
  }

  /** What a notice workflow reports (noticeProgressSignal). */
  hear(progress: NoticeProgress): void {
    const { status } = this.state;
    const { step, acknowledgement, ignored } = progress;
    const notice = progress.notice && { ...progress.notice, covers: progress.notice.covers ?? this.ordered(progress.noticeWorkflowId) };
    if (notice) {
      this.owners.set(notice.noticeId, progress.noticeWorkflowId);
      status.notices.push(notice);
      this.state.record(systemActor, `${notice.kind} sent to ${notice.to.join(', ')} covering ${notice.covers.join(', ')}`, { data: { noticeId: notice.noticeId, messageId: notice.messageId, follows: notice.follows } });
      for (const key of notice.covers) this.state.target(key)?.notices.push(notice.noticeId);
    }
    if (step) {
      if (step.step === 'sent' || step.step === 'undeliverable') this.delivered.add(step.noticeId);
      if (step.step !== 'sent') this.state.record(systemActor, step.action, { reason: step.reason, data: { noticeId: step.noticeId, ...step.data } });
    }
    if (acknowledgement) {
      status.acknowledgements.push(acknowledgement);
      this.state.record(recipientActor(acknowledgement.by), `notice ${acknowledgement.noticeId} ${acknowledgement.kind}`, { detail: acknowledgement.comment, data: { reference: acknowledgement.reference } });
    }
    if (ignored) this.state.record(recipientActor(ignored.by), `acknowledgement for unknown notice ${ignored.noticeId} ignored`);
    const open = this.open.get(progress.noticeWorkflowId);
    if (progress.outcome && open) open.followedUp = true;
    if (progress.closed) this.open.delete(progress.noticeWorkflowId);
  }

  /** What a notice workflow was ordered to cover (its notices say so only when they cover something else). */
  private ordered(noticeWorkflowId: string): string[] {
    for (const [noticeId, order] of this.orders) if (workflowIds.notice(noticeId) === noticeWorkflowId) return order.planned.request.covers;
    return [];
  }

  /** The notice workflow that holds a notice, when it is one of these. */
  ownerOf(noticeId: string): string | undefined {
    return this.owners.get(noticeId);
  }

  /** A target has ended: the notices waiting only on it need no answer any more. */
  async targetEnded(key: string): Promise<void> {
    for (const workflowId of this.settledBy.get(key) ?? []) {
      const waitingOn = this.open.get(workflowId)?.waitingOn;
      if (!waitingOn?.delete(key) || waitingOn.size > 0) continue;
      await this.settle(workflowId, 'every target it covers has ended');
    }
    this.settledBy.delete(key);
  }

  /** Closing: once every follow-up has ended, the notices stop waiting for late answers. */
  async closeAll(): Promise<void> {
    await condition(() => [...this.open.values()].every((n) => n.followedUp));
    for (const workflowId of this.open.keys()) await this.settle(workflowId, 'the case has closed');
    await condition(() => this.open.size === 0);
    // Cases before 'case-awaits-notice-ends' could end before their notices did (a history of varying length).
    if (patched('case-awaits-notice-ends')) await Promise.all(this.started);
  }

  /** Tells a notice it needs no answer any more, once (cases before 'settle-notices-once' told it again on closing). */
  private async settle(workflowId: string, reason: string): Promise<void> {
    if (this.settled.has(workflowId) && patched('settle-notices-once')) return;
    this.settled.add(workflowId);
    await getExternalWorkflowHandle(workflowId).signal(noticeSettledSignal, { reason }).catch(() => undefined);
  }
}
