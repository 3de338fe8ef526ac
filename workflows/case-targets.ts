import { ParentClosePolicy, proxyActivities, startChild, type ChildWorkflowHandle } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import type { Actor } from '../domain/actors';
import { targetKey, workflowIds } from '../domain/ids';
import type { AddTargetRow } from '../domain/messages';
import { targetFacts } from '../domain/notice-request';
import type { CaseTargetEntry } from '../domain/records';
import type { CaseSettingsInput } from '../domain/settings';
import { normalizeTarget } from '../domain/targets/normalize';
import type { DomainTarget, ProfileTarget } from '../domain/targets/types';
import type { CaseState } from './case-state';
import { domainSeizureWorkflow } from './domain-seizure';
import { profileTakedownWorkflow } from './profile-takedown';

export type TargetHandle = ChildWorkflowHandle<typeof domainSeizureWorkflow> | ChildWorkflowHandle<typeof profileTakedownWorkflow>;

/** Deconfliction asks the engine who holds a target; quick, and never worth failing the case over. */
const engine = proxyActivities<Activities>({ startToCloseTimeout: '15s', retry: { maximumAttempts: 3 } });

const isLink = (raw: string) => /^https?:\/\//i.test(raw.trim());

/**
 * Opens one pasted target in the case: normalises it, refuses what is not a target, and starts its own
 * workflow (a domain seizure, or a profile takedown through the platform's channel). The workflow ID comes
 * from the target, so a target active in another case is flagged with that case's ID, not duplicated.
 * Every row gets an answer.
 */
/**
 * `settings` are the case's settings as given (usually a few overrides, not the whole table): each target
 * applies the defaults itself, so what starts a target stays small.
 */
export async function openTarget(state: CaseState, raw: string, actor: Actor, settings: CaseSettingsInput, caseWorkflowId: string, children: TargetHandle[]): Promise<AddTargetRow> {
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
  state.addTarget(item);
  if (target.kind === 'hosted') {
    item.stage = 'NOT_STARTED';
    item.note = `hosted on ${target.hostingSuffix}: ${target.warnings.join('; ')}`;
    state.record(actor, `${key}: ${item.note}`);
    return { input: raw, status: 'started', key, workflowId };
  }
  try {
    children.push(target.kind === 'domain' ? await startDomain(target) : await startProfile(target));
    state.record(actor, `target ${key} added`, { data: { workflowId, warnings: target.warnings } });
    return { input: raw, status: 'started', key, workflowId };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const holder = await engine.activeCaseOf(workflowId).catch(() => undefined);
    item.stage = 'DUPLICATE';
    item.note = holder?.caseId ? `already active in case ${holder.caseId} (workflow ${workflowId}${holder.stage ? `, at ${holder.stage}` : ''})` : `already active in another case (workflow ${workflowId})`;
    state.record(actor, `target ${key} is ${item.note}; not duplicated`, { data: { holder } });
    return { input: raw, status: 'duplicate', key, workflowId, error: { code: 'DUPLICATE_TARGET', message: `${key} is ${item.note}` } };
  }

  function startDomain(domain: DomainTarget) {
    const pkg = state.pkg;
    return startChild(domainSeizureWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target: domain, facts: targetFacts(pkg), evidenceUrls: isLink(raw) ? [raw.trim()] : [`https://${domain.domain}/`], openedBy: actor, settings }],
    });
  }

  function startProfile(profile: ProfileTarget) {
    const pkg = state.pkg;
    return startChild(profileTakedownWorkflow, {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target: profile, ...(isLink(raw) ? { pastedUrl: raw.trim() } : {}),
        facts: targetFacts(pkg), openedBy: actor, settings, ...(pkg.userRegion ? { userRegion: pkg.userRegion } : {}),
      }],
    });
  }
}
