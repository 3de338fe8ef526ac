import { getExternalWorkflowHandle, patched, workflowInfo } from '@temporalio/workflow';
import { systemActor, type Actor } from '../../domain/actors';
import { casePackageSchema, type CasePackageInput } from '../../domain/case-package';
import { workflowIds } from '../../domain/ids';
import { targetNoticeSignal } from '../../domain/target';
import { caseOpenedSignal } from '../../domain/operation';
import { noticeForTarget, type NoticeSummary } from '../../domain/notice-records';
import { type WarrantRecord } from '../../domain/warrant-record';
import { caseSettingsSchema, type CaseSettings, type CaseSettingsInput } from '../../domain/settings';
import { openingStages } from '../../domain/stages';
import { parseOrRefuse } from '../../domain/validation';
import { CaseNoticeWorkflows } from '../notice/case-notice-workflows';
import { ackLookup, type FollowUpStep, type NoticeHooks } from '../notice/follow-up';
import { refuseOnError } from '../shared/refuse';
import { memberCheck, recordMembership } from './membership';
import { publishPaymentAccounts } from './payment-accounts';
import { CaseState } from './state';
import type { TargetHandle } from './targets';

export interface CaseWorkflowInput {
  package: CasePackageInput;
  openedBy: Actor;
  settings?: CaseSettingsInput;
  /** The owning team when it is not the opener's (an operation's team); domain/membership.ts. */
  team?: string;
  /** The assigned counsel's person ID, when named at opening. */
  counsel?: string;
}

/** What a case's story (case.ts), its handlers (handlers.ts) and its review rounds (review-rounds.ts) share. */
export interface CaseRun {
  readonly input: CaseWorkflowInput;
  readonly settings: CaseSettings;
  readonly state: CaseState;
  readonly status: CaseState['status'];
  readonly caseWorkflowId: string;
  /** Since 'case-membership' a case records its team and assigned counsel, and its validators refuse a non-member. */
  readonly membersOnly: boolean;
  readonly requireMember: (actor: Actor, doing: string) => void;
  readonly children: TargetHandle[];
  /** Warrants recorded and not yet served: the story serves them one at a time. */
  readonly warrantsToServe: WarrantRecord[];
  /** What the case waits for before it closes, besides its targets. */
  readonly reviews: Promise<void>[];
  readonly followUps: Promise<unknown>[];
  /** How notices the case follows up itself (cases from before 'notice-workflows', escalations) tell it. */
  readonly noticeHooks: NoticeHooks;
  readonly notices: CaseNoticeWorkflows;
  /** A payment notice ends merchant accounts; the seizure or takedown of its targets neither waits for it nor for its answer. */
  readonly drivesTarget: (notice: Pick<NoticeSummary, 'kind'>) => boolean;
  /**
   * Each notice is a workflow of its own (workflows/notice/notice.ts) since 'notice-workflows'; cases started
   * before go on following their notices up themselves, so their histories replay.
   */
  readonly noticesAreWorkflows: () => boolean;
  /** The payment-account tags the case last published (payment-accounts.ts). */
  accountTags: string;
  /** True until every target of the opening package has started. */
  opening: boolean;
  openedTold: boolean;
  releases: number;
}

/** A case's settings and package, checked (a bad one refuses the start), and what its parts share. */
export function openCaseRun(input: CaseWorkflowInput): CaseRun {
  const settings = refuseOnError(() => parseOrRefuse(caseSettingsSchema, input.settings ?? {}, 'the case settings'));
  const state = new CaseState(refuseOnError(() => parseOrRefuse(casePackageSchema, input.package, 'the case package')), input.openedBy);
  const { status } = state;
  const membersOnly = patched('case-membership');
  if (membersOnly) recordMembership(status, { team: input.team ?? input.openedBy.team, counsel: input.counsel });
  const requireMember = memberCheck(membersOnly, status);
  const caseWorkflowId = workflowInfo().workflowId;
  const noticeHooks: NoticeHooks = {
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
  const drivesTarget = (notice: Pick<NoticeSummary, 'kind'>) => notice.kind !== 'payment-notice';
  const run: CaseRun = {
    input, settings, state, status, caseWorkflowId, membersOnly, requireMember, accountTags: '',
    children: [], warrantsToServe: [], reviews: [], followUps: [],
    noticeHooks, notices: new CaseNoticeWorkflows(state, caseWorkflowId, drivesTarget), drivesTarget,
    noticesAreWorkflows: () => patched('notice-workflows'),
    opening: true, openedTold: false, releases: 0,
  };
  publishPaymentAccounts(run, state.pkg);
  return run;
}

/**
 * A case of an operation frees its place in the operation's window once none of its targets is opening
 * (lookup, evidence) any more; cases started before this change leave the operation to poll (patched).
 */
export async function tellOperationIfOpened(run: CaseRun): Promise<void> {
  const { state, status } = run;
  const operationId = state.pkg.operationId;
  if (!operationId || run.openedTold || run.opening || status.targets.some((t) => openingStages.includes(t.stage))) return;
  run.openedTold = true;
  if (!patched('tell-operation-opened')) return;
  await getExternalWorkflowHandle(workflowIds.operation(operationId)).signal(caseOpenedSignal, { caseId: status.caseId }).catch(() => undefined);
}
