import { ApplicationFailure } from '@temporalio/common';
import { domainToASCII } from 'node:url';
import type { VerificationResult } from '../../domain/verification';
import type { RegistrationRecord } from '../../domain/registration';
import type { Lookup } from '../../lib/lookup';
import { checkDns } from './dns-check';
import { checkHttp } from './http-check';
import { notRegisteredOutcome, registryOutcome, type CheckOutcome } from './registry-check';

export interface VerificationDeps {
  /** Resolvers (`host:port`) asked for the zone; the system resolver when empty (TAKEDOWN_DNS_SERVERS). */
  dnsServers: string[];
  /** The banner server's public addresses (TAKEDOWN_BANNER_ADDRESSES). */
  bannerAddresses: string[];
  /** Port of the HTTP check at the banner's address (TAKEDOWN_VERIFY_HTTP_PORT, 80 in production). */
  httpPort: number;
  timeoutMs: number;
}

export interface SeizureEvidence {
  result: VerificationResult;
  /** The registry's record, when it still holds the domain (custody reads expiry and statuses from it). */
  record?: RegistrationRecord;
}

/** The domain as the registry and the zone know it (A-labels, no trailing dot). */
export const asciiDomain = (domain: string) => domainToASCII(domain.trim().replace(/\.$/, '').toLowerCase()) || domain;

/**
 * The three checks of PRODUCT §3 step 7: the registry (RDAP), the zone (DNS) and what a visitor gets
 * (HTTP). `verified` when all pass, `partial` when part of the seizure is in place (statuses set but the
 * name servers not, or the registry done but the zone not yet), `pending` when nothing is.
 * Transient registry errors throw (Temporal retries); NOT_REGISTERED is a failed check, not an error.
 */
export async function verifySeizureChecks(deps: VerificationDeps & { seizureNameservers: string[] }, lookup: Lookup, input: { domain: string; caseRef?: string }): Promise<SeizureEvidence> {
  const domain = asciiDomain(input.domain);
  const registry = lookup.rdapDomain(domain).then(
    (record): CheckOutcome & { record?: RegistrationRecord } => ({ ...registryOutcome(record, deps.seizureNameservers), record }),
    (error: unknown): CheckOutcome & { record?: RegistrationRecord } => {
      if (error instanceof ApplicationFailure && error.type === 'NOT_REGISTERED') return notRegisteredOutcome(domain, deps.seizureNameservers);
      throw error;
    },
  );
  const zone = checkDns(domain, { dnsServers: deps.dnsServers, seizureNameservers: deps.seizureNameservers, bannerAddresses: deps.bannerAddresses, timeoutMs: deps.timeoutMs });
  const visit = zone.then((dns) => checkHttp(domain, dns.address, input.caseRef, { port: deps.httpPort, timeoutMs: deps.timeoutMs, bannerAddresses: deps.bannerAddresses }));
  const [registryDone, ...rest] = await Promise.all([registry, zone, visit]);
  const outcomes: CheckOutcome[] = [registryDone, ...rest];
  const checks = outcomes.map((o) => o.check);
  const verified = checks.every((c) => c.ok);
  const state = verified ? 'verified' : outcomes.some((o) => o.progress) ? 'partial' : 'pending';
  return { result: { verified, state, checks, at: new Date().toISOString() }, record: registryDone.record };
}
