import type { CasePackage } from './case-package';
import type { NoticeRequest, WorkflowNoticeContext } from './notice-contexts';
import type { TargetCaseFacts } from './messages';
import type { CaseTargetEntry, WarrantRecord } from './records';
import { targetKey } from './ids';
import { registryLockStatuses } from './registration';
import { registryFor, type NoticeDirectory, type PlatformContact, type RegistryContact } from './registries';
import { durationMs, type CaseSettings, type Duration } from './settings';
import { normalizeTarget } from './targets/normalize';
import type { DomainTarget, ProfileTarget } from './targets/types';
import type { EvidenceRef, XarfRequest, XarfSubject } from './xarf';

/**
 * Pure planning of the notices a warrant calls for (no I/O: it runs inside the case workflow and in unit
 * tests). A registry gets one seizure order per warrant listing every domain of the warrant in its zones;
 * a registrar gets one notice per warrant covering its domains (a courtesy notice when the warrant is
 * sealed); a platform one request per warrant covering its profiles. Notice IDs are deterministic, so a
 * replayed or retried plan names the same notices. Whatever cannot be addressed comes back with why.
 */
export interface PlanTarget extends Pick<CaseTargetEntry, 'key' | 'target' | 'registration'> {
  /** The target's evidence snapshots, cited (by SHA-256) in the XARF copy. */
  evidence?: EvidenceRef[];
}

export interface WarrantNoticeInput {
  caseWorkflowId: string;
  pkg: CasePackage;
  warrant: WarrantRecord;
  /** The case's targets; those the warrant does not cover are ignored. */
  targets: PlanTarget[];
  directory: NoticeDirectory;
  settings: Pick<CaseSettings, 'registrarAckWithin' | 'registryExecutionWithin'> & Partial<Pick<CaseSettings, 'platformResponseWithin'>>;
  createdAt: string;
}

/** One rung of an escalation ladder: who is told next when a notice goes unanswered. */
export interface EscalationParty {
  to: string[];
  name: string;
  legalEntity?: string;
  /** Targets of the original notice this party is asked about. */
  covers: string[];
  /** For a registry rung: the order it received for these domains. */
  registryOrderId?: string;
}
export interface EscalationLevel {
  level: 'registry' | 'coordinator';
  parties: EscalationParty[];
}

/** How a notice is followed up: what answer counts, by when, and the ladder after one re-notification. */
export interface FollowUpPlan {
  requires: 'received' | 'actioned';
  ackWithin: Duration;
  ladder: EscalationLevel[];
}

export interface PlannedNotice {
  request: NoticeRequest;
  followUp: FollowUpPlan;
}

export type UnaddressedCode = 'NOT_IN_CASE' | 'NO_REGISTRATION' | 'NO_REGISTRY_CONTACT' | 'NO_ABUSE_CONTACT' | 'NO_PLATFORM_CONTACT' | 'NO_PAYMENT_CONTACT' | 'HOSTED_NOT_SEIZED';
export interface Unaddressed {
  key: string;
  /** Which notice could not be addressed: the registry order, the registrar notice, the platform request, the payment notice. */
  notice: 'registry-order' | 'registrar-notice' | 'platform-request' | 'payment-notice';
  code: UnaddressedCode;
  reason: string;
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

const coordinatorLevel: EscalationLevel = { level: 'coordinator', parties: [{ to: ['role:coordinator'], name: 'Coordinator', covers: [] }] };
/** Platforms and payment processors get the registry's clock unless the case says otherwise. */
const hoursOf = (d: Duration) => Math.max(1, Math.round(durationMs(d) / 3_600_000));

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

  // 1. One seizure order per registry: the registry executes the seizure, whoever the registrar is.
  const registryOrders = new Map<string, { registry: RegistryContact; targets: typeof domains }>();
  for (const t of domains) {
    const registry = registryFor(directory.registries, t.target.domain);
    if (!registry) { plan.unaddressed.push({ key: t.key, notice: 'registry-order', code: 'NO_REGISTRY_CONTACT', reason: `no registry contact is configured for .${t.target.tld} (TAKEDOWN_REGISTRY_CONTACTS)` }); continue; }
    const group = registryOrders.get(registry.id) ?? { registry, targets: [] };
    group.targets.push(t);
    registryOrders.set(registry.id, group);
  }
  const orderIdOf = new Map<string, string>();
  for (const { registry, targets } of registryOrders.values()) {
    const noticeId = `${pkg.caseId}/${warrant.warrantId}/registry-${registry.id}`;
    for (const t of targets) orderIdOf.set(t.key, noticeId);
    const executeWithin = registry.executeWithinHours ? `${registry.executeWithinHours}h` : input.settings.registryExecutionWithin;
    const context: WorkflowNoticeContext<'registry-order'> = {
      case: caseFacts(pkg),
      registry: { name: registry.name, legalEntity: registry.legalEntity },
      domains: targets.map((t) => ({ ...domainLine(t.target), registrar: t.registration?.registrar.name ?? 'not known (lookup incomplete)', currentNameservers: t.registration?.nameservers ?? [] })),
      warrant: { ...warrantFacts(warrant), documentRef: warrant.warrant.documentRef },
      seizure: { nameservers: directory.seizureNameservers, statuses: [...registryLockStatuses] },
      executeWithinHours: hoursOf(executeWithin),
    };
    plan.notices.push({
      request: request(input, noticeId, 'registry-order', [registry.email], context, targets, { action: 'registry_seizure', discloseWarrant: true, seizure: { nameservers: directory.seizureNameservers, statuses: [...registryLockStatuses] } }),
      followUp: { requires: 'actioned', ackWithin: executeWithin, ladder: [coordinatorLevel] },
    });
  }

  // 2. One notice per registrar (RAA §3.18): the full notice, or a courtesy notice under a sealed warrant.
  const byRegistrar = new Map<string, typeof domains>();
  for (const t of domains) {
    const registrar = t.registration?.registrar;
    if (!registrar) { plan.unaddressed.push({ key: t.key, notice: 'registrar-notice', code: 'NO_REGISTRATION', reason: `${t.key} has no registration record yet, so its registrar is not known` }); continue; }
    if (!registrar.abuseEmail) { plan.unaddressed.push({ key: t.key, notice: 'registrar-notice', code: 'NO_ABUSE_CONTACT', reason: `${registrar.name} published no abuse contact for ${t.key}; the registrar notice cannot be sent` }); continue; }
    const key = registrar.ianaId ?? registrar.name;
    byRegistrar.set(key, [...(byRegistrar.get(key) ?? []), t]);
  }
  const sealed = warrant.warrant.sealed;
  for (const [registrarKey, targets] of byRegistrar) {
    const registrar = targets[0]!.registration!.registrar;
    const noticeId = `${pkg.caseId}/${warrant.warrantId}/registrar-${slug(registrarKey)}`;
    const reviewWithinHours = hoursOf(input.settings.registrarAckWithin);
    const base = { case: caseFacts(pkg), registrar: { name: registrar.name, ianaId: registrar.ianaId }, domains: targets.map((t) => domainLine(t.target)), reviewWithinHours };
    const registries = unique(targets.map((t) => registryFor(directory.registries, t.target.domain)).filter((r): r is RegistryContact => r !== undefined).map((r) => r.id)).map((id) => registryOrders.get(id)!.registry);
    const followUp: FollowUpPlan = {
      requires: 'received',
      ackWithin: input.settings.registrarAckWithin,
      ladder: [
        ...(registries.length > 0 ? [{ level: 'registry' as const, parties: registries.map((r) => ({ to: [r.email], name: r.name, legalEntity: r.legalEntity, covers: targets.filter((t) => registryFor(directory.registries, t.target.domain)?.id === r.id).map((t) => t.key), registryOrderId: `${pkg.caseId}/${warrant.warrantId}/registry-${r.id}` })) }] : []),
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
  for (const { contact, targets } of byPlatform.values()) {
    const noticeId = `${pkg.caseId}/${warrant.warrantId}/platform-${contact.platform}`;
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

/** The registry order that covers each domain of a plan (for each target's timeline). */
export function coveringOrders(plan: WarrantNoticePlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { request: r } of plan.notices) if (r.kind === 'registry-order') for (const key of r.covers) out[key] = r.noticeId;
  return out;
}

// ---- releases and payment processors

export interface ReleaseInput extends Omit<WarrantNoticeInput, 'settings' | 'pkg'> {
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
      originalOrderId: `${facts.caseId}/${warrant.warrantId}/registry-${registry.id}`,
      reason: input.reason,
      authorizedBy: input.authorizedBy,
      statusesToRemove: [...registryLockStatuses],
    };
    out.notices.push({
      request: request(input, `${facts.caseId}/${warrant.warrantId}/release-${slug(input.releaseId)}-${registry.id}`, 'registry-release', [registry.email], context, targets, { action: 'registry_release', discloseWarrant: true }),
      followUp: { requires: 'actioned', ackWithin: input.settings.registryExecutionWithin, ladder: [coordinatorLevel] },
    });
  }
  return out;
}

/** Which processor takes a target's payments, as the investigation found (e.g. from an undercover purchase). */
export interface PaymentMerchant {
  processorId: string;
  target: string;
  merchantId?: string;
  descriptor?: string;
}

/** The merchant accounts the case's undercover purchases were paid to, keyed by the target as the case lists it. */
export function merchantsOf(pkg: CasePackage): PaymentMerchant[] {
  const merchants = new Map<string, PaymentMerchant>();
  for (const purchase of pkg.evidence.undercoverPurchases) {
    if (!purchase.payment) continue;
    const normalized = normalizeTarget(purchase.target);
    const merchant: PaymentMerchant = { processorId: purchase.payment.processor, target: normalized.ok ? targetKey(normalized.target) : purchase.target, merchantId: purchase.payment.merchantId, descriptor: purchase.payment.descriptor };
    merchants.set([merchant.processorId, merchant.target, merchant.merchantId, merchant.descriptor].join('\u0000'), merchant);
  }
  return [...merchants.values()];
}

/** One notice per payment processor under a warrant: end the merchant accounts, keep the records. */
export function planPaymentNotices(plain: WarrantNoticeInput & { merchants: PaymentMerchant[] }): { notices: PlannedNotice[]; unaddressed: Unaddressed[] } {
  const input = { ...plain, facts: targetFacts(plain.pkg) };
  const { pkg, warrant } = input;
  const out = { notices: [] as PlannedNotice[], unaddressed: [] as Unaddressed[] };
  for (const processorId of unique(input.merchants.map((m) => m.processorId))) {
    const merchants = input.merchants.filter((m) => m.processorId === processorId);
    const processor = input.directory.paymentProcessors.find((p) => p.id === processorId);
    if (!processor) { for (const m of merchants) out.unaddressed.push({ key: m.target, notice: 'payment-notice', code: 'NO_PAYMENT_CONTACT', reason: `no contact is configured for payment processor "${processorId}" (TAKEDOWN_PLATFORM_CONTACTS)` }); continue; }
    const targets = merchants.map((m) => input.targets.find((t) => t.key === m.target)).filter((t): t is PlanTarget => t !== undefined);
    const context: WorkflowNoticeContext<'payment-notice'> = {
      case: caseFacts(pkg),
      processor: { name: processor.name, legalEntity: processor.legalEntity },
      merchants: merchants.map((m) => ({ target: m.target, merchantId: m.merchantId, descriptor: m.descriptor })),
      warrant: warrantFacts(warrant),
      respondWithinHours: hoursOf(input.settings.registryExecutionWithin),
    };
    const planned = request(input, `${pkg.caseId}/${warrant.warrantId}/payment-${processor.id}`, 'payment-notice', [processor.email], context, targets, { action: 'merchant_termination', discloseWarrant: !warrant.warrant.sealed });
    out.notices.push({ request: { ...planned, covers: merchants.map((m) => m.target) }, followUp: { requires: 'received', ackWithin: input.settings.registryExecutionWithin, ladder: [coordinatorLevel] } });
  }
  return out;
}

// ---- shared pieces

/** What every notice states about its case, from the package or from the facts a target was given. */
export function caseFacts(source: Pick<TargetCaseFacts, 'caseId' | 'title' | 'offence' | 'statutes' | 'contact' | 'nonDisclosure'>): WorkflowNoticeContext<'registrar-notice'>['case'] {
  return { caseId: source.caseId, title: source.title, offence: source.offence, statutes: source.statutes, contact: source.contact, nonDisclosure: source.nonDisclosure };
}

/** The case facts a target carries, so it (or its custody) can send notices after the case has moved on. */
export function targetFacts(pkg: CasePackage): TargetCaseFacts {
  return { ...caseFacts(pkg), requestedActions: pkg.requestedActions, rightsHolders: [...new Set(pkg.evidence.rightsHolderConfirmations.map((c) => c.rightsHolder))] };
}

export function warrantFacts(warrant: WarrantRecord): WorkflowNoticeContext<'registrar-notice'>['warrant'] {
  const w = warrant.warrant;
  return { court: w.court, judge: w.judge, docket: w.docket, issuedOn: w.issuedOn, statutes: w.statutes, sealed: w.sealed };
}

function domainLine(target: DomainTarget): { domain: string; unicode: string } {
  return { domain: target.domain, unicode: target.unicode };
}

/** The XARF subject of a target: its URL (the evidence's first URL when there is one) and evidence. */
export function xarfSubject(t: PlanTarget): XarfSubject {
  const evidence = t.evidence ?? [];
  if (t.target.kind === 'profile') return { key: t.key, url: t.target.url, platform: t.target.platform, handle: t.target.handle, permanentId: t.target.permanentId, evidence };
  return { key: t.key, url: evidence[0]?.url ?? `https://${t.target.domain}/`, domain: t.target.domain, evidence };
}

/** What the XARF copy states beyond the targets: the action, and whether the warrant is shown. */
type XarfFacts = { action: XarfRequest['action']; discloseWarrant: boolean; seizure?: XarfRequest['seizure']; preservation?: XarfRequest['preservation'] };

function request<T extends NoticeRequest['template']>(
  input: Pick<WarrantNoticeInput, 'caseWorkflowId' | 'warrant' | 'createdAt'> & { facts: TargetCaseFacts }, noticeId: string, template: T, to: string[],
  context: WorkflowNoticeContext<T>, targets: PlanTarget[], facts: XarfFacts,
): NoticeRequest {
  const { facts: kase, warrant } = input;
  const w = warrant.warrant;
  const xarf: XarfRequest = {
    action: facts.action, caseId: kase.caseId, subjects: targets.map(xarfSubject), sealed: w.sealed, nonDisclosure: kase.nonDisclosure || w.sealed,
    warrant: facts.discloseWarrant ? { court: w.court, judge: w.judge, docket: w.docket, issuedOn: w.issuedOn, statutes: w.statutes, documentRef: w.documentRef } : undefined,
    seizure: facts.seizure, preservation: facts.preservation,
    // Histories from before rightsHolders was carried lack it.
    brand: (kase.rightsHolders ?? []).join(', ') || undefined,
  };
  return { workflowId: input.caseWorkflowId, noticeId, kind: template, template, to, context: context as NoticeRequest['context'], covers: targets.map((t) => t.key), createdAt: input.createdAt, xarf };
}

export function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
