import { z } from 'zod';
import type { Actor } from './actors';
import { failureOf, isFailedCapture, type EvidenceFailure } from './evidence';
import { caseIdPattern } from './ids';
import { userRegions } from './platform-rules';
import type { RegistrationSummary } from './registration';
import type { EvidenceRef } from './xarf';

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** A statute as cited, e.g. `18 U.S.C. § 2320`. */
export const statuteSchema = z.string().regex(/^\d+ U\.S\.C\. § ?\d+[a-z]?(\([a-z0-9]+\))*$/, {
  error: 'must be cited as "18 U.S.C. § 2320"',
});

export const undercoverPurchaseSchema = z.object({
  date: isoDate,
  orderReference: z.string().min(1, 'order reference is required'),
  item: z.string().min(1, 'item is required'),
  /** Which target sold it (as pasted or normalised). */
  target: z.string().min(1),
  /** Who took the payment, from the card statement or the receipt: the processor is told to end the merchant account. */
  payment: z.object({
    processor: z.string().regex(/^[a-z0-9-]{2,40}$/, { error: 'a payment processor ID from the contact directory, e.g. visa, mastercard, paypal, stripe' }),
    merchantId: z.string().min(1).max(100).optional(),
    /** The statement descriptor, e.g. LUXOUTLET*ORDER. */
    descriptor: z.string().min(1).max(100).optional(),
  }).optional(),
});

export const rightsHolderConfirmationSchema = z.object({
  rightsHolder: z.string().min(1, 'rights holder is required'),
  confirmedOn: isoDate,
  reference: z.string().min(1, 'reference of the confirmation is required'),
});

export const requestedActions = ['seizure', 'takedown', 'preservation'] as const;

/**
 * The most targets one case holds. Each target is a child workflow that signals its case at every stage, so a
 * case's history grows with its targets (Temporal allows 2,000 pending children and 51,200 events per history);
 * a larger sweep is an operation (workflows/operation/operation.ts), which splits its list into cases of this size or less.
 */
export const maxTargetsPerCase = 2000;

/** What an agent submits for legal review: one package for the whole case, versioned per round. */
export const casePackageSchema = z.object({
  caseId: z.string().regex(caseIdPattern, { error: 'must be 3 to 64 letters, digits or dashes, e.g. HSI-NY-2026-0142' }),
  title: z.string().min(3, 'title is required'),
  offence: z.string().min(3, 'offence is required'),
  statutes: z.array(statuteSchema).min(1, 'cite at least one statute'),
  /** Targets as the agent pasted them; the case normalises each one. */
  targets: z.array(z.string().min(1)).min(1, 'add at least one target').max(maxTargetsPerCase, `a case holds at most ${maxTargetsPerCase} targets; start an operation for a larger sweep`),
  evidence: z.object({
    summary: z.string().min(10, 'summarise the evidence in a sentence or more'),
    undercoverPurchases: z.array(undercoverPurchaseSchema).default([]),
    rightsHolderConfirmations: z.array(rightsHolderConfirmationSchema).default([]),
    snapshotIds: z.array(z.string()).default([]),
  }),
  requestedActions: z.array(z.enum(requestedActions)).min(1, 'request at least one action'),
  /** Who to contact about the case; stated in every notice. */
  contact: z.object({ name: z.string().min(1), email: z.email(), phone: z.string().min(5).optional() }),
  operationId: z.string().regex(caseIdPattern).optional(),
  nonDisclosure: z.boolean().default(false),
  /** Where the profiles' account holders are, when known: some platforms (TikTok) take requests by the user's region. */
  userRegion: z.enum(userRegions).optional(),
});

export type CasePackage = z.infer<typeof casePackageSchema>;
export type CasePackageInput = z.input<typeof casePackageSchema>;

/** What counsel must know about a case's evidence and registrations beside the package itself. */
export interface PackageFindings {
  /** Evidence attempts that captured nothing (refused, timed out, no DNS answer, HTTP error), with why. */
  failedEvidence: { target: string; url: string; at: string; kind: EvidenceFailure['kind']; reason: string }[];
  /** Targets whose evidence capture ran and captured no page at all. */
  withoutEvidence: string[];
  /** Registrations a person entered by hand because no registry answered: by whom, and where they found them. */
  manualRegistrations: { target: string; registrar: string; registry: string; enteredBy?: Actor; foundAt?: string }[];
}

/** The findings over a case's targets as the case holds them (evidence references, registration summaries). */
export function packageFindings(targets: readonly { key: string; evidence?: readonly EvidenceRef[]; registration?: RegistrationSummary }[]): PackageFindings {
  const findings: PackageFindings = { failedEvidence: [], withoutEvidence: [], manualRegistrations: [] };
  for (const t of targets) {
    for (const e of t.evidence ?? []) {
      const failure = failureOf(e);
      if (failure) findings.failedEvidence.push({ target: t.key, url: e.url, at: e.capturedAt, kind: failure.kind, reason: failure.reason });
    }
    if (t.evidence && t.evidence.length > 0 && t.evidence.every(isFailedCapture)) findings.withoutEvidence.push(t.key);
    const r = t.registration;
    if (r?.source === 'manual') {
      findings.manualRegistrations.push({ target: t.key, registrar: r.registrar.name, registry: r.registry.name, ...(r.enteredBy ? { enteredBy: r.enteredBy } : {}), ...(r.foundAt ? { foundAt: r.foundAt } : {}) });
    }
  }
  return findings;
}
