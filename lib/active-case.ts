import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { searchAttributes } from '../domain/search-attributes';

/** Who holds a target's workflow ID: the case of the running workflow, read from its search attributes. */
export interface ActiveHolder {
  workflowId: string;
  running: boolean;
  caseId?: string;
  stage?: string;
}

/**
 * Describes the workflow that holds a target's ID (one active workflow per target) and reads its `CaseId`
 * and `Stage` search attributes, so a refused duplicate can name the case that holds the target.
 */
export async function describeHolder(client: Pick<Client, 'workflow'>, workflowId: string): Promise<ActiveHolder> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    const caseId = description.typedSearchAttributes.get(searchAttributes.CaseId);
    const stage = description.typedSearchAttributes.get(searchAttributes.Stage);
    return { workflowId, running: description.status.name === 'RUNNING', ...(caseId ? { caseId } : {}), ...(stage ? { stage } : {}) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { workflowId, running: false };
    throw error;
  }
}
