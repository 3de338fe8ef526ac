import { log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { CustodyCheck } from '../../domain/custody';
import type { VerificationCheck, VerificationResult } from '../../domain/verification';
import { releaseOutcome } from './registry-check';
import type { Lookup } from '../../lib/lookup';
import { asciiDomain, verifySeizureChecks, type VerificationDeps } from './verify-seizure';

export type { VerificationDeps } from './verify-seizure';

/**
 * Verification of a seizure at the registry, in the zone and over HTTP: once while the seizure is being
 * executed (domain workflow) and on a schedule while the domain is in custody (custody workflow).
 * Shares the lookup's RDAP client, so its per-host politeness covers these requests too.
 */
export function createVerificationActivities(deps: { verification: VerificationDeps; seizureNameservers: string[] }, lookup: Lookup) {
  const settings = { ...deps.verification, seizureNameservers: deps.seizureNameservers };
  return {
    /** Is the seizure in place (registry, DNS, banner)? A "not yet" is an ordinary result, not a failure. */
    async verifySeizure(input: { domain: string; caseRef?: string }): Promise<VerificationResult> {
      const { result } = await verifySeizureChecks(settings, lookup, input);
      log.info('verification', { domain: input.domain, state: result.state, checks: result.checks.map((c) => `${c.name}:${c.ok ? 'ok' : 'no'}`).join(' ') });
      return result;
    },

    /** A custody re-check: the same three checks, plus the registry's statuses and expiration date. */
    async checkCustody(input: { domain: string; caseRef?: string }): Promise<CustodyCheck> {
      const { result, record } = await verifySeizureChecks(settings, lookup, input);
      log.info('custody check', { domain: input.domain, state: result.state, expires: record?.events.expires });
      return { ...result, statuses: record?.statuses ?? [], expiresAt: record?.events.expires };
    },

    /** After a release order: has the registry given the domain back (lock lifted, seizure name servers gone)? */
    async checkRelease(input: { domain: string; restoreNameservers: string[] }): Promise<VerificationCheck> {
      const domain = asciiDomain(input.domain);
      const check = await lookup.rdapDomain(domain).then(
        (record) => releaseOutcome(record, deps.seizureNameservers, input.restoreNameservers),
        (error: unknown) => {
          if (error instanceof ApplicationFailure && error.type === 'NOT_REGISTERED') return { name: 'registry' as const, ok: false, expected: 'registered, restored to its registrant', seen: `${domain} is not registered at the registry: it was deleted instead of restored` };
          throw error;
        },
      );
      log.info('release check', { domain, restored: check.ok });
      return check;
    },
  };
}
