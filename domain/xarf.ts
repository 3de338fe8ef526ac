/**
 * The machine-readable copy of every external notice: XARF v4 (xarf.org, schemas/v4/xarf-core.json),
 * category `content`, type `brand_infringement` with `infringement_type: counterfeit`, one report per
 * target (XARF's rule: one incident, one report), attached as JSON.
 *
 * XARF has no fields for legal process, so we add one documented extension object, `legal_process`
 * (XARF's core schema allows additional properties at the report level). Its full definition is the
 * JSON schema in domain/schemas/xarf-v4-takedown.schema.json, against which every report is validated
 * before it is sent. Fields of `legal_process`:
 *   version          "1.0": version of this extension
 *   case_id          the agency's case number
 *   notice_id        the notice this report travels with (also in the e-mail's X-Takedown-Notice header)
 *   action           what the recipient is asked to do (see `legalActions`)
 *   sealed           whether the warrant is sealed; when true and the recipient is not the executing party,
 *                    `warrant` is left out (a courtesy notice names no court, judge or docket)
 *   non_disclosure   the recipient must not notify the registrant or account holder
 *   warrant          { court, judge, docket, issued_on, statutes[], document_ref? }
 *   seizure          { nameservers[], statuses[] } for registry orders and partner-agency requests: the
 *                    delegation and the registry lock
 *   preservation     { requested, statute, days } for platform requests (18 U.S.C. § 2703(f))
 *                    and preservation letters (`profile_preservation`, which need no warrant)
 *   ack_url          the signed acknowledgement link of the notice
 *
 * Pure types and constants: safe inside the workflow bundle.
 */
import { failureOf, type EvidenceFailure } from './evidence';

export const xarfVersion = '4.0.0';
export const legalProcessVersion = '1.0';

export const legalActions = ['registry_seizure', 'registrar_notice', 'registrar_courtesy', 'profile_takedown', 'merchant_termination', 'registry_release', 'registry_escalation', 'profile_preservation', 'partner_request'] as const;
export type LegalAction = (typeof legalActions)[number];

/**
 * The part of an evidence snapshot the case keeps and a notice cites (its record, not the page body). A
 * failed attempt keeps its failure (older records: their error text) and no body hash, so nothing
 * downstream mistakes it for a page; notices cite captured pages only (capturedOnly, domain/evidence.ts).
 */
export const evidenceRefs = (snapshots: readonly (EvidenceRef & { error?: string })[]): EvidenceRef[] => snapshots.map((s) => {
  const failure = failureOf(s);
  return { url: s.url, capturedAt: s.capturedAt, status: s.status, snapshotId: s.snapshotId, ...(failure ? { failure } : s.bodySha256 ? { bodySha256: s.bodySha256 } : {}) };
});

export interface EvidenceRef {
  url: string;
  capturedAt: string;
  status: number;
  /** SHA-256 of the page body in our evidence store; absent when nothing was captured. */
  bodySha256?: string;
  /** SHA-256 of the snapshot record: the ID cited in the case package. */
  snapshotId: string;
  /** Why nothing was captured: such an attempt is never presented as evidence. */
  failure?: EvidenceFailure;
}

/** One target a notice covers: the abuse source of one XARF report. */
export interface XarfSubject {
  key: string;
  url: string;
  domain?: string;
  platform?: string;
  handle?: string;
  permanentId?: string;
  evidence: EvidenceRef[];
}

/** What the workflow states for the machine-readable copy; the send activity completes and validates it. */
export interface XarfRequest {
  action: LegalAction;
  caseId: string;
  subjects: XarfSubject[];
  sealed: boolean;
  nonDisclosure: boolean;
  /** The warrant as this recipient may see it: left out of a courtesy notice under seal. */
  warrant?: { court: string; judge: string; docket: string; issuedOn: string; statutes: string[]; documentRef?: string };
  seizure?: { nameservers: string[]; statuses: string[] };
  preservation?: { requested: boolean; statute: string; days: number };
  /** Rights holders who confirmed the goods as counterfeit (XARF `target_brand`). */
  brand?: string;
}

export interface XarfContact {
  org: string;
  contact: string;
  domain: string;
}

export interface XarfEvidenceItem {
  content_type: string;
  description: string;
  payload: string;
  hash: string;
  size: number;
}

export interface LegalProcessExtension {
  version: string;
  case_id: string;
  notice_id: string;
  action: LegalAction;
  sealed: boolean;
  non_disclosure: boolean;
  warrant?: { court: string; judge: string; docket: string; issued_on: string; statutes: string[]; document_ref?: string };
  seizure?: { nameservers: string[]; statuses: string[] };
  preservation?: { requested: boolean; statute: string; days: number };
  ack_url: string;
}

export interface XarfReport {
  xarf_version: string;
  report_id: string;
  timestamp: string;
  reporter: XarfContact;
  sender: XarfContact;
  source_identifier: string;
  category: 'content';
  type: 'brand_infringement';
  url: string;
  domain?: string;
  infringement_type: 'counterfeit';
  target_brand?: string;
  evidence_source: 'researcher_analysis';
  evidence: XarfEvidenceItem[];
  tags: string[];
  description: string;
  legal_process: LegalProcessExtension;
}
