/** The platforms whose profiles we take down. */
export const platforms = ['facebook', 'instagram', 'x', 'tiktok', 'youtube', 'marketplace'] as const;
export type Platform = (typeof platforms)[number];

/** A registrable domain under an ICANN public suffix: seized at its registry. */
export interface DomainTarget {
  kind: 'domain';
  input: string;
  /** Registrable domain in ASCII (punycode), lower-case, no trailing dot. */
  domain: string;
  /** The same domain in Unicode, for people. */
  unicode: string;
  /** The ICANN public suffix, e.g. `com`, `co.uk`. */
  tld: string;
  warnings: string[];
}

/** A name under a private suffix or a shared-hosting service: never seized as a domain (collateral damage). */
export interface HostedTarget {
  kind: 'hosted';
  input: string;
  /** The full host in ASCII. */
  domain: string;
  unicode: string;
  /** The hosting service's suffix, e.g. `blogspot.com`. */
  hostingSuffix: string;
  tld: string;
  warnings: string[];
}

/** A social-media profile or marketplace seller. */
export interface ProfileTarget {
  kind: 'profile';
  input: string;
  platform: Platform;
  /** Handle as the platform spells it in URLs, lower-cased where the platform is case-insensitive. */
  handle: string;
  /** Canonical profile URL. */
  url: string;
  /** Permanent numeric ID when the link carries one (e.g. a YouTube channel ID). */
  permanentId?: string;
  warnings: string[];
}

export type Target = DomainTarget | HostedTarget | ProfileTarget;
export type TargetKind = Target['kind'];
