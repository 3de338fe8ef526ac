import type { RegistrationRecord } from '../domain/registration';
import type { Lookup, LookupPlan, RegistryAnswer } from '../lib/lookup';

/**
 * The lookup as activities. `lookupRegistration` is the whole lookup in one task (histories from before
 * per-host lookups replay it). The per-host steps (workflows/domain-seizure/registration-lookup.ts): `planLookup` names
 * the registry's host without asking it (a local activity: the bootstrap and WHOIS table are configuration),
 * `lookupRegistry` asks the registry, `lookupRegistrar` the registrar, each scheduled on the lookup queue
 * with its host as the fairness key.
 */
export function createLookupActivities(lookup: Lookup) {
  return {
    async lookupRegistration(domain: string): Promise<RegistrationRecord> {
      return lookup.lookupRegistration(domain);
    },
    async planLookup(domain: string): Promise<LookupPlan> {
      return lookup.planLookup(domain);
    },
    async lookupRegistry(domain: string): Promise<RegistryAnswer> {
      return lookup.lookupRegistry(domain);
    },
    async lookupRegistrar(answer: Required<RegistryAnswer>): Promise<RegistrationRecord> {
      return lookup.lookupRegistrar(answer);
    },
  };
}
