import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { caseSummaryQuery } from '../../domain/case';
import { noticeOrderQuery, type NoticeOrder } from '../../domain/notice';
import { openingStages } from '../../domain/stages';
import { describeHolder, type ActiveHolder } from '../../lib/active-case';
import { startTargets, type StartTargetsInput, type StartTargetsResult } from './start-targets';
import { tellTargets, type TellTargetsInput } from './tell-targets';


export type { ActiveHolder } from '../../lib/active-case';

export interface TargetActivityDeps {
  /** A client of our namespace (worker/deps.ts builds one); without it, the worker's own client from the activity context. */
  client?: Pick<Client, 'workflow'>;
}

/** Deconfliction across cases (which case holds a target already active), and an operation's pacing. */
export function createTargetActivities(deps: TargetActivityDeps = {}) {
  return {
    /** The case (and stage) of the workflow holding `workflowId`; the case workflow calls it when a start is refused as a duplicate. */
    async activeCaseOf(workflowId: string): Promise<ActiveHolder> {
      return describeHolder(deps.client ?? Context.current().client, workflowId);
    },

    /** A case's target workflows started at once, the targets another case holds reported: see start-targets.ts. */
    async startTargets(input: StartTargetsInput): Promise<StartTargetsResult> {
      return startTargets(deps.client ?? Context.current().client, input);
    },

    /** One message to many targets at once (decision, warrant, notice, acknowledgement): see tell-targets.ts. */
    async tellTargets(input: TellTargetsInput): Promise<{ told: number; ended: number }> {
      return tellTargets(deps.client ?? Context.current().client, input);
    },

    /**
     * A notice's order from its case (what to send, whom it drives): kept in the case's memory, so the notice
     * text and the list of what it covers go into the notice's own history, never into the case's.
     */
    async noticeOrder(input: { caseWorkflowId: string; noticeId: string }): Promise<NoticeOrder> {
      const order = await (deps.client ?? Context.current().client).workflow.getHandle(input.caseWorkflowId).query(noticeOrderQuery, input.noticeId);
      if (!order) throw ApplicationFailure.create({ type: 'UNKNOWN_NOTICE', message: `case ${input.caseWorkflowId} planned no notice ${input.noticeId}`, nonRetryable: true });
      return order;
    },

    /** How many of a case's targets are still opening (lookup, evidence): an operation starts its next case when few are. */
    async caseOpening(workflowId: string): Promise<{ opening: number; targets: number; gone?: true }> {
      try {
        const { targets, byStage } = await (deps.client ?? Context.current().client).workflow.getHandle(workflowId).query(caseSummaryQuery);
        return { opening: openingStages.reduce((sum, stage) => sum + (byStage[stage as keyof typeof byStage] ?? 0), 0), targets };
      } catch (error) {
        // A case nobody can find any more (deleted, or its retention passed) holds no window place.
        if (error instanceof WorkflowNotFoundError) return { opening: 0, targets: 0, gone: true };
        throw error;
      }
    },
  };
}
