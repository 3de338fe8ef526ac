import { ParentClosePolicy, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Actor } from '../domain/actors';
import { targetKey, workflowIds } from '../domain/ids';
import type { AddTargetRow } from '../domain/messages';
import type { CaseTargetEntry } from '../domain/records';
import type { CaseSettings } from '../domain/settings';
import { normalizeTarget } from '../domain/targets/normalize';
import type { CaseState } from './case-state';
import { domainSeizureWorkflow } from './domain-seizure';

export type TargetHandle = ChildWorkflowHandle<typeof domainSeizureWorkflow>;

/**
 * Opens one pasted target in the case: normalises it, refuses what is not a target, and starts its own
 * workflow. The workflow ID comes from the target, so a target active in another case is flagged, not
 * duplicated. Every row gets an answer.
 */
export async function openTarget(state: CaseState, raw: string, actor: Actor, settings: CaseSettings, caseWorkflowId: string, children: TargetHandle[]): Promise<AddTargetRow> {
  const normalized = normalizeTarget(raw);
  if (!normalized.ok) {
    state.record(actor, `target "${raw}" refused: ${normalized.error.message}`, { data: { code: normalized.error.code } });
    return { input: raw, status: 'refused', error: normalized.error };
  }
  const target = normalized.target;
  const key = targetKey(target);
  const workflowId = workflowIds.target(target);
  if (state.target(key)) return { input: raw, status: 'duplicate', key, workflowId, error: { code: 'DUPLICATE_TARGET', message: `${key} is already in this case` } };
  const item: CaseTargetEntry = { key, workflowId, target, stage: 'STARTING', notices: [] };
  state.status.targets.push(item);
  if (target.kind !== 'domain') {
    item.stage = 'NOT_STARTED';
    item.note = target.kind === 'hosted' ? `hosted on ${target.hostingSuffix}: ${target.warnings.join('; ')}` : 'a profile takes the platform path, not a domain seizure';
    state.record(actor, `${key}: ${item.note}`);
    return { input: raw, status: 'started', key, workflowId };
  }
  try {
    const evidenceUrls = /^https?:\/\//i.test(raw.trim()) ? [raw.trim()] : [`https://${target.domain}/`];
    const pkg = state.pkg;
    children.push(await startChild(domainSeizureWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target, evidenceUrls, openedBy: actor, settings }],
    }));
    state.record(actor, `target ${key} added`, { data: { workflowId, warnings: target.warnings } });
    return { input: raw, status: 'started', key, workflowId };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    item.stage = 'DUPLICATE';
    item.note = `already active in another case (workflow ${workflowId})`;
    state.record(actor, `target ${key} is ${item.note}; not duplicated`);
    return { input: raw, status: 'duplicate', key, workflowId, error: { code: 'DUPLICATE_TARGET', message: `${key} is ${item.note}` } };
  }
}
