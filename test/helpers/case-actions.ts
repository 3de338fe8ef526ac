import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '../../domain/actors';
import type { LegalDecisionInput } from '../../domain/decisions';
import { caseStatusQuery, submitForReviewUpdate } from '../../domain/case';
import { decideLegalReviewUpdate } from '../../domain/review';
import { targetStatusQuery } from '../../domain/target';
import { workflowIds } from '../../domain/ids';
import type { CaseStatusView } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import type { CaseSettingsInput } from '../../domain/settings';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage } from './case-fixtures';
import { unique } from './temporal';
import { waitFor } from './wait';
import type { World } from './world';

/** The case's current status. */
export const caseStatus = (handle: WorkflowHandle): Promise<CaseStatusView> => handle.query(caseStatusQuery);

/** Waits until every target of the case has reached `stage` (or ended elsewhere, if `orEnded`). */
export function targetsAt(handle: WorkflowHandle, stage: string, timeoutMs?: number): Promise<CaseStatusView> {
  return waitFor(`targets at ${stage}`, async () => { const s = await caseStatus(handle); return s.targets.length > 0 && s.targets.every((t) => t.stage === stage) && s; }, timeoutMs);
}

/** The agent submits the case; resolves to the round's workflow handle. */
export async function submit(env: TestWorkflowEnvironment, handle: WorkflowHandle, actor: Actor): Promise<WorkflowHandle> {
  const round = await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor }] });
  return env.client.workflow.getHandle(round.workflowId);
}

/** Decides the case's current review round as `actor` (the update goes to the round's own workflow). */
export async function decide(env: TestWorkflowEnvironment, handle: WorkflowHandle, actor: Actor, decision: LegalDecisionInput) {
  const round = (await caseStatus(handle)).rounds.at(-1);
  if (!round) throw new Error('the case has no review round');
  return env.client.workflow.getHandle(round.workflowId).executeUpdate(decideLegalReviewUpdate, { args: [{ actor, decision }] });
}

/** Registers `count` fresh .com domains at the local RDAP and DNS servers; returns their names. */
export function registerDomains(world: World, count: number, registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' }): string[] {
  return Array.from({ length: count }, (_, i) => {
    const domain = `${unique(`fake-shop-${i}-`)}.com`;
    world.rdap.addDomain({ domain, registrar, nameservers: [`ns1.host-${i}.example`, `ns2.host-${i}.example`] });
    world.dns.set(domain, { A: ['127.0.0.1'] });
    return domain;
  });
}

/** Opens a case over the given domains (their evidence pages served by the local shop) and waits for LEGAL_REVIEW. */
export async function openCase(env: TestWorkflowEnvironment, world: World, taskQueue: string, domains: string[], settings: CaseSettingsInput = {}, openedBy: Actor = agent) {
  const pkg = casePackage(domains.map((d) => `http://${d}:${world.shop.port}/`));
  const handle = await env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy, settings }] });
  await targetsAt(handle, 'LEGAL_REVIEW');
  return { handle, pkg };
}

/**
 * A case's or a target's whole record once it has ended: workflows return only where they ended (their
 * history stays small), so the record is read with the status query after the result.
 */
export async function finalCase(handle: WorkflowHandle): Promise<CaseStatusView> {
  await handle.result();
  return handle.query(caseStatusQuery);
}

export async function finalTarget(handle: WorkflowHandle): Promise<TargetStatus> {
  // A case lists a target as soon as it admits it; its workflow starts a moment later (one activity per batch).
  await waitFor(`${handle.workflowId} started`, () => handle.describe());
  await handle.result();
  return handle.query(targetStatusQuery);
}

/** A domain target's stage as its own workflow has it (the case hears only when it opens and when it ends). */
export async function domainStage(env: TestWorkflowEnvironment, domain: string): Promise<string> {
  return (await env.client.workflow.getHandle(`domain:${domain}`).query(targetStatusQuery)).stage;
}

/** Each target's final status, by domain. */
export async function targetResults(env: TestWorkflowEnvironment, domains: string[]): Promise<Record<string, TargetStatus>> {
  const results = await Promise.all(domains.map((d) => finalTarget(env.client.workflow.getHandle(`domain:${d}`))));
  return Object.fromEntries(domains.map((d, i) => [d, results[i]!]));
}
