import { defaultPayloadConverter } from '@temporalio/common';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { searchAttributes } from '../../domain/search-attributes';

/** The header that tells an activity which case its workflow works for (worker/log-context.ts reads it). */
export const caseIdHeader = 'takedown-case-id';

/** The case this workflow belongs to, from its CaseId search attribute (a case, its targets, notices, custody). */
const caseIdOfThisWorkflow = (): string | undefined => workflowInfo().typedSearchAttributes.get(searchAttributes.CaseId) ?? undefined;

/**
 * Log context only, so every log line of a case's work names the case: the workflow logger's lines carry
 * `caseId`, and each activity scheduled carries it in a header for the activity's log lines (a target's
 * activities do not take the case ID as an argument). Neither changes a command, so histories replay as before.
 */
export const interceptors: WorkflowInterceptorsFactory = () => {
  const withCaseHeader = <T extends { headers: Record<string, unknown> }>(input: T): T => {
    const caseId = caseIdOfThisWorkflow();
    return caseId ? { ...input, headers: { ...input.headers, [caseIdHeader]: defaultPayloadConverter.toPayload(caseId) } } : input;
  };
  return {
    outbound: [{
      scheduleActivity: (input, next) => next(withCaseHeader(input)),
      scheduleLocalActivity: (input, next) => next(withCaseHeader(input)),
      getLogAttributes: (attributes, next) => {
        const caseId = caseIdOfThisWorkflow();
        return next(caseId ? { ...attributes, caseId } : attributes);
      },
    }],
  };
};
