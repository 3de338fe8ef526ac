import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { describeHolder, type ActiveHolder } from './active-case';

export type { ActiveHolder } from './active-case';

export interface TargetActivityDeps {
  /** A client of our namespace (worker/deps.ts builds one); without it, the worker's own client from the activity context. */
  client?: Pick<Client, 'workflow'>;
}

/** Deconfliction across cases: which case holds a target that is already active. */
export function createTargetActivities(deps: TargetActivityDeps = {}) {
  return {
    /** The case (and stage) of the workflow holding `workflowId`; the case workflow calls it when a start is refused as a duplicate. */
    async activeCaseOf(workflowId: string): Promise<ActiveHolder> {
      return describeHolder(deps.client ?? Context.current().client, workflowId);
    },
  };
}
