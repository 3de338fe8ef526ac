import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { domainToASCII } from 'node:url';
import type { AllowList, AllowListAdd, AllowListEntry } from '../../lib/banner-allow-list';

export { createAllowList, type AllowList, type AllowListEntry } from '../../lib/banner-allow-list';

export interface BannerDeps {
  allowList: AllowList;
}

/** The allow-list is keyed on punycode, lower-case, without the root's dot, as the banner reads Host. */
export function bannerKey(domain: string): string {
  const ascii = domainToASCII(domain.trim().replace(/\.$/, '').toLowerCase());
  if (!ascii) throw ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: `not a domain name: ${JSON.stringify(domain)}`, nonRetryable: true });
  return ascii;
}

/**
 * The only way the banner's allow-list changes: a workflow adds a domain before verifying its seizure,
 * releases it when the case is dropped, and switches it to the public-service page after forfeiture.
 */
export function createBannerActivities(deps: BannerDeps) {
  return {
    /** Puts a seized domain on the banner's allow-list with the case and court its page names (idempotent). */
    async addToBannerAllowList(input: AllowListAdd): Promise<AllowListEntry> {
      const entry = deps.allowList.add({ ...input, domain: bannerKey(input.domain) });
      log.info('banner allow-list: added', { domain: entry.domain, caseRef: entry.caseRef });
      return entry;
    },

    /** Takes a released domain off the allow-list: its host gets a plain 404 from then on (idempotent). */
    async releaseFromBannerAllowList(input: { domain: string; reason: string }): Promise<{ domain: string; wasListed: boolean }> {
      const domain = bannerKey(input.domain);
      const wasListed = deps.allowList.release(domain, input.reason);
      log.info('banner allow-list: released', { domain, wasListed });
      return { domain, wasListed };
    },

    /** After the forfeiture contest period: the domain shows the public-service page instead of the seizure notice. */
    async switchBannerToPublicService(input: { domain: string }): Promise<{ domain: string; switched: boolean }> {
      const domain = bannerKey(input.domain);
      const switched = deps.allowList.setMode(domain, 'public-service');
      log.info('banner: public-service page', { domain, switched });
      return { domain, switched };
    },
  };
}
