import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { casePackageSchema } from '../../domain/case-package';
import { custodyStatusQuery, custodyWorkflowId, type CustodyAlertKind, type CustodyInput, type CustodySettingsInput, type CustodyStatus, type RestoreFacts } from '../../domain/custody';
import type { Duration } from '../../domain/duration';
import { targetFacts } from '../../domain/notice-request';
import { searchAttributes } from '../../domain/search-attributes';
import { custodyWorkflow } from '../../workflows/custody/custody';
import { casePackage } from '../helpers/case-fixtures';
import { bundleWorkflowsAt, unique } from '../helpers/temporal';
import { domainTarget, warrantRecord } from '../notices/fixtures';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, type World } from '../helpers/world';

export const court = 'U.S. District Court for the Southern District of New York';
export const registrar = { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' };
export const oldNameservers = ['ns1.bulletproof.example', 'ns2.bulletproof.example'];

/** The custody workflow alone (workflows/index.ts exports it once the lead wires it in). */
export function bundleCustody(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowsAt(require.resolve('../../workflows/custody/custody'));
}

/** A domain seized in every respect: registry (and with it the zone) and the banner's allow-list. */
export function seizedDomain(world: World, options: { expires?: string } = {}): { domain: string; caseId: string } {
  const domain = `${unique('luxury-outlet-')}.com`;
  const caseId = unique('HSI-NY-2026-');
  world.rdap.addDomain({ domain, registrar, nameservers: oldNameservers, expires: options.expires });
  world.rdap.seize(domain, seizureNameservers);
  world.banner.allowList.add({ domain, caseRef: caseId, court });
  return { domain, caseId };
}

/** What the domain workflow hands custody for a release order: the case's facts, warrant w1, the name servers before the seizure. */
export function restoreFacts(seized: { domain: string; caseId: string }, executeWithin: Duration = '1h'): RestoreFacts {
  const target = domainTarget(seized.domain);
  return {
    facts: targetFacts(casePackageSchema.parse(casePackage([seized.domain], { caseId: seized.caseId }))),
    warrant: warrantRecord([seized.domain]),
    target: { ...target, registration: { ...target.registration!, nameservers: oldNameservers } },
    executeWithin,
  };
}

/** Starts custody as the domain workflow would on reaching SEIZED, its clocks as the test gives them (below the law's bounds). */
export function startCustody(env: TestWorkflowEnvironment, taskQueue: string, seized: { domain: string; caseId: string }, settings: CustodySettingsInput, extra: Partial<CustodyInput> = {}): Promise<WorkflowHandleWithFirstExecutionRunId<typeof custodyWorkflow>> {
  const input: CustodyInput = { domain: seized.domain, caseId: seized.caseId, caseTitle: 'Counterfeit luxury handbags sold online', seizedAt: new Date().toISOString(), warrant: { court, docket: '26-MJ-04417', sealed: false }, settings: { testOnlyShortClocks: true, ...settings }, team: 'miami-ipr', ...extra };
  return env.client.workflow.start(custodyWorkflow, { taskQueue, workflowId: custodyWorkflowId(seized.domain), args: [input] });
}

export const status = (handle: WorkflowHandle): Promise<CustodyStatus> => handle.query(custodyStatusQuery);

/** Waits for an alert of a kind and returns it. */
export function alertOf(handle: WorkflowHandle, kind: CustodyAlertKind, timeoutMs = 20_000) {
  return waitFor(`a ${kind} alert`, async () => (await status(handle)).alerts.find((a) => a.kind === kind), timeoutMs);
}

export async function deadlineState(handle: WorkflowHandle): Promise<unknown> {
  return (await handle.describe()).typedSearchAttributes.get(searchAttributes.DeadlineState);
}

/** The alert mails the coordinator's role mailbox received. */
export function coordinatorMail(world: World): { subject: string; text: string }[] {
  return world.sink.messages.filter((m) => m.envelope.to.includes('coordinator@iprcenter.example')).map((m) => ({ subject: m.parsed.subject ?? '', text: m.parsed.text ?? '' }));
}
