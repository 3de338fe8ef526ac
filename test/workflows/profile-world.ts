import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CasePackageInput } from '../../domain/case-package';
import { workflowIds } from '../../domain/ids';
import { caseStatusQuery, recordWarrantUpdate } from '../../domain/case';
import { targetStatusQuery } from '../../domain/target';
import type { TargetStatus } from '../../domain/target';
import type { CaseSettingsInput } from '../../domain/settings';
import { caseWorkflow } from '../../workflows/case/case';
import { caseStatus, decide, submit } from '../helpers/case-actions';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { startPlatformSite, type PlatformSite } from '../helpers/platform-site';
import { waitFor } from '../helpers/wait';
import { startWorld, type World } from '../helpers/world';

/** The platform hosts the tests paste links on; the local DNS server sends them to the platform site. */
export const platformHosts = { marketplace: 'www.ebay.com', tiktok: 'www.tiktok.com', x: 'x.com', instagram: 'www.instagram.com' } as const;

/** Clocks in seconds so a whole takedown runs within a test. */
export const fastClocks: CaseSettingsInput = {
  verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '30s', platformResponseWithin: '1m', manualTaskExpireAfter: '1m',
};

export interface ProfileWorld extends World {
  site: PlatformSite;
}

export async function startProfileWorld(): Promise<ProfileWorld> {
  const [world, site] = await Promise.all([startWorld(), startPlatformSite()]);
  for (const host of Object.values(platformHosts)) world.dns.set(host, { A: ['127.0.0.1'] });
  world.fetchAllowHosts.push(`127.0.0.1:${site.port}`);
  const closeWorld = world.close;
  return { ...world, site, close: async () => { await Promise.all([closeWorld(), site.close()]); } };
}

/** Opens a case over the pasted links and waits until its targets wait for counsel. */
export async function openProfileCase(env: TestWorkflowEnvironment, taskQueue: string, links: string[], overrides: Partial<CasePackageInput> = {}, settings: CaseSettingsInput = fastClocks) {
  const pkg = casePackage(links, overrides);
  const handle = await env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings }] });
  await waitFor('targets at LEGAL_REVIEW', async () => { const s = await caseStatus(handle); return s.targets.length === links.length && s.targets.every((t) => t.stage === 'LEGAL_REVIEW') && s; });
  return { handle, pkg };
}

/** Counsel approves the whole case; resolves once the case waits for the warrant. */
export async function approve(env: TestWorkflowEnvironment, handle: WorkflowHandle): Promise<void> {
  await submit(env, handle, agent);
  await decide(env, handle, counsel, { decision: 'approve', packageVersion: 1 });
  await waitFor('the case approved', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
}

/** Counsel records the warrant covering these targets. */
export async function recordWarrant(handle: WorkflowHandle, covers: string[], overrides: Parameters<typeof warrantFor>[1] = {}) {
  return handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(covers, overrides) }] });
}

/** A target's status by its workflow ID. */
export const targetStatus = (env: TestWorkflowEnvironment, workflowId: string): Promise<TargetStatus> => env.client.workflow.getHandle(workflowId).query(targetStatusQuery);

/** Waits until the target's status satisfies `probe` (e.g. reached a stage). */
export function targetWhere(env: TestWorkflowEnvironment, workflowId: string, what: string, probe: (s: TargetStatus) => boolean, timeoutMs?: number): Promise<TargetStatus> {
  return waitFor(what, async () => { const s = await targetStatus(env, workflowId); return probe(s) && s; }, timeoutMs);
}
