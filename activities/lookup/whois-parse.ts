import { abuseContact } from './abuse-contact';
import { toEppStatuses } from './epp-status';

/**
 * Reads the common WHOIS layouts into facts: `Key: value` lines (ICANN gTLD format, most ccTLDs),
 * `key:    value` (RIPE-style, e.g. the .ru/.рф registry) and Nominet-style blocks where a `Key:` line
 * is followed by indented values. Keys are compared lower-cased with single spaces.
 */
export interface WhoisFacts {
  notFound: boolean;
  domainName?: string;
  registrar: { name?: string; ianaId?: string; abuseEmail?: string; abuseEmailRefused?: string; abusePhone?: string };
  nameservers: string[];
  statuses: string[];
  events: { registered?: string; expires?: string; lastChanged?: string };
  dnssec?: boolean;
  /** Where the registry says the registrar's WHOIS is ("host" or "host:port"). */
  referral?: string;
}

const notFoundPatterns = [
  /^\s*no match\b/im,
  /^\s*not found\b/im,
  /no entries found/i,
  /^\s*status:\s*(available|free)\s*$/im,
  /^\s*domain not found/im,
  /^\s*no data found/im,
  /the queried object does not exist/i,
];

const placeholder = /^\s*(redacted( for privacy)?|data (protected|redacted)|not disclosed|non-public data)\b/i;

/** Key → values, in order, for every `key: value` line and every indented line under a bare `Key:`. */
export function whoisFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    const v = value.trim();
    if (!v || placeholder.test(v)) return;
    fields.set(key, [...(fields.get(key) ?? []), v]);
  };
  let block: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(%|#|>>>)/.test(line) || line.trim() === '') {
      block = undefined;
      continue;
    }
    const pair = /^\s*([^:/]{1,60}?)\s*:(?:\s+(.*))?\s*$/.exec(line);
    const key = pair?.[1]?.toLowerCase().replace(/\s+/g, ' ');
    if (key && pair?.[2]) add(key, pair[2]);
    else if (key) block = key; // a bare "Key:" opens a block of indented values
    else if (block && /^\s/.test(line)) add(block, line);
  }
  return fields;
}

const first = (fields: Map<string, string[]>, keys: string[]) => keys.map((k) => fields.get(k)?.[0]).find((v) => v !== undefined);
const all = (fields: Map<string, string[]>, keys: string[]) => keys.flatMap((k) => fields.get(k) ?? []);

const isoOrAsGiven = (date: string | undefined) => {
  if (!date) return undefined;
  const at = new Date(date);
  return Number.isNaN(at.getTime()) ? date : at.toISOString();
};

/** `http://whois.example.net/` or `whois.example.net:4343` → `whois.example.net[:port]`. */
const hostOf = (value: string | undefined) => value?.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').trim() || undefined;

export function parseWhois(text: string): WhoisFacts {
  const fields = whoisFields(text);
  const notFound = notFoundPatterns.some((p) => p.test(text)) && !fields.has('registrar') && !fields.has('name server');
  const nameservers = all(fields, ['name server', 'nserver', 'nameserver', 'name servers', 'nameservers'])
    .map((ns) => ns.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, ''))
    .filter((ns) => /^[a-z0-9.-]+$/.test(ns));
  const dnssec = first(fields, ['dnssec']);
  return {
    notFound,
    domainName: first(fields, ['domain name', 'domain'])?.toLowerCase(),
    registrar: {
      // Nominet writes "Tucows Inc [Tag = TUCOWS]".
      name: first(fields, ['registrar', 'sponsoring registrar', 'registrar name'])?.replace(/\s*\[tag = [^\]]*\]$/i, ''),
      ianaId: first(fields, ['registrar iana id', 'sponsoring registrar iana id']),
      ...abuseContact(first(fields, ['registrar abuse contact email', 'abuse contact email', 'abuse-mailbox', 'abuse email'])),
      abusePhone: first(fields, ['registrar abuse contact phone', 'abuse contact phone', 'abuse phone']),
    },
    nameservers: [...new Set(nameservers)],
    // "Domain Status: clientHold https://icann.org/epp#clientHold"; the .ru registry lists "state: A, B, C".
    statuses: toEppStatuses(all(fields, ['domain status', 'status', 'state']).flatMap((s) => s.split(/,\s*/))),
    events: {
      registered: isoOrAsGiven(first(fields, ['creation date', 'created', 'created on', 'registered on', 'registration time', 'registered'])),
      expires: isoOrAsGiven(first(fields, ['registry expiry date', 'registrar registration expiration date', 'expiry date', 'expiration date', 'paid-till', 'expires', 'expires on'])),
      lastChanged: isoOrAsGiven(first(fields, ['updated date', 'last updated', 'last modified', 'changed'])),
    },
    dnssec: dnssec === undefined ? undefined : /^(signed|yes|signeddelegation|active)/i.test(dnssec),
    referral: hostOf(first(fields, ['registrar whois server', 'whois server', 'refer', 'whois'])),
  };
}
