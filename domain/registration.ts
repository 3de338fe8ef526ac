import { z } from 'zod';
import type { Actor } from './actors';

/** One raw answer from a registry or registrar, kept for the chain of custody. */
export interface RawResponse {
  url: string;
  fetchedAt: string;
  status: number;
  /** Key of the stored body in the blob store (SHA-256 of the bytes). */
  sha256: string;
}

export interface RegistrarInfo {
  name: string;
  ianaId?: string;
  rdapUrl?: string;
  abuseEmail?: string;
  /** An abuse contact the registry or registrar published that is not exactly one address, and why: dropped, never mailed. */
  abuseEmailRefused?: string;
  abusePhone?: string;
}

/** Who holds a domain and how it is set up, as the registry (and its registrar) report it. */
export interface RegistrationRecord {
  domain: string;
  unicode: string;
  registry: { name: string; rdapBase?: string; whoisHost?: string };
  registrar: RegistrarInfo;
  nameservers: string[];
  /** EPP status codes (RFC 8056 mapping), e.g. `serverTransferProhibited`; unknown phrases kept as given. */
  statuses: string[];
  events: { registered?: string; expires?: string; lastChanged?: string };
  dnssec?: boolean;
  source: 'rdap' | 'whois' | 'manual';
  raw: RawResponse[];
  /** A record entered by hand (`source: 'manual'`): who entered it, and where they say they found it. */
  enteredBy?: Actor;
  foundAt?: string;
}

/** What the case keeps of a target's registration: who to notify, and whether a person entered it by hand. */
export type RegistrationSummary = Pick<RegistrationRecord, 'registry' | 'registrar' | 'nameservers'> & Partial<Pick<RegistrationRecord, 'source' | 'enteredBy' | 'foundAt'>>;

/** The summary a target reports to its case: constant in size, and the hand-entered marks only when there are some. */
export function registrationSummary(record: RegistrationRecord): RegistrationSummary {
  const { registry, registrar, nameservers, source, enteredBy, foundAt } = record;
  return { registry, registrar, nameservers, ...(source === 'manual' ? { source, ...(enteredBy ? { enteredBy } : {}), ...(foundAt ? { foundAt } : {}) } : {}) };
}

/** The three statuses a registry sets when it executes a seizure ("registry lock"). */
export const registryLockStatuses = ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'] as const;

/** What an agent enters when no registry answers: a manual lookup, validated like any other input. */
export const manualRegistrationSchema = z.object({
  registry: z.object({ name: z.string().min(2, 'name the registry that operates the TLD') }),
  registrar: z.object({
    name: z.string().min(2, 'name the registrar'),
    ianaId: z.string().regex(/^\d+$/, { error: 'an IANA registrar ID is a number' }).optional(),
    abuseEmail: z.email({ error: 'the registrar abuse contact must be an e-mail address' }),
    abusePhone: z.string().min(5).optional(),
  }),
  nameservers: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: 'a name server host name' })).min(1, 'list at least one name server'),
  statuses: z.array(z.string()).default([]),
  expires: z.iso.date().optional(),
  foundAt: z.string().min(3, 'say where the record was found (e.g. the registry web WHOIS page)'),
});
export type ManualRegistrationInput = z.input<typeof manualRegistrationSchema>;
