import { registryLockStatuses, type RegistrationRecord } from '../../domain/registration';
import type { VerificationCheck } from '../../domain/verification';

/** A check's result plus whether any part of the seizure is already in place (for a `partial` state). */
export interface CheckOutcome {
  check: VerificationCheck;
  progress: boolean;
}

/**
 * The registry's view is what counts (a registrar's WHOIS once still showed the old name servers while
 * the zone delegated to the government's): the three lock statuses and exactly the seizure name servers.
 */
export function checkRegistryRecord(record: RegistrationRecord, seizureNameservers: string[]): VerificationCheck {
  return registryOutcome(record, seizureNameservers).check;
}

/** As checkRegistryRecord, and whether the registry has done part of it (some statuses, or the name servers). */
export function registryOutcome(record: RegistrationRecord, seizureNameservers: string[]): CheckOutcome {
  const missing = registryLockStatuses.filter((status) => !record.statuses.includes(status));
  const expectedNs = [...seizureNameservers].map((ns) => ns.toLowerCase()).sort();
  const seenNs = [...record.nameservers].map((ns) => ns.toLowerCase()).sort();
  const nsOk = expectedNs.length === seenNs.length && expectedNs.every((ns, i) => ns === seenNs[i]);
  return {
    check: {
      name: 'registry',
      ok: missing.length === 0 && nsOk,
      expected: `statuses ${registryLockStatuses.join(', ')}; name servers ${expectedNs.join(', ')}`,
      seen: `statuses ${record.statuses.join(', ') || '(none)'}; name servers ${seenNs.join(', ') || '(none)'}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
    },
    progress: nsOk || missing.length < registryLockStatuses.length,
  };
}

/** The registry no longer holds the domain at all: the worst regression a custody check can see. */
export function notRegisteredOutcome(domain: string, seizureNameservers: string[]): CheckOutcome {
  return {
    check: { name: 'registry', ok: false, expected: `registered, statuses ${registryLockStatuses.join(', ')}; name servers ${seizureNameservers.join(', ')}`, seen: `${domain} is not registered at the registry` },
    progress: false,
  };
}

/**
 * After a release: the registry has lifted all three lock statuses and no longer delegates to the seizure
 * name servers. The registrant may point the domain anywhere afterwards, so the name servers it had before
 * the seizure are reported, not required.
 */
export function releaseOutcome(record: RegistrationRecord, seizureNameservers: string[], restoreNameservers: string[]): VerificationCheck {
  const locked = registryLockStatuses.filter((status) => record.statuses.includes(status));
  const seizure = new Set(seizureNameservers.map((ns) => ns.toLowerCase()));
  const seenNs = record.nameservers.map((ns) => ns.toLowerCase()).sort();
  const stillSeized = seenNs.filter((ns) => seizure.has(ns));
  return {
    name: 'registry',
    ok: locked.length === 0 && stillSeized.length === 0,
    expected: `no ${registryLockStatuses.join(', ')}; name servers other than the seizure's (before the seizure: ${restoreNameservers.join(', ') || 'not known'})`,
    seen: `statuses ${record.statuses.join(', ') || '(none)'}; name servers ${seenNs.join(', ') || '(none)'}${locked.length ? `; still locked: ${locked.join(', ')}` : ''}${stillSeized.length ? `; still delegated to the seizure name servers ${stillSeized.join(', ')}` : ''}`,
  };
}
