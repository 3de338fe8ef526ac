import type { WorkflowNoticeContext } from './notice-contexts';
import { caseFacts, coordinatorLevel, domainLine, hoursOf, request, targetFacts, unique, warrantFacts, type FollowUpPlan, type PlanTarget, type PlannedNotice, type Unaddressed, type WarrantNoticeInput } from './notice-request';
import { merchantsOf, planPaymentNotices } from './payment-plan';
import { registryLockStatuses } from './registration';
import { isForeignRegistry, registryFor, type PlatformContact, type RegistryContact } from './registries';
import type { DomainTarget, ProfileTarget } from './targets/types';
import { noticeIds } from './notice-ids';

/**
 * Pure planning of the notices a warrant calls for (no I/O: it runs inside the case workflow and in unit
 * tests). A registry gets one seizure order per warrant listing every domain of the warrant in its zones;
 * a registrar gets one notice per warrant covering its domains (a courtesy notice when the warrant is
 * sealed); a platform one request per warrant covering its profiles; a payment processor one notice for the
 * merchant accounts of its covered targets (payment-plan.ts); a registry outside US jurisdiction is asked through
 * its partner agency instead of served (one partner-agency request per registry). Notice IDs are deterministic, so a replayed or
 * retried plan names the same notices. Whatever cannot be addressed comes back with why.
 *
 * A notice covers at most `maxTargetsPerNotice` targets (when the input says so): a warrant of 2,000 domains at
 * one registry is eight orders of 250, each its own notice (`…/registry-verisign-part-2-of-8`). One notice of
 * 2,000 carried a XARF report per domain (1.3 MB per send, over Temporal's 512 KB warning, and a mail of 2,000
 * parts that mail parsers refuse), and grew with its case.
 */

/** The most targets one notice covers since 'notice-parts' (workflows/notice/case-notices.ts asks). */
export const maxTargetsPerNotice = 250;

/** `items` in consecutive parts of at most `max`, each with its notice ID: the base alone when one part does. */
export function noticeParts<T>(baseId: string, items: readonly T[], max = Infinity): { noticeId: string; items: T[] }[] {
  const size = Math.max(1, Math.min(max, items.length));
  const count = Math.max(1, Math.ceil(items.length / size));
  if (count === 1) return [{ noticeId: baseId, items: [...items] }];
  return Array.from({ length: count }, (_, i) => ({ noticeId: noticeIds.part(baseId, i + 1, count), items: items.slice(i * size, (i + 1) * size) }));
}

/** A platform that takes requests only through its portal: the agent submits there and records it. */
export interface PortalTask {
  noticeId: string;
  platform: string;
  portalUrl: string;
  covers: string[];
  context: WorkflowNoticeContext<'platform-request'>;
}

export interface WarrantNoticePlan {
  notices: PlannedNotice[];
  unaddressed: Unaddressed[];
  portalTasks: PortalTask[];
}

export function planWarrantNotices(plain: WarrantNoticeInput): WarrantNoticePlan {
  const input = { ...plain, facts: targetFacts(plain.pkg) };
  const { pkg, warrant, directory } = input;
  const plan: WarrantNoticePlan = { notices: [], unaddressed: [], portalTasks: [] };
  const byKey = new Map(input.targets.map((t) => [t.key, t]));
  const covered: PlanTarget[] = [];
  for (const key of warrant.warrant.covers) {
    const target = byKey.get(key);
    if (target) covered.push(target);
    else plan.unaddressed.push({ key, notice: 'registry-order', code: 'NOT_IN_CASE', reason: `the warrant names ${key}, which is not a target of case ${pkg.caseId}` });
  }
  const domains = covered.filter((t): t is PlanTarget & { target: DomainTarget } => t.target.kind === 'domain');
  for (const t of covered.filter((c) => c.target.kind === 'hosted')) {
    plan.unaddressed.push({ key: t.key, notice: 'registry-order', code: 'HOSTED_NOT_SEIZED', reason: `${t.key} is on a shared-hosting suffix: it is taken down at the host, never seized at the registry` });
  }

  // 1. One seizure order per registry: the registry executes the seizure, whoever the registrar is. A registry
  //    abroad is not bound by a US warrant: its domains go to the partner agency that reaches it (1b).
  const registryOrders = new Map<string, { registry: RegistryContact; targets: typeof domains }>();
  const abroad = new Map<string, { registry: RegistryContact; targets: typeof domains }>();
  for (const t of domains) {
    const registry = registryFor(directory.registries, t.target.domain);
    if (!registry) { plan.unaddressed.push({ key: t.key, notice: 'registry-order', code: 'NO_REGISTRY_CONTACT', reason: `no registry contact is configured for .${t.target.tld} (TAKEDOWN_REGISTRY_CONTACTS)` }); continue; }
    const groups = isForeignRegistry(registry) ? abroad : registryOrders;
    const group = groups.get(registry.id) ?? { registry, targets: [] };
    group.targets.push(t);
    groups.set(registry.id, group);
  }
  const perNotice = input.maxTargetsPerNotice;
  // What a seizure at a registry asks for, served on it (1) or asked of a partner abroad (1b).
  const seizureOrder = { nameservers: directory.seizureNameservers, statuses: [...registryLockStatuses] as [...typeof registryLockStatuses] };
  const measures = (targets: typeof domains) => ({
    domains: targets.map((t) => ({ ...domainLine(t.target), registrar: t.registration?.registrar.name ?? 'not known (lookup incomplete)', currentNameservers: t.registration?.nameservers ?? [] })),
    warrant: { ...warrantFacts(warrant), documentRef: warrant.warrant.documentRef },
    seizure: seizureOrder,
  });
  const orderIdOf = new Map<string, string>();
  const orders = [...registryOrders.values()].flatMap(({ registry, targets: all }) => noticeParts(noticeIds.registryOrder(pkg.caseId, warrant.warrantId, registry.id), all, perNotice).map((part) => ({ registry, ...part })));
  for (const { registry, noticeId, items: targets } of orders) {
    for (const t of targets) orderIdOf.set(t.key, noticeId);
    const executeWithin = registry.executeWithinHours ? `${registry.executeWithinHours}h` : input.settings.registryExecutionWithin;
    const context: WorkflowNoticeContext<'registry-order'> = {
      case: caseFacts(pkg),
      registry: { name: registry.name, legalEntity: registry.legalEntity },
      ...measures(targets),
      executeWithinHours: hoursOf(executeWithin),
    };
    plan.notices.push({
      request: request(input, noticeId, 'registry-order', [registry.email], context, targets, { action: 'registry_seizure', discloseWarrant: true, seizure: seizureOrder }),
      followUp: { requires: 'actioned', ackWithin: executeWithin, ladder: [coordinatorLevel] },
    });
  }

  // 1b. One request per partner agency and registry abroad: the partner has the registry act under its own law
  //     and confirms; the domains wait for that confirmation before verification (workflows/domain-seizure/domain-seizure.ts).
  for (const { registry, targets: all } of abroad.values()) {
    const partner = (directory.partners ?? []).find((p) => p.id === registry.partner);
    if (!partner) {
      for (const t of all) plan.unaddressed.push({ key: t.key, notice: 'partner-request', code: 'NO_PARTNER_CONTACT', reason: `${registry.name} is under ${registry.jurisdiction} jurisdiction and no partner agency is configured to reach it (TAKEDOWN_REGISTRY_CONTACTS, "partners")` });
      continue;
    }
    for (const { noticeId, items: targets } of noticeParts(noticeIds.partnerRequest(pkg.caseId, warrant.warrantId, partner.id, registry.id), all, perNotice)) {
      const context: WorkflowNoticeContext<'partner-request'> = {
        case: caseFacts(pkg),
        partner: { name: partner.name, legalEntity: partner.legalEntity },
        registry: { name: registry.name, legalEntity: registry.legalEntity, jurisdiction: registry.jurisdiction! },
        ...measures(targets),
        answerWithinHours: partner.answerWithinHours,
      };
      plan.notices.push({
        request: request(input, noticeId, 'partner-request', [partner.email], context, targets, { action: 'partner_request', discloseWarrant: true, seizure: seizureOrder }),
        followUp: { requires: 'actioned', ackWithin: `${partner.answerWithinHours}h`, ladder: [coordinatorLevel] },
      });
    }
  }

  // 2. One notice per registrar (RAA §3.18): the full notice, or a courtesy notice under a sealed warrant. A domain
  //    whose registry is abroad is left to the partner agency: its registrar is not served a US warrant either.
  const byRegistrar = new Map<string, typeof domains>();
  const viaPartner = new Set([...abroad.values()].flatMap((g) => g.targets.map((t) => t.key)));
  for (const t of domains.filter((d) => !viaPartner.has(d.key))) {
    const registrar = t.registration?.registrar;
    if (!registrar) { plan.unaddressed.push({ key: t.key, notice: 'registrar-notice', code: 'NO_REGISTRATION', reason: `${t.key} has no registration record yet, so its registrar is not known` }); continue; }
    if (!registrar.abuseEmail) {
      // A published contact that is not one address was dropped at lookup (lib/lookup/abuse-contact.ts): say so.
      const reason = registrar.abuseEmailRefused
        ? `${registrar.name} published an abuse contact for ${t.key} that is not one e-mail address (${registrar.abuseEmailRefused}); the registrar notice cannot be sent until an agent enters the right address`
        : `${registrar.name} published no abuse contact for ${t.key}; the registrar notice cannot be sent`;
      plan.unaddressed.push({ key: t.key, notice: 'registrar-notice', code: 'NO_ABUSE_CONTACT', reason });
      continue;
    }
    const key = registrar.ianaId ?? registrar.name;
    byRegistrar.set(key, [...(byRegistrar.get(key) ?? []), t]);
  }
  const sealed = warrant.warrant.sealed;
  const registrarNotices = [...byRegistrar].flatMap(([registrarKey, all]) => noticeParts(noticeIds.registrarNotice(pkg.caseId, warrant.warrantId, registrarKey), all, perNotice));
  for (const { noticeId, items: targets } of registrarNotices) {
    const registrar = targets[0]!.registration!.registrar;
    const reviewWithinHours = hoursOf(input.settings.registrarAckWithin);
    const base = { case: caseFacts(pkg), registrar: { name: registrar.name, ianaId: registrar.ianaId }, domains: targets.map((t) => domainLine(t.target)), reviewWithinHours };
    const registries = unique(targets.map((t) => registryFor(directory.registries, t.target.domain)).filter((r): r is RegistryContact => r !== undefined).map((r) => r.id)).map((id) => registryOrders.get(id)!.registry);
    const followUp: FollowUpPlan = {
      requires: 'received',
      ackWithin: input.settings.registrarAckWithin,
      ladder: [
        ...(registries.length > 0 ? [{ level: 'registry' as const, parties: escalationToRegistries(targets, orders) }] : []),
        coordinatorLevel,
      ],
    };
    const to = [registrar.abuseEmail!];
    plan.notices.push({
      request: sealed
        ? request(input, noticeId, 'registrar-courtesy', to, { ...base, registry: { name: registries.map((r) => r.name).join(', ') || 'the registry' } }, targets, { action: 'registrar_courtesy', discloseWarrant: false })
        : request(input, noticeId, 'registrar-notice', to, { ...base, warrant: warrantFacts(warrant) }, targets, { action: 'registrar_notice', discloseWarrant: true }),
      followUp,
    });
  }

  // 3. One request per platform for its profiles; portal-only platforms become a task for the agent.
  const profiles = covered.filter((t): t is PlanTarget & { target: ProfileTarget } => t.target.kind === 'profile');
  const byPlatform = new Map<string, { contact: PlatformContact; targets: typeof profiles }>();
  for (const t of profiles) {
    const contact = directory.platforms.find((p) => p.platform === t.target.platform);
    if (!contact) { plan.unaddressed.push({ key: t.key, notice: 'platform-request', code: 'NO_PLATFORM_CONTACT', reason: `no law-enforcement channel is configured for ${t.target.platform} (TAKEDOWN_PLATFORM_CONTACTS)` }); continue; }
    const group = byPlatform.get(contact.platform) ?? { contact, targets: [] };
    group.targets.push(t);
    byPlatform.set(contact.platform, group);
  }
  const platformNotices = [...byPlatform.values()].flatMap(({ contact, targets: all }) => noticeParts(noticeIds.platformRequest(pkg.caseId, warrant.warrantId, contact.platform), all, perNotice).map((part) => ({ contact, ...part })));
  for (const { contact, noticeId, items: targets } of platformNotices) {
    const preservation = { requested: pkg.requestedActions.includes('preservation') && contact.acceptsPreservation, statute: '18 U.S.C. § 2703(f)', days: 90 };
    // Platforms answer on their own clock (platformResponseWithin), not the registry's.
    const platformClock = input.settings.platformResponseWithin ?? input.settings.registryExecutionWithin;
    const context: WorkflowNoticeContext<'platform-request'> = {
      case: caseFacts(pkg),
      platform: { name: contact.name, legalEntity: contact.legalEntity },
      profiles: targets.map((t) => ({ handle: t.target.handle, url: t.target.url, permanentId: t.target.permanentId })),
      warrant: warrantFacts(warrant),
      preservation,
      nonDisclosure: pkg.nonDisclosure || sealed,
      respondWithinHours: hoursOf(platformClock),
    };
    if (contact.channel === 'portal') { plan.portalTasks.push({ noticeId, platform: contact.name, portalUrl: contact.portalUrl!, covers: targets.map((t) => t.key), context }); continue; }
    plan.notices.push({
      request: request(input, noticeId, 'platform-request', [contact.email!], context, targets, { action: 'profile_takedown', discloseWarrant: !sealed, preservation }),
      followUp: { requires: 'received', ackWithin: platformClock, ladder: [coordinatorLevel] },
    });
  }

  // 4. One notice per payment processor that took the covered targets' payments (the undercover purchases say which).
  const payments = planPaymentNotices({ ...plain, merchants: merchantsOf(pkg).filter((m) => covered.some((t) => t.key === m.target)) });
  plan.notices.push(...payments.notices);
  plan.unaddressed.push(...payments.unaddressed);
  return plan;
}

/**
 * Who a registrar's unanswered notice escalates to: each registry order (or part of one) that covers some of its
 * domains, for those domains.
 */
function escalationToRegistries(targets: readonly PlanTarget[], orders: readonly { registry: RegistryContact; noticeId: string; items: readonly PlanTarget[] }[]) {
  const keys = new Set(targets.map((t) => t.key));
  return orders.flatMap(({ registry: r, noticeId, items }) => {
    const covers = items.filter((t) => keys.has(t.key)).map((t) => t.key);
    return covers.length > 0 ? [{ to: [r.email], name: r.name, legalEntity: r.legalEntity, covers, registryOrderId: noticeId }] : [];
  });
}

/** The registry order that covers each domain of a plan (for each target's timeline). */
export function coveringOrders(plan: WarrantNoticePlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { request: r } of plan.notices) if (r.kind === 'registry-order') for (const key of r.covers) out[key] = r.noticeId;
  return out;
}
