import { z } from 'zod';
import type { Role } from './actors';
import { TakedownError } from './errors';
import { workflowIds, targetKey } from './ids';
import { normalizeTarget } from './targets';

/**
 * Leads (issue 16): a report that something should be looked at. A banner tip, a referral from an
 * industry partner (rights holder, platform, payment processor) or an agent's own finding; it names
 * domains, profile links, payment accounts and free text, refers to attachments, and moves through
 * `NEW → TRIAGED → (ACTIONED | DISSEMINATED | DECLINED | DUPLICATE)`, each change with who and when.
 *
 * Pure: the rules, the shapes and the reading of free text. The store is src/api/leads/store.ts.
 */

/** Who submits leads: agents (their own findings), coordinators and supervisors, and industry partners. */
export const leadSubmitterRoles: readonly Role[] = ['agent', 'coordinator', 'supervisor', 'partner'];
/** Who triages a lead, turns it into targets or closes it: those who open cases or add targets to them. */
export const leadTriagerRoles: readonly Role[] = ['agent', 'coordinator', 'supervisor'];

export const leadStates = ['NEW', 'TRIAGED', 'ACTIONED', 'DISSEMINATED', 'DECLINED', 'DUPLICATE'] as const;
export type LeadState = (typeof leadStates)[number];

export const leadSources = ['banner', 'partner', 'agent'] as const;
export type LeadSource = (typeof leadSources)[number];

/** Where each state may go; the ends go nowhere. */
export const leadTransitions: Record<LeadState, readonly LeadState[]> = {
  NEW: ['TRIAGED'],
  TRIAGED: ['ACTIONED', 'DISSEMINATED', 'DECLINED', 'DUPLICATE'],
  ACTIONED: [],
  DISSEMINATED: [],
  DECLINED: [],
  DUPLICATE: [],
};

/**
 * The states a person sets by hand (ACTIONED comes with the targets it makes, TRIAGED with triage, DISSEMINATED
 * with its dissemination notice: the strategy counts disseminations by their notices and outcomes).
 */
export const closingStates = ['DECLINED', 'DUPLICATE'] as const;

/** Refuses a transition the state machine does not have, naming where the lead may go from where it is. */
export function requireTransition(leadId: string, from: LeadState, to: LeadState): void {
  const allowed = leadTransitions[from];
  if (allowed.includes(to)) return;
  const next = allowed.length ? `from ${from} it may go to ${allowed.join(' or ')}` : `${from} is final`;
  const hint = from === 'NEW' && to !== 'TRIAGED' ? '; triage it first' : '';
  throw new TakedownError('WRONG_STATE', `lead ${leadId} cannot go from ${from} to ${to}: ${next}${hint}`, { state: [`${from} → ${to} is not allowed; ${next}`] });
}

/** What a lead names, as the reporter gave it. */
export const namedKinds = ['domain', 'profile', 'payment', 'text'] as const;
export type NamedKind = (typeof namedKinds)[number];

/** An attachment by reference: where it is and how to check it, never its bytes. */
export const attachmentSchema = z.object({
  name: z.string().min(1, 'name the attachment').max(200),
  url: z.httpUrl({ error: 'an http(s) link to where the attachment is kept' }).max(2048).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'a SHA-256 as 64 lower-case hex digits' }).optional(),
  mediaType: z.string().max(100).optional(),
}).refine((a) => a.url !== undefined || a.sha256 !== undefined, { error: 'an attachment needs a url or a sha256 to find it by', path: ['url'] });
export type LeadAttachment = z.infer<typeof attachmentSchema>;

const item = z.string().trim().min(1, 'empty entries are not accepted').max(2048);
const lead = { max: 200 };

/** A payment account as a partner names it: the processor and the merchant account or descriptor. */
export const paymentAccountSchema = z.object({
  processor: z.string().min(2).max(60),
  account: z.string().min(1, 'the merchant ID, account or statement descriptor').max(200),
});
export type PaymentAccount = z.infer<typeof paymentAccountSchema>;

/** A lead as it is submitted (the source and the submitter come from the sign-in, never the body). */
export const leadSubmissionSchema = z.object({
  summary: z.string().trim().min(3, 'say in a few words what the lead is about').max(300),
  domains: z.array(item).max(lead.max, `at most ${lead.max} domains per lead`).default([]),
  profiles: z.array(item).max(lead.max, `at most ${lead.max} profiles per lead`).default([]),
  paymentAccounts: z.array(paymentAccountSchema).max(lead.max).default([]),
  text: z.string().max(8000).default(''),
  attachments: z.array(attachmentSchema).max(20, 'at most 20 attachments per lead').default([]),
  /** The reporter's own reference (a ticket, a XARF ReportID), shown beside ours. */
  reference: z.string().trim().min(1).max(200).optional(),
}).refine((l) => l.domains.length + l.profiles.length + l.paymentAccounts.length > 0 || l.text.trim().length > 0, {
  error: 'name at least one domain, profile or payment account, or say what you know in text', path: ['domains'],
});
export type LeadSubmission = z.output<typeof leadSubmissionSchema>;
export type LeadSubmissionInput = z.input<typeof leadSubmissionSchema>;

/** One thing a lead names, with what triage made of it. */
export interface NamedItem {
  kind: NamedKind;
  /** As the reporter gave it. */
  input: string;
  /** After normalisation (the target's key: a domain, or platform:handle); absent for text and refused items. */
  key?: string;
  workflowId?: string;
  targetKind?: 'domain' | 'hosted' | 'profile';
  /** Why normalisation refused it. */
  refused?: string;
}

/**
 * A named item as triage normalises it: the same normalisation every case uses (domain/targets), so the
 * key and workflow ID are the ones a target of that name has. A domain given as a profile link (or the
 * other way round) is taken for what it is.
 */
export function normalizeNamed(kind: NamedKind, input: string): NamedItem {
  if (kind === 'payment' || kind === 'text') return { kind, input };
  const result = normalizeTarget(input);
  if (!result.ok) return { kind, input, refused: result.error.message };
  const target = result.target;
  return { kind: target.kind === 'profile' ? 'profile' : 'domain', input, key: targetKey(target), workflowId: workflowIds.target(target), targetKind: target.kind };
}

/** Something in free text that looks like a web link or a domain name (`shop-a.com`, `https://x.com/seller`). */
const candidatePattern = /\bhttps?:\/\/[^\s<>"')\]]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\b/gi;

/**
 * The domains and profile links a free text names (a banner tip is only text): each candidate normalised,
 * the ones that are targets kept once each. What cannot be read stays in the text: nothing is lost.
 */
export function namesInText(text: string): { domains: string[]; profiles: string[] } {
  const domains = new Map<string, string>();
  const profiles = new Map<string, string>();
  for (const match of text.matchAll(candidatePattern)) {
    const candidate = match[0].replace(/[.,;:!?]+$/, '');
    const result = normalizeTarget(candidate);
    if (!result.ok) continue;
    const key = targetKey(result.target);
    if (result.target.kind === 'profile') { if (!profiles.has(key)) profiles.set(key, candidate); } else if (!domains.has(key)) domains.set(key, candidate);
  }
  return { domains: [...domains.values()], profiles: [...profiles.values()] };
}

/** What deconfliction found for one target named by a lead. */
export const findingStatuses = ['new', 'active', 'seized', 'past', 'refused', 'not-a-target', 'named-elsewhere'] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export interface Finding extends NamedItem {
  status: FindingStatus;
  /** A payment account named by other leads or by cases' undercover purchases too (deconfliction of accounts). */
  alsoNamedBy?: PaymentMatches;
  caseId?: string;
  stage?: string;
  /** In words, for people: "already seized in case X", "active in case Y (LEGAL_REVIEW)". */
  note: string;
}

/** Who holds a target's workflow ID, as the engine describes it (lib/active-case.ts). */
export interface Holder {
  running: boolean;
  caseId?: string;
  stage?: string;
  /** A custody record exists for the domain (it was seized, the target's own workflow may be gone). */
  inCustody?: { caseId?: string; stage?: string };
}

/** The stages at which a domain has been seized (in custody or past it). */
const seizedStages = new Set(['SEIZED', 'FORFEITED', 'RELEASING', 'RELEASED', 'REMOVED']);

/** Deconfliction of one normalised item against the engine's record of every active and past target. */
export function classify(item: NamedItem, holder: Holder | undefined): Finding {
  if (item.refused) return { ...item, status: 'refused', note: `not a target: ${item.refused}` };
  if (!item.workflowId) return { ...item, status: 'not-a-target', note: item.kind === 'payment' ? 'a payment account: disseminate it to its processor' : 'free text' };
  const custody = holder?.inCustody;
  if (holder?.stage && seizedStages.has(holder.stage)) {
    const verb = holder.stage === 'REMOVED' ? 'already removed' : 'already seized';
    return { ...item, status: 'seized', caseId: holder.caseId, stage: holder.stage, note: `${verb} in case ${holder.caseId ?? '(unknown)'} (${holder.stage})` };
  }
  if (holder?.running) return { ...item, status: 'active', caseId: holder.caseId, stage: holder.stage, note: `active in case ${holder.caseId ?? '(unknown)'}${holder.stage ? ` (${holder.stage})` : ''}` };
  if (custody) return { ...item, status: 'seized', caseId: custody.caseId, stage: custody.stage, note: `already seized in case ${custody.caseId ?? '(unknown)'}${custody.stage ? ` (custody ${custody.stage})` : ''}` };
  if (holder?.caseId) return { ...item, status: 'past', caseId: holder.caseId, stage: holder.stage, note: `a past target of case ${holder.caseId}${holder.stage ? ` (ended ${holder.stage})` : ''}` };
  return { ...item, status: 'new', note: 'new: in no active or past case' };
}

/** Where else a payment account is named: other leads, and cases whose undercover purchases were paid to it. */
export interface PaymentMatches {
  leads: string[];
  cases: { caseId: string; target: string }[];
}

/**
 * Deconfliction of a payment account: not a target (it is disseminated to its processor, or served with a warrant's
 * payment notice), but named by other leads or cases it is worth knowing before anyone acts on it twice.
 */
export function classifyPayment(item: NamedItem, matches: PaymentMatches, uncheckedCases = 0): Finding {
  const where = [...matches.leads.map((l) => `lead ${l}`), ...matches.cases.map((c) => `case ${c.caseId} (a purchase from ${c.target})`)];
  // Cases whose records did not answer were not searched: the finding says so rather than claim "nowhere else".
  const unchecked = uncheckedCases === 0 ? '' : `; ${uncheckedCases === 1 ? '1 case' : `${uncheckedCases} cases`} did not answer in time and could not be searched: triage again`;
  if (where.length === 0) return { ...item, status: 'not-a-target', note: `a payment account named nowhere else${unchecked ? `${unchecked} before disseminating it` : ': disseminate it to its processor'}` };
  return { ...item, status: 'named-elsewhere', alsoNamedBy: matches, note: `a payment account also named by ${where.join(', ')}${unchecked}` };
}

/** The findings a new case or an open case can take: targets in no case yet. */
export const actionable = (findings: readonly Finding[]) => findings.filter((f) => f.status === 'new' && f.key !== undefined);
