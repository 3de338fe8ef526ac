import { isCancellation, patched, proxyActivities, sleep } from '@temporalio/workflow';
import { causeMessage } from '../shared/cause-message';
import { failureType } from '../shared/refuse';
import type { NoticeDirectory } from '../../domain/registries';
import type { Activities } from '../../activities';
import type { CasePackage } from '../../domain/case-package';
import { nowIso } from '../../domain/clock';
import type { NoticeRequest, WorkflowNoticeContext } from '../../domain/notice-contexts';
import { maxTargetsPerNotice, planWarrantNotices, type PortalTask, type WarrantNoticePlan } from '../../domain/notice-plan';
import type { PlanTarget, PlannedNotice, TargetCaseFacts, Unaddressed } from '../../domain/notice-request';
import { planRegistryReleases } from '../../domain/release-plan';
import type { TargetWarrant, WarrantRecord } from '../../domain/warrant-record';
import type { CaseSettings } from '../../domain/settings';
import { deliverNotice, followUpNotice, type Delivery, type FollowUpResult, type NoticeHooks } from './follow-up';
import { noticeIds } from '../../domain/notice-ids';

/** Reading configuration is an activity: its answer is recorded in history, so replay sees the same contacts. */
const directory = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: { maximumAttempts: 5 } });

export interface ServeWarrantInput {
  caseWorkflowId: string;
  pkg: CasePackage;
  warrant: WarrantRecord;
  /** The case's live targets (with registration, and evidence when the case has it). */
  targets: PlanTarget[];
  settings: Pick<CaseSettings, 'registrarAckWithin' | 'registryExecutionWithin'> & Partial<Pick<CaseSettings, 'platformResponseWithin'>>;
  hooks: NoticeHooks;
  /** Told of every target the plan could not address, and of portal-only platforms for the agent. */
  onUnaddressed?: (item: Unaddressed) => void;
  /** Told once when the contact directory cannot be read (the notices wait and it is read again each hour). */
  onDirectoryDown?: (why: string) => Promise<void>;
  onPortalTask?: (task: PortalTask) => void;
}

export interface ServeWarrantResult {
  /** The notice IDs planned, registry orders first. */
  planned: string[];
  unaddressed: Unaddressed[];
  portalTasks: PortalTask[];
  followUps: FollowUpResult[];
}

/** The contact directory → the plan for one warrant (one order per registry, one notice per registrar or platform). */
export async function planWarrant(input: Omit<ServeWarrantInput, 'hooks'>): Promise<WarrantNoticePlan> {
  const contacts = await contactDirectory(input.onDirectoryDown);
  // Since 'notice-parts' no notice covers more than maxTargetsPerNotice targets; a case that planned before keeps its plan.
  const perNotice = input.warrant.warrant.covers.length > maxTargetsPerNotice && patched('notice-parts') ? { maxTargetsPerNotice } : {};
  const plan = planWarrantNotices({ caseWorkflowId: input.caseWorkflowId, pkg: input.pkg, warrant: input.warrant, targets: input.targets, directory: contacts, settings: input.settings, createdAt: nowIso(), ...perNotice });
  for (const item of plan.unaddressed) input.onUnaddressed?.(item);
  for (const task of plan.portalTasks) input.onPortalTask?.(task);
  return plan;
}

/**
 * Serves one warrant inside the case (cases started before notices became workflows of their own):
 * the plan → each notice sent in plan order (registry orders before registrar notices, which say the
 * registry is executing) → each followed up to an answer, in parallel. Resolves when every follow-up ends.
 */
export async function serveWarrantNotices(input: ServeWarrantInput): Promise<ServeWarrantResult> {
  const plan = await planWarrant(input);
  const deliveries: Delivery[] = [];
  for (const planned of plan.notices) deliveries.push(await deliverNotice(planned.request, input.hooks));
  const followUps = await Promise.all(plan.notices.map((planned, i) => followUpNotice({ planned, hooks: input.hooks, delivery: deliveries[i] })));
  return { planned: plan.notices.map((p) => p.request.noticeId), unaddressed: plan.unaddressed, portalTasks: plan.portalTasks, followUps };
}

export interface ServeReleaseInput extends Omit<ServeWarrantInput, 'pkg' | 'settings' | 'onPortalTask' | 'warrant'> {
  warrant: TargetWarrant;
  /** The case's facts: the case passes its package's, a custody workflow the ones it was started with. */
  facts: TargetCaseFacts;
  settings: Pick<CaseSettings, 'registryExecutionWithin'>;
  reason: string;
  authorizedBy: { name: string; role: string };
  releaseId: string;
}

/**
 * Undoes a seizure at the registry (a withdrawn target after its order, a dropped case, a returned domain):
 * one release order per registry.
 */
export async function planRelease(input: Omit<ServeReleaseInput, 'hooks'>): Promise<{ notices: PlannedNotice[]; unaddressed: Unaddressed[] }> {
  const contacts = await contactDirectory(input.onDirectoryDown);
  const plan = planRegistryReleases({ caseWorkflowId: input.caseWorkflowId, facts: input.facts, warrant: input.warrant, targets: input.targets, directory: contacts, settings: input.settings, reason: input.reason, authorizedBy: input.authorizedBy, releaseId: input.releaseId, createdAt: nowIso() });
  for (const item of plan.unaddressed) input.onUnaddressed?.(item);
  return plan;
}

/** Release orders followed up like seizure orders, inside the workflow that asks (a custody; cases started before notice workflows). */
export async function serveReleaseOrders(input: ServeReleaseInput): Promise<ServeWarrantResult> {
  const plan = await planRelease(input);
  const followUps = await Promise.all(plan.notices.map((planned) => followUpNotice({ planned, hooks: input.hooks })));
  return { planned: plan.notices.map((p) => p.request.noticeId), unaddressed: plan.unaddressed, portalTasks: [], followUps };
}

/**
 * The contact directory (configuration, read by an activity). When it cannot be read (a broken setting being
 * fixed) the workflow is not failed: whoever asked is told once, and it is read again every hour.
 */
async function contactDirectory(onDown?: (why: string) => Promise<void>): Promise<NoticeDirectory> {
  for (let told = false; ; ) {
    try {
      return await directory.noticeDirectory();
    } catch (error) {
      if (isCancellation(error)) throw error;
      if (!told) await onDown?.(`the notice contact directory cannot be read (${failureType(error) ?? 'error'}: ${causeMessage(error)}); the notices wait and it is read again every hour`);
      told = true;
      await sleep('1h');
    }
  }
}

// ---- internal notices the case sends to our own people (role mailboxes, resolved by the send activity)

/** Counsel's reminder for a waiting review round (the legal-review workflow sends it on its clock). */
export function counselReminderRequest(input: { caseWorkflowId: string; caseId: string; title: string; round: number; packageVersion: number; waitingSince: string; dueBy: string; reminderNumber: number; reviewPath: string; at: string }): NoticeRequest<'counsel-reminder'> {
  const context: WorkflowNoticeContext<'counsel-reminder'> = {
    case: { caseId: input.caseId, title: input.title }, round: input.round, packageVersion: input.packageVersion,
    waitingSince: input.waitingSince, dueBy: input.dueBy, reminderNumber: input.reminderNumber, reviewPath: input.reviewPath,
  };
  return { workflowId: input.caseWorkflowId, noticeId: noticeIds.counselReminder(input.caseId, input.round, input.reminderNumber), kind: 'counsel-reminder', template: 'counsel-reminder', to: ['role:counsel'], context, covers: [], createdAt: input.at };
}

/** An escalation to the supervisor or the coordinator; `key` makes its notice ID (e.g. `review-2`). */
export function escalationRequest(input: { caseWorkflowId: string; caseId: string; title: string; level: 'supervisor' | 'coordinator'; key: string; subject: string; reason: string; waitingSince?: string; dueBy?: string; details?: { label: string; value: string }[]; at: string }): NoticeRequest<'escalation'> {
  const context: WorkflowNoticeContext<'escalation'> = {
    case: { caseId: input.caseId, title: input.title }, level: input.level, reason: input.reason, subject: input.subject,
    waitingSince: input.waitingSince, dueBy: input.dueBy, details: input.details ?? [], casePath: `/cases/${encodeURIComponent(input.caseId)}`,
  };
  return { workflowId: input.caseWorkflowId, noticeId: noticeIds.caseEscalation(input.caseId, input.key, input.level), kind: 'escalation', template: 'escalation', to: [`role:${input.level}`], context, covers: [], createdAt: input.at };
}

/** A status update to the case agent at the case's contact address. */
export function agentUpdateRequest(input: { caseWorkflowId: string; pkg: CasePackage; sequence: number; headline: string; events: { at: string; what: string; target?: string }[]; stages: { stage: string; total: number }[]; at: string }): NoticeRequest<'agent-update'> {
  const context: WorkflowNoticeContext<'agent-update'> = {
    case: { caseId: input.pkg.caseId, title: input.pkg.title }, agent: { name: input.pkg.contact.name }, headline: input.headline,
    events: input.events, stages: input.stages, casePath: `/cases/${encodeURIComponent(input.pkg.caseId)}`,
  };
  return { workflowId: input.caseWorkflowId, noticeId: noticeIds.agentUpdate(input.pkg.caseId, input.sequence), kind: 'agent-update', template: 'agent-update', to: [input.pkg.contact.email], context, covers: [], createdAt: input.at };
}

