import { abuseContact } from './abuse-contact';
import { toEppStatuses } from './epp-status';
import { registryDate, registryTimeZone } from './registry-dates';

/**
 * Reads the WHOIS layouts registries send into facts:
 * - `Key: value` lines (ICANN gTLD format, most ccTLDs), with any spacing before the colon (`key    : value`,
 *   KISA) or after it (RIPE style, e.g. the .ru/.рф registry);
 * - a bare `Key:` followed by indented values (Nominet), or a heading without a colon followed by indented
 *   `Key: value` lines or bare values (NIC.it's `Registrar` and `Nameservers`, KISA's `Primary Name Server`):
 *   a key inside a section is kept both as itself and as `<section> <key>`;
 * - bracketed keys, with or without a letter (`[Domain Name]`, `a. [Domain Name]`: JPRS).
 * Keys are compared lower-cased with single spaces. Comments (`%`, `#`, `*` boxes, JPRS's `[ … ]` banner) are skipped.
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

// Spacing at a line's start is [ \t]*, not \s*: with the m flag every line terminator (U+2028 too) starts a
// line, and \s* ran across the following ones from each, quadratic in them (found by fuzzing).
const notFoundPatterns = [
  /^[ \t]*no match\b/im,
  /^[ \t]*not found\b/im,
  /no entries found/i,
  /^[ \t]*status:[ \t]*(available|free)[ \t]*$/im,
  /^[ \t]*domain not found/im,
  /^[ \t]*no data found/im,
  /^[ \t]*no matching record/im,
  /requested domain was not found/i,
  /the queried object does not exist/i,
];

const placeholder = /^\s*(redacted( for privacy)?|data (protected|redacted)|not disclosed|non-public data)\b/i;

/** Key → values, in order, for every line that holds a key, a value under a heading, or both. */
export function whoisFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    const v = value.trim();
    if (!v || placeholder.test(v)) return;
    fields.set(key, [...(fields.get(key) ?? []), v]);
  };
  const normal = (key: string) => key.toLowerCase().replace(/\s+/g, ' ').trim();
  /** The heading the indented lines below belong to; the key whose value a deeper-indented line continues. */
  let section: string | undefined;
  let last: { key: string; indent: number } | undefined;
  const addKey = (key: string, value: string, indent: number) => {
    add(key, value);
    if (section && indent > 0 && section !== key) add(`${section} ${key}`, value);
    last = { key, indent };
  };
  for (const line of text.split(/\r?\n/)) {
    const indent = /^\s*/.exec(line)![0].length;
    if (line.trim() === '' || /^\s*(%|#|>>>|\*|--\s*$)/.test(line) || /^\[\s.*\]\s*$/.test(line)) {
      section = undefined;
      last = undefined;
      continue;
    }
    const bracket = /^\s*(?:[a-z]\.\s*)?\[([^\]\s][^\]]*)\]\s*(.*)$/i.exec(line);
    if (bracket) { addKey(normal(bracket[1]!), bracket[2]!, indent); continue; }
    const pair = keyAndValue(line);
    if (pair?.value) {
      if (indent === 0) section = undefined;
      addKey(normal(pair.key), pair.value, indent);
    } else if (pair) {
      section = normal(pair.key); // a bare "Key:" opens a block of indented values
      last = undefined;
    } else if (indent === 0) {
      section = normal(line); // a heading without a colon
      last = undefined;
    } else if (last && indent > last.indent) {
      add(last.key, line); // a value continued on the next line, aligned under the first
    } else if (section) {
      add(section, line);
    }
  }
  return fields;
}

/**
 * `Key: value` or a bare `Key:`: a key of 1 to 60 characters without `/` before the first colon, then spaces
 * and the value, or nothing. `Key:value` is no pair (the colon of `http://` is not a key's). Split by hand: the
 * regular expression this replaces tried every key length against the whole line, seconds on a line of spaces.
 */
function keyAndValue(line: string): { key: string; value?: string } | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const key = line.slice(0, colon).trim();
  if (!key || key.length > 60 || key.includes('/')) return undefined;
  const rest = line.slice(colon + 1);
  if (rest.trim() === '') return { key };
  return /^\s/.test(rest) ? { key, value: rest } : undefined;
}

const first = (fields: Map<string, string[]>, keys: string[]) => keys.map((k) => fields.get(k)?.[0]).find((v) => v !== undefined);
const all = (fields: Map<string, string[]>, keys: string[]) => keys.flatMap((k) => fields.get(k) ?? []);

/** `http://whois.example.net/` or `whois.example.net:4343` → `whois.example.net[:port]`. */
const hostOf = (value: string | undefined) => value?.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').trim() || undefined;

/**
 * Nominet's "Tucows Inc [Tag = TUCOWS]" without the tag. Cut by hand: /\s*\[tag = [^\]]*\]$/ is tried at every
 * space of a name and took time quadratic in its spaces (a name with 50,000 spaces: seconds of a worker's CPU).
 */
function withoutNominetTag(name: string | undefined): string | undefined {
  if (!name?.endsWith(']')) return name;
  const open = name.lastIndexOf('[');
  return open >= 0 && /^\[tag = [^\]]*\]$/i.test(name.slice(open)) ? name.slice(0, open).trimEnd() : name;
}

/** KISA's "Gabia, Inc.(http://www.gabia.co.kr)" without the link; cut by hand for the same reason. */
function withoutTrailingLink(name: string | undefined): string | undefined {
  if (!name?.endsWith(')')) return name;
  const open = name.toLowerCase().lastIndexOf('(http');
  return open >= 0 && /^\(https?:\/\/[^)]*\)$/i.test(name.slice(open)) ? name.slice(0, open).trimEnd() : name;
}

/**
 * A status without the note in brackets at its end (JPRS's lock: "Locked (2027/04/30)"): what
 * /\s*\([^)]*\)$/ cut, found by hand, since that expression is tried at every space of a status (quadratic).
 */
function withoutTrailingNote(status: string): string {
  if (!status.endsWith(')')) return status;
  const open = status.indexOf('(', status.lastIndexOf(')', status.length - 2) + 1);
  return open >= 0 && open < status.length - 1 ? status.slice(0, open).trimEnd() : status;
}

export function parseWhois(text: string): WhoisFacts {
  const fields = whoisFields(text);
  const notFound = notFoundPatterns.some((p) => p.test(text)) && !fields.has('registrar') && !fields.has('name server');
  const nameservers = all(fields, ['name server', 'nserver', 'nameserver', 'name servers', 'nameservers', 'primary name server host name', 'secondary name server host name'])
    .map((ns) => ns.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, ''))
    .filter((ns) => /^[a-z0-9.-]+$/.test(ns));
  const dnssec = first(fields, ['signed', 'dnssec']);
  const domainName = first(fields, ['domain name', 'domain'])?.toLowerCase();
  const zone = registryTimeZone(domainName);
  const date = (keys: string[]) => registryDate(first(fields, keys), zone);
  // JPRS gives a .co.jp name's expiry inside its state: "Connected (2027/04/30)".
  const state = first(fields, ['state']);
  const stateExpiry = state && /\((\d{4}\/\d{1,2}\/\d{1,2})\)/.exec(state)?.[1];
  const registered = date(['creation date', 'created', 'created on', 'registered on', 'registration time', 'registered date', 'registered']);
  const expires = date(['registry expiry date', 'registrar registration expiration date', 'expiry date', 'expiration date', 'expire date', 'expiration time', 'paid-till', 'expires', 'expires on']) ?? registryDate(stateExpiry || undefined, zone);
  const lastChanged = date(['updated date', 'last updated', 'last update', 'last updated date', 'last modified', 'changed']);
  return {
    notFound,
    domainName,
    registrar: {
      // Nominet writes "Tucows Inc [Tag = TUCOWS]", KISA "Gabia, Inc.(http://www.gabia.co.kr)".
      name: withoutTrailingLink(withoutNominetTag(first(fields, ['registrar', 'sponsoring registrar', 'registrar organization', 'registrar name', 'authorized agency']))),
      ianaId: first(fields, ['registrar iana id', 'sponsoring registrar iana id']),
      ...abuseContact(first(fields, ['registrar abuse contact email', 'abuse contact email', 'abuse-mailbox', 'abuse email'])),
      abusePhone: first(fields, ['registrar abuse contact phone', 'abuse contact phone', 'abuse phone']),
    },
    nameservers: [...new Set(nameservers)],
    // "Domain Status: clientHold https://icann.org/epp#clientHold"; the .ru registry lists "state: A, B, C"; JPRS adds its lock.
    statuses: toEppStatuses(all(fields, ['domain status', 'status', 'state', 'lock status', 'registration status'])
      .flatMap((s) => withoutTrailingNote(s).split(/,\s*/))),
    events: { ...(registered ? { registered } : {}), ...(expires ? { expires } : {}), ...(lastChanged ? { lastChanged } : {}) },
    dnssec: dnssec === undefined ? undefined : /^(signed|yes|signeddelegation|active)/i.test(dnssec),
    referral: hostOf(first(fields, ['registrar whois server', 'whois server', 'refer', 'whois'])),
  };
}
