import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import schemaFile from '../../domain/schemas/xarf-v4-takedown.schema.json';
import { capturedOnly } from '../../domain/evidence';
import { legalProcessVersion, xarfVersion, type EvidenceRef, type XarfContact, type XarfEvidenceItem, type XarfReport, type XarfRequest, type XarfSubject } from '../../domain/xarf';
import { checkSupported, validate, type JsonSchema, type SchemaError } from './json-schema';

/** The stored schema every report is checked against (domain/schemas/xarf-v4-takedown.schema.json). */
export const xarfSchema = schemaFile as unknown as JsonSchema;
checkSupported(xarfSchema);

export interface XarfParties {
  /** The agency that owns the complaint (reporter org), e.g. the IPR Center. */
  agency: string;
  /** The sending system: the address notices come from and our mail domain. */
  senderAddress: string;
  senderDomain: string;
}

/** Name-based UUID (RFC 9562 version 5) under our own namespace: a resent notice keeps its report IDs. */
const namespace = Buffer.from('6f1c2a4e8b3d4c5f9a7e0b1d2c3e4f50', 'hex');
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(namespace).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function evidenceItem(ref: EvidenceRef): XarfEvidenceItem {
  // The snapshot record, not the page: small, and the body stays in our evidence store under its SHA-256.
  const record = Buffer.from(JSON.stringify({ url: ref.url, capturedAt: ref.capturedAt, status: ref.status, bodySha256: ref.bodySha256, snapshotId: ref.snapshotId }));
  const description = `Evidence snapshot ${ref.snapshotId.slice(0, 16)}: ${ref.url} captured ${ref.capturedAt}, HTTP ${ref.status}, page body SHA-256 ${ref.bodySha256}`;
  return { content_type: 'application/json', description: description.slice(0, 500), payload: record.toString('base64'), hash: `sha256:${createHash('sha256').update(record).digest('hex')}`, size: record.length };
}

/** One XARF report per target the notice covers. */
export function buildXarfReports(input: { workflowId: string; noticeId: string; createdAt: string; ackUrl: string; caseContact: string; description: string; xarf: XarfRequest; parties: XarfParties }): XarfReport[] {
  const { xarf, parties } = input;
  const reporter: XarfContact = { org: parties.agency, contact: input.caseContact, domain: input.caseContact.split('@')[1] ?? parties.senderDomain };
  const sender: XarfContact = { org: parties.agency, contact: parties.senderAddress, domain: parties.senderDomain };
  const tag = (ns: string, value: string) => `${ns}:${value.toLowerCase().replace(/[^a-z0-9_+.-]+/g, '-').replace(/^[^a-z0-9]+/, '')}`;
  return xarf.subjects.map((subject: XarfSubject): XarfReport => {
    // Only pages we hold are evidence: a refused or failed attempt is never presented as a snapshot.
    const captured = capturedOnly(subject.evidence);
    const observed = captured.map((e) => e.capturedAt).sort()[0] ?? input.createdAt;
    return {
      xarf_version: xarfVersion,
      report_id: uuidV5(`${input.workflowId}\n${input.noticeId}\n${subject.key}`),
      timestamp: new Date(observed).toISOString(),
      reporter,
      sender,
      source_identifier: subject.key,
      category: 'content',
      type: 'brand_infringement',
      url: subject.url,
      ...(subject.domain ? { domain: subject.domain } : {}),
      infringement_type: 'counterfeit',
      ...(xarf.brand ? { target_brand: xarf.brand } : {}),
      evidence_source: 'researcher_analysis',
      evidence: captured.slice(0, 50).map(evidenceItem),
      tags: [tag('case', xarf.caseId), tag('action', xarf.action)],
      description: input.description.slice(0, 1000),
      legal_process: {
        version: legalProcessVersion, case_id: xarf.caseId, notice_id: input.noticeId, action: xarf.action, sealed: xarf.sealed, non_disclosure: xarf.nonDisclosure,
        ...(xarf.warrant ? { warrant: { court: xarf.warrant.court, judge: xarf.warrant.judge, docket: xarf.warrant.docket, issued_on: xarf.warrant.issuedOn, statutes: xarf.warrant.statutes, ...(xarf.warrant.documentRef ? { document_ref: xarf.warrant.documentRef } : {}) } } : {}),
        ...(xarf.seizure ? { seizure: xarf.seizure } : {}),
        ...(xarf.preservation ? { preservation: xarf.preservation } : {}),
        ack_url: input.ackUrl,
      },
    };
  });
}

/** Validation errors of a report against the stored schema (empty when it conforms). */
export function checkXarfReport(report: unknown): SchemaError[] {
  return validate(xarfSchema, report);
}

/** Refuses to send a notice whose machine-readable copy breaks the schema: a bug, never retried. */
export function assertValidXarf(noticeId: string, reports: XarfReport[]): void {
  const problems = reports.flatMap((r) => checkXarfReport(r).map((e) => `${r.source_identifier}: ${e.path} ${e.message}`));
  if (problems.length > 0) throw ApplicationFailure.create({ type: 'TEMPLATE_CONTEXT_INVALID', message: `the XARF copy of notice ${noticeId} breaks its schema: ${problems.join('; ')}`, nonRetryable: true, details: [{ problems }] });
}
