import type { EvidenceSnapshot } from '../domain/evidence-snapshot';
import { captureSnapshots } from './evidence/capture';
import { createLookup, type LookupDeps } from '../lib/lookup';
import { createLookupActivities } from './lookup';
import { createNoticeActivities, type NoticeActivityDeps } from './notices';
import { createOperationProgressActivities } from './operation-progress';
import type { BlobStore } from '../lib/store/blob-store';
import { createBannerActivities, type BannerDeps } from './banner';
import { createVerificationActivities, type VerificationDeps } from './verification';
import { createProfileActivities } from './profiles';
import { createTargetActivities, type TargetActivityDeps } from './targets';

export interface ActivityDeps {
  blobs: BlobStore;
  lookup: Omit<LookupDeps, 'blobs'>;
  notices: NoticeActivityDeps;
  /** Resolvers and timeout of evidence capture and profile checks; `allowHosts` only in tests (activities/evidence/capture.ts). */
  evidence: { dnsServers: string[]; timeoutMs: number; allowHosts?: readonly string[] };
  seizureNameservers: string[];
  /** Resolvers, banner addresses and HTTP port the seizure verification checks against. */
  verification: VerificationDeps;
  /** The banner's allow-list (shared SQLite file). */
  banner: BannerDeps;
  /** Deconfliction: a Temporal client to describe the workflow already holding a target (the worker's own when absent). */
  targets?: TargetActivityDeps;
}

/** Every side effect the workflows may ask for, built over injected dependencies (tests hand in real local servers). */
export function createActivities(deps: ActivityDeps) {
  const lookup = createLookup({ ...deps.lookup, blobs: deps.blobs });
  return {
    // Who holds the domain: registry RDAP (then the registrar's), WHOIS where there is no RDAP:
    // lookupRegistration in one task, or planLookup, lookupRegistry, lookupRegistrar one host per task.
    ...createLookupActivities(lookup),

    /**
     * Fetch the pages named as evidence and keep them, content-addressed, with who captured them; only
     * within `scope` (the domain target's domain), else each URL's own registrable domain. Failures are recorded as such.
     */
    async captureEvidence(input: { urls: string[]; capturedBy: string; scope?: string }): Promise<EvidenceSnapshot[]> {
      return captureSnapshots({ blobs: deps.blobs, ...deps.evidence }, input.urls, input.capturedBy, () => new Date().toISOString(), input.scope);
    },

    // sendNotice (effectively once, with the ledger) and noticeDirectory (contacts from configuration).
    ...createNoticeActivities(deps.notices),

    // verifySeizure (registry, DNS, HTTP) and checkCustody: activities/verification.
    ...createVerificationActivities(deps, lookup),
    // The banner's allow-list: addToBannerAllowList, releaseFromBannerAllowList, switchBannerToPublicService.
    ...createBannerActivities(deps.banner),
    // checkProfileRemoved: a profile page through the evidence resolvers, judged by the platform's rule.
    ...createProfileActivities({ blobs: deps.blobs, ...deps.evidence, platforms: deps.notices.directory?.platforms ?? [] }),
    // activeCaseOf: which case holds a target already active (deconfliction).
    ...createTargetActivities(deps.targets),
    // sampleOperationProgress: an operation's targets counted by stage through visibility.
    ...createOperationProgressActivities(deps.targets),
  };
}

export type Activities = ReturnType<typeof createActivities>;
