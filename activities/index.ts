import { Context } from '@temporalio/activity';
import type { EvidenceSnapshot, NoticeSummary, VerificationResult } from '../domain/records';
import type { RegistrationRecord } from '../domain/registration';
import { captureSnapshots } from './evidence/capture';
import { createLookup, type LookupDeps } from './lookup';
import { sendNoticeOnce, type NoticeDeps, type NoticeRequest } from './notices/send-notice';
import type { BlobStore } from './store/blob-store';
import { checkRegistryRecord } from './verification/registry-check';

export interface ActivityDeps {
  blobs: BlobStore;
  lookup: Omit<LookupDeps, 'blobs'>;
  notices: NoticeDeps;
  evidence: { dnsServers: string[]; timeoutMs: number };
  seizureNameservers: string[];
}

/** Every side effect the workflows may ask for, built over injected dependencies (tests hand in real local servers). */
export function createActivities(deps: ActivityDeps) {
  const lookup = createLookup({ ...deps.lookup, blobs: deps.blobs });
  return {
    /** Who holds the domain: registry RDAP (then the registrar's), WHOIS where there is no RDAP. */
    async lookupRegistration(domain: string): Promise<RegistrationRecord> {
      return lookup.lookupRegistration(domain);
    },

    /** Fetch the pages named as evidence and keep them, content-addressed, with who captured them. */
    async captureEvidence(input: { urls: string[]; capturedBy: string }): Promise<EvidenceSnapshot[]> {
      return captureSnapshots({ blobs: deps.blobs, ...deps.evidence }, input.urls, input.capturedBy, () => new Date().toISOString());
    },

    /** Render and send one notice, effectively once (see sendNoticeOnce). */
    async sendNotice(request: NoticeRequest): Promise<NoticeSummary> {
      return sendNoticeOnce(deps.notices, request);
    },

    /** Is the seizure in place at the registry? A "not yet" is an ordinary result, not a failure. */
    async verifySeizure(input: { domain: string; caseRef?: string }): Promise<VerificationResult> {
      const record = await lookup.rdapDomain(input.domain);
      const checks = [checkRegistryRecord(record, deps.seizureNameservers)];
      const passed = checks.filter((c) => c.ok).length;
      Context.current().log.info('verification', { domain: input.domain, passed, of: checks.length });
      return { verified: passed === checks.length, state: passed === checks.length ? 'verified' : passed > 0 ? 'partial' : 'pending', checks, at: new Date().toISOString() };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
