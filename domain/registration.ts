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
}

/** The three statuses a registry sets when it executes a seizure ("registry lock"). */
export const registryLockStatuses = ['serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'] as const;
