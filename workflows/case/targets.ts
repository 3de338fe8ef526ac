import { ParentClosePolicy, patched, proxyActivities, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../../activities';
import type { ActiveHolder } from '../../lib/active-case';
import type { Actor } from '../../domain/actors';
import { targetKey, workflowIds } from '../../domain/ids';
import { evidenceUrlFor } from '../../domain/fetch-scope';
import type { AddTargetRow } from '../../domain/case';
import { targetFacts } from '../../domain/notice-request';
import type { CaseTargetEntry } from '../../domain/case-status';
import type { CaseSettingsInput } from '../../domain/settings';
import { normalizeTarget } from '../../domain/targets/normalize';
import type { DomainTarget, ProfileTarget } from '../../domain/targets/types';
import type { CaseState } from './state';
import type { domainSeizureWorkflow } from '../domain-seizure/domain-seizure';
import type { profileTakedownWorkflow } from '../profile-takedown/profile-takedown';

export type TargetHandle = ChildWorkflowHandle<typeof domainSeizureWorkflow> | ChildWorkflowHandle<typeof profileTakedownWorkflow>;

/** Deconfliction asks the engine who holds a target; quick, and never worth failing the case over. */
const engine = proxyActivities<Activities>({ startToCloseTimeout: '15s', retry: { maximumAttempts: 3 } });

const isLink = (raw: string) => /^https?:\/\//i.test(raw.trim());

/** The case's target workflows are started by one activity per batch; quick, retried while the engine is briefly unreachable. */
const starter = proxyActivities<Activities>({ startToCloseTimeout: '10m', heartbeatTimeout: '1m', retry: { initialInterval: '1s', maximumInterval: '1m' } });

/**
 * Opens pasted targets in the case: each is normalised, refused when it is not a target, and started as
 * its own workflow (a domain seizure, or a profile takedown through the platform's channel). The workflow
 * ID comes from the target, so a target active in another case is flagged with that case's ID, not
 * duplicated. Every row gets an answer, in the order given.
 *
 * `settings` are the case's settings as given (usually a few overrides, not the whole table): each target
 * applies the defaults itself, so what starts a target stays small. Since 'start-targets-by-activity' one
 * activity starts the whole batch (three events in the case's history per batch instead of three per
 * target), given the pasted lines and what the targets share: it computes each start from its line
 * (domain/target-start.ts). Cases started before start each target as a child, so their histories replay.
 */
export async function openTargets(state: CaseState, raws: readonly string[], actor: Actor, settings: CaseSettingsInput, caseWorkflowId: string, children: TargetHandle[]): Promise<AddTargetRow[]> {
  if (!patched('start-targets-by-activity')) {
    const rows: AddTargetRow[] = [];
    for (const raw of raws) rows.push(await openTarget(state, raw, actor, settings, caseWorkflowId, children));
    return rows;
  }
  const rows = raws.map((raw) => admit(state, raw, actor));
  const toStart = rows.flatMap((row) => (row.start ? [row.start] : []));
  if (toStart.length > 0) {
    // Cases that started domains here before the start activity took pasted lines asked this (the evidence URL
    // was computed here); the activity now always scopes it (domain/target-start.ts). Asked again so that
    // their histories, which hold the marker, replay.
    if (toStart.some((s) => s.target.kind === 'domain')) patched('scoped-evidence-urls');
    const pkg = state.pkg;
    const { duplicates } = await starter.startTargets({
      caseId: pkg.caseId,
      taskQueue: workflowInfo().taskQueue,
      // The case's team goes with each target, and from a seized domain to its custody, which outlives the case.
      common: { caseId: pkg.caseId, caseWorkflowId, ...(pkg.operationId ? { operationId: pkg.operationId } : {}), ...(state.status.team ? { team: state.status.team } : {}), facts: targetFacts(pkg), openedBy: actor, settings },
      lines: toStart.map(({ raw }) => raw),
      ...(pkg.userRegion ? { userRegion: pkg.userRegion } : {}),
    });
    const held = new Map(duplicates.map((holder) => [holder.workflowId, holder]));
    const added: { key: string; warnings?: string[] }[] = [];
    for (const row of rows) {
      if (!row.start) continue;
      const holder = held.get(row.start.workflowId);
      if (holder) Object.assign(row.row, refuseDuplicate(state, row.start.key, row.start.workflowId, actor, holder));
      else added.push({ key: row.start.key, ...(row.start.target.warnings.length ? { warnings: row.start.target.warnings } : {}) });
    }
    recordAdded(state, actor, added);
  }
  return rows.map((r) => r.row);
}

/**
 * One timeline line per batch, naming each target (its workflow ID follows from its key): a line per target
 * repeated the actor and the stage each time, a third of a 2,000-target case's status.
 */
function recordAdded(state: CaseState, actor: Actor, added: { key: string; warnings?: string[] }[]): void {
  if (added.length === 0) return;
  const shown = added.slice(0, 3).map((a) => a.key).join(', ');
  const action = added.length === 1 ? `target ${shown} added` : `${added.length} targets added: ${shown}${added.length > 3 ? ', …' : ''}`;
  state.record(actor, action, { data: { added } });
}

interface Admitted {
  row: AddTargetRow;
  /** A target to start (its entry is in the case, at STARTING). */
  start?: { raw: string; key: string; workflowId: string; target: DomainTarget | ProfileTarget };
}

/** Normalises one pasted line and enters it in the case, or answers why not (refused, already in the case, hosted). */
function admit(state: CaseState, raw: string, actor: Actor): Admitted {
  const normalized = normalizeTarget(raw);
  if (!normalized.ok) {
    state.record(actor, `target "${raw}" refused: ${normalized.error.message}`, { data: { code: normalized.error.code } });
    return { row: { input: raw, status: 'refused', error: normalized.error } };
  }
  const target = normalized.target;
  const key = targetKey(target);
  const workflowId = workflowIds.target(target);
  if (state.target(key)) return { row: { input: raw, status: 'duplicate', key, workflowId, error: { code: 'DUPLICATE_TARGET', message: `${key} is already in this case` } } };
  const item: CaseTargetEntry = { key, workflowId, target, stage: 'STARTING', notices: [] };
  state.addTarget(item);
  const row: AddTargetRow = { input: raw, status: 'started', key, workflowId };
  if (target.kind === 'hosted') {
    state.setStage(item, 'NOT_STARTED');
    item.note = `hosted on ${target.hostingSuffix}: ${target.warnings.join('; ')}`;
    state.record(actor, `${key}: ${item.note}`);
    return { row };
  }
  return { row, start: { raw, key, workflowId, target } };
}

/**
 * The page to capture as evidence: the pasted link only when it is http(s) on this domain, without its
 * credentials (domain/fetch-scope.ts); else the home page. Targets opened before this rule (histories
 * without the 'scoped-evidence-urls' marker) replay with the pasted link as it was.
 */
function evidenceUrlOf(pasted: string, domain: DomainTarget): string {
  if (patched('scoped-evidence-urls')) return evidenceUrlFor(pasted, domain.domain);
  return isLink(pasted) ? pasted.trim() : `https://${domain.domain}/`;
}

/** A target another case holds: marked in this case, answered with the case that holds it. */
function refuseDuplicate(state: CaseState, key: string, workflowId: string, actor: Actor, holder: ActiveHolder | undefined): AddTargetRow {
  const item = state.target(key)!;
  state.setStage(item, 'DUPLICATE');
  item.note = holder?.caseId ? `already active in case ${holder.caseId} (workflow ${workflowId}${holder.stage ? `, at ${holder.stage}` : ''})` : `already active in another case (workflow ${workflowId})`;
  state.record(actor, `target ${key} is ${item.note}; not duplicated`, { data: { holder } });
  return { input: item.target.input, status: 'duplicate', key, workflowId, error: { code: 'DUPLICATE_TARGET', message: `${key} is ${item.note}` } };
}

/** One target started as a child of the case: how cases started before 'start-targets-by-activity' open targets. */
async function openTarget(state: CaseState, raw: string, actor: Actor, settings: CaseSettingsInput, caseWorkflowId: string, children: TargetHandle[]): Promise<AddTargetRow> {
  const admitted = admit(state, raw, actor);
  if (!admitted.start) return admitted.row;
  const { target, key, workflowId } = admitted.start;
  try {
    children.push(target.kind === 'domain' ? await startDomain(target) : await startProfile(target));
    state.record(actor, `target ${key} added`, { data: { workflowId, warnings: target.warnings } });
    return admitted.row;
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    const holder = await engine.activeCaseOf(workflowId).catch(() => undefined);
    return { ...refuseDuplicate(state, key, workflowId, actor, holder), input: raw };
  }

  function startDomain(domain: DomainTarget) {
    const pkg = state.pkg;
    return startChild<typeof domainSeizureWorkflow>('domainSeizureWorkflow', {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target: domain, facts: targetFacts(pkg), evidenceUrls: [evidenceUrlOf(raw, domain)], openedBy: actor, settings }],
    });
  }

  function startProfile(profile: ProfileTarget) {
    const pkg = state.pkg;
    return startChild<typeof profileTakedownWorkflow>('profileTakedownWorkflow', {
      workflowId,
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{
        caseId: pkg.caseId, caseWorkflowId, operationId: pkg.operationId, target: profile, ...(isLink(raw) ? { pastedUrl: raw.trim() } : {}),
        facts: targetFacts(pkg), openedBy: actor, settings, ...(pkg.userRegion ? { userRegion: pkg.userRegion } : {}),
      }],
    });
  }
}
