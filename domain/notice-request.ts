import type { CasePackage } from './case-package';
import type { NoticeRequest, WorkflowNoticeContext } from './notice-contexts';
import type { CaseTargetEntry } from './case-status';
import type { TargetWarrant, WarrantRecord } from './warrant-record';
import type { NoticeDirectory } from './registries';
import { durationMs, type Duration } from './duration';
import type { DomainTarget } from './targets/types';
import type { EvidenceRef, XarfRequest, XarfSubject } from './xarf';

/**
 * What every notice plan shares (no I/O): the planned notice and its follow-up, what could not be addressed,
 * the facts a notice states about its case and warrant, and the request with its XARF copy.
 */
export interface PlanTarget extends Pick<CaseTargetEntry, 'key' | 'target' | 'registration'> {
  /** The target's evidence snapshots, cited (by SHA-256) in the XARF copy. */
  evidence?: EvidenceRef[];
}

/** The case facts a target (or its custody) states in what it sends itself: targetFacts() below. */
export interface TargetCaseFacts {
  caseId: string;
  title: string;
  offence: string;
  statutes: string[];
  contact: { name: string; email: string; phone?: string };
  nonDisclosure: boolean;
  requestedActions: ('seizure' | 'takedown' | 'preservation')[];
  /** Whose rights the case protects (the brand in XARF copies); absent in histories from before it was carried. */
  rightsHolders?: string[];
}

export interface WarrantNoticeInput {
  caseWorkflowId: string;
  pkg: CasePackage;
  warrant: WarrantRecord;
  /** The case's targets; those the warrant does not cover are ignored. */
  targets: PlanTarget[];
  directory: NoticeDirectory;
  /**
   * The case's clocks a notice states (domain/settings.ts). Spelled out rather than picked from CaseSettings:
   * settings.ts imports the custody contract, which imports PlanTarget from here.
   */
  settings: { registrarAckWithin: Duration; registryExecutionWithin: Duration; platformResponseWithin?: Duration };
  createdAt: string;
  /** Split larger groups into notices of at most this many targets (domain/notice-plan.ts); unset: one notice per group. */
  maxTargetsPerNotice?: number;
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

export type FollowUpStepKind = 'sent' | 'recipients-refused' | 'undeliverable' | 'acknowledged' | 'settled' | 'deadline-missed' | 'renotified' | 'escalated' | 'escalation-failed' | 'unanswered';

/** One recorded step of a notice's life, with its reason: the case turns each into a timeline entry. */
export interface FollowUpStep {
  at: string;
  /** The notice followed up (the original's ID). */
  noticeId: string;
  step: FollowUpStepKind;
  /** One line for the timeline. */
  action: string;
  reason?: string;
  data?: Record<string, unknown>;
}

export type UnaddressedCode = 'NOT_IN_CASE' | 'NO_REGISTRATION' | 'NO_REGISTRY_CONTACT' | 'NO_PARTNER_CONTACT' | 'NO_ABUSE_CONTACT' | 'NO_PLATFORM_CONTACT' | 'NO_PAYMENT_CONTACT' | 'HOSTED_NOT_SEIZED';
export interface Unaddressed {
  key: string;
  /** Which notice could not be addressed: the registry order, the registrar notice, the platform request, the payment notice. */
  notice: 'registry-order' | 'partner-request' | 'registrar-notice' | 'platform-request' | 'payment-notice';
  code: UnaddressedCode;
  reason: string;
}

export const coordinatorLevel: EscalationLevel = { level: 'coordinator', parties: [{ to: ['role:coordinator'], name: 'Coordinator', covers: [] }] };
/** Platforms and payment processors get the registry's clock unless the case says otherwise. */
export const hoursOf = (d: Duration) => Math.max(1, Math.round(durationMs(d) / 3_600_000));

/** What every notice states about its case, from the package or from the facts a target was given. */
export function caseFacts(source: Pick<TargetCaseFacts, 'caseId' | 'title' | 'offence' | 'statutes' | 'contact' | 'nonDisclosure'>): WorkflowNoticeContext<'registrar-notice'>['case'] {
  return { caseId: source.caseId, title: source.title, offence: source.offence, statutes: source.statutes, contact: source.contact, nonDisclosure: source.nonDisclosure };
}

/** The case facts a target carries, so it (or its custody) can send notices after the case has moved on. */
export function targetFacts(pkg: CasePackage): TargetCaseFacts {
  return { ...caseFacts(pkg), requestedActions: pkg.requestedActions, rightsHolders: [...new Set(pkg.evidence.rightsHolderConfirmations.map((c) => c.rightsHolder))] };
}

export function warrantFacts(warrant: TargetWarrant): WorkflowNoticeContext<'registrar-notice'>['warrant'] {
  const w = warrant.warrant;
  return { court: w.court, judge: w.judge, docket: w.docket, issuedOn: w.issuedOn, statutes: w.statutes, sealed: w.sealed };
}

export function domainLine(target: DomainTarget): { domain: string; unicode: string } {
  return { domain: target.domain, unicode: target.unicode };
}

/** The XARF subject of a target: its URL (the evidence's first URL when there is one) and evidence. */
export function xarfSubject(t: PlanTarget): XarfSubject {
  const evidence = t.evidence ?? [];
  if (t.target.kind === 'profile') return { key: t.key, url: t.target.url, platform: t.target.platform, handle: t.target.handle, permanentId: t.target.permanentId, evidence };
  return { key: t.key, url: evidence[0]?.url ?? `https://${t.target.domain}/`, domain: t.target.domain, evidence };
}

/** What the XARF copy states beyond the targets: the action, and whether the warrant is shown. */
export type XarfFacts = { action: XarfRequest['action']; discloseWarrant: boolean; seizure?: XarfRequest['seizure']; preservation?: XarfRequest['preservation'] };

export function request<T extends NoticeRequest['template']>(
  input: Pick<WarrantNoticeInput, 'caseWorkflowId' | 'createdAt'> & { warrant: TargetWarrant; facts: TargetCaseFacts }, noticeId: string, template: T, to: string[],
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

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
