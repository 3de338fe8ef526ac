import type { TargetWarrant } from './warrant-record';
import type { WorkflowNoticeContext } from './notice-contexts';
import { caseFacts, coordinatorLevel, domainLine, request, type PlanTarget, type PlannedNotice, type TargetCaseFacts, type Unaddressed, type WarrantNoticeInput } from './notice-request';
import { registryLockStatuses } from './registration';
import { registryFor, type RegistryContact } from './registries';
import type { CaseSettings } from './settings';
import type { DomainTarget } from './targets/types';
import { noticeIds } from './notice-ids';

export interface ReleaseInput extends Omit<WarrantNoticeInput, 'settings' | 'pkg' | 'warrant'> {
  /** The warrant the seizure order was served under (its list of targets is not needed: the release names its own). */
  warrant: TargetWarrant;
  /** The case's facts (a custody workflow has these, not the package). */
  facts: TargetCaseFacts;
  /** The domains to give back; their registration (from before the seizure) names the servers to restore. */
  targets: PlanTarget[];
  reason: string;
  authorizedBy: { name: string; role: string };
  /** Tells successive releases under one warrant apart (e.g. the case's count of releases). */
  releaseId: string;
  settings: Pick<CaseSettings, 'registryExecutionWithin'>;
}

/** How an order names the role of whoever authorised it: our role keys ("agent") are not titles a registry reads. */
const roleTitles: Record<string, string> = { agent: 'case agent', counsel: 'counsel', supervisor: 'supervisor', coordinator: 'coordinator' };

/** One release order per registry: restore the delegation and lift the registry lock of these domains. */
export function planRegistryReleases(input: ReleaseInput): { notices: PlannedNotice[]; unaddressed: Unaddressed[] } {
  const { facts, warrant } = input;
  const out = { notices: [] as PlannedNotice[], unaddressed: [] as Unaddressed[] };
  const groups = new Map<string, { registry: RegistryContact; targets: Array<PlanTarget & { target: DomainTarget }> }>();
  for (const t of input.targets) {
    if (t.target.kind !== 'domain') continue;
    const registry = registryFor(input.directory.registries, t.target.domain);
    if (!registry) { out.unaddressed.push({ key: t.key, notice: 'registry-order', code: 'NO_REGISTRY_CONTACT', reason: `no registry contact is configured for .${t.target.tld}` }); continue; }
    const group = groups.get(registry.id) ?? { registry, targets: [] };
    group.targets.push(t as PlanTarget & { target: DomainTarget });
    groups.set(registry.id, group);
  }
  for (const { registry, targets } of groups.values()) {
    const context: WorkflowNoticeContext<'registry-release'> = {
      case: caseFacts(facts),
      registry: { name: registry.name, legalEntity: registry.legalEntity },
      domains: targets.map((t) => ({ ...domainLine(t.target), restoreNameservers: t.registration?.nameservers ?? [] })),
      warrant: { court: warrant.warrant.court, docket: warrant.warrant.docket, issuedOn: warrant.warrant.issuedOn },
      originalOrderId: noticeIds.registryOrder(facts.caseId, warrant.warrantId, registry.id),
      reason: input.reason,
      authorizedBy: { name: input.authorizedBy.name, role: roleTitles[input.authorizedBy.role] ?? input.authorizedBy.role },
      statusesToRemove: [...registryLockStatuses],
    };
    out.notices.push({
      request: request(input, noticeIds.registryRelease(facts.caseId, warrant.warrantId, input.releaseId, registry.id), 'registry-release', [registry.email], context, targets, { action: 'registry_release', discloseWarrant: true }),
      followUp: { requires: 'actioned', ackWithin: input.settings.registryExecutionWithin, ladder: [coordinatorLevel] },
    });
  }
  return out;
}
