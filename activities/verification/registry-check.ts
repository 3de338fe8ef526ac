import { registryLockStatuses, type RegistrationRecord } from '../../domain/registration';
import type { VerificationCheck } from '../../domain/records';

/**
 * The registry's view is what counts (a registrar's WHOIS once still showed the old name servers while
 * the zone delegated to the government's): the three lock statuses and exactly the seizure name servers.
 */
export function checkRegistryRecord(record: RegistrationRecord, seizureNameservers: string[]): VerificationCheck {
  const missing = registryLockStatuses.filter((status) => !record.statuses.includes(status));
  const expectedNs = [...seizureNameservers].map((ns) => ns.toLowerCase()).sort();
  const seenNs = [...record.nameservers].map((ns) => ns.toLowerCase()).sort();
  const nsOk = expectedNs.length === seenNs.length && expectedNs.every((ns, i) => ns === seenNs[i]);
  return {
    name: 'registry',
    ok: missing.length === 0 && nsOk,
    expected: `statuses ${registryLockStatuses.join(', ')}; name servers ${expectedNs.join(', ')}`,
    seen: `statuses ${record.statuses.join(', ') || '(none)'}; name servers ${seenNs.join(', ') || '(none)'}${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
  };
}
