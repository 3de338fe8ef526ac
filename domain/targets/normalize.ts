/**
 * Target normalisation: whatever an agent pasted (a bare name, a URL, a profile link) becomes one
 * canonical target or a refusal that says what is wrong and what would be accepted.
 *
 * The normalised form is what the workflow ID is derived from (PRODUCT.md §2, deconfliction), so two
 * spellings of one target must give the same result: trimmed, lower-case, no trailing dot, IDN in
 * punycode, reduced to the registrable domain (ICANN section of the public suffix list).
 *
 * Pure and deterministic: no I/O and no `node:` imports, because workflows call it inside Temporal's
 * sandbox. IDN → ASCII uses the WHATWG `URL` global (the sandbox provides it); ASCII → Unicode uses the
 * small RFC 3492 decoder at the end of this file (see there for why not the npm `punycode` package).
 */
import { toUnicode } from './punycode';
import { parse } from 'tldts';
import { TakedownError, type ErrorCode } from '../errors';
import { sharedHostingSuffix } from './hosting';
import { platformSiteFor, readProfile, type PlatformSite } from './profiles';
import type { DomainTarget, HostedTarget, ProfileTarget, Target } from './types';

export type NormalizeResult =
  | { ok: true; target: Target }
  | { ok: false; input: string; error: { code: ErrorCode; message: string } };

/** Normalise one pasted target; never throws for bad input. */
export function normalizeTarget(input: string): NormalizeResult {
  try {
    return { ok: true, target: normalize(input) };
  } catch (err) {
    if (err instanceof TakedownError) return { ok: false, input, error: { code: err.code, message: err.message } };
    throw err;
  }
}

/** Normalise one pasted target, or throw the refusal as a TakedownError with its TARGET_* code. */
export function normalizeTargetOrThrow(input: string): Target {
  const result = normalizeTarget(input);
  if (!result.ok) throw new TakedownError(result.error.code, result.error.message);
  return result.target;
}

/** Builds a refusal whose message starts with the input it refuses. */
type Fail = (code: ErrorCode, detail: string) => TakedownError;

const EXAMPLES = 'a domain name (example.com), a web link (https://example.com/shop) or a profile link (https://x.com/handle)';
const LABEL_RULE = 'a label has letters, digits and inner hyphens, at most 63 characters';

function normalize(input: string): Target {
  const text = input.trim();
  if (!text) throw new TakedownError('TARGET_EMPTY', `input is empty; give ${EXAMPLES}`);
  const fail: Fail = (code, detail) => new TakedownError(code, `${JSON.stringify(text)}: ${detail}`);

  const pasted = splitPasted(text, fail);
  const warnings: string[] = [];
  if (pasted.credentials) warnings.push('dropped credentials');
  if (pasted.port) warnings.push(`dropped port ${pasted.port}`);

  const { ascii, unicode } = checkHost(pasted.host, fail);
  const icann = parse(ascii, { extractHostname: false });
  const tld = ascii.slice(ascii.lastIndexOf('.') + 1);
  if (!icann.isIcann || !icann.publicSuffix) {
    throw fail(
      'TARGET_UNKNOWN_TLD',
      ascii.includes('.')
        ? `top-level domain "${toUnicode(tld)}" is not in the public suffix list; check the spelling, e.g. example.com or example.co.uk`
        : `"${unicode}" has no top-level domain from the public suffix list; a domain name looks like example.com`,
    );
  }
  if (!icann.domain) {
    throw fail(
      'TARGET_BARE_TLD',
      `"${unicode}" is a public suffix, not a registrable domain; a seizure needs a name under it, such as example.${unicode}`,
    );
  }
  if (NO_REGISTRY.has(tld)) {
    throw fail('TARGET_UNKNOWN_TLD', `".${tld}" is a special-use name with no registry to serve a seizure on; give a domain under a delegated top-level domain`);
  }

  // A link on a platform names an account on it, never the platform's domain (facebook.com is not seized).
  const site = platformSiteFor(icann.domain);
  if (site) return profileTarget(input, site, ascii, icann.domain, pasted, warnings, fail);

  warnings.push(...droppedTail(pasted));
  const hostingSuffix = sharedHostingSuffix(ascii);
  if (hostingSuffix) return hostedTarget(input, ascii, unicode, hostingSuffix, icann.publicSuffix, warnings, fail);

  const domain = icann.domain;
  const domainUnicode = toUnicode(domain);
  if (domain !== ascii) warnings.push(`reduced host "${unicode}" to its registrable domain "${domainUnicode}"`);
  const target: DomainTarget = { kind: 'domain', input, domain, unicode: domainUnicode, tld: icann.publicSuffix, warnings };
  return target;
}

/** Top-level names in the public suffix list that have no registry to serve a seizure on. */
const NO_REGISTRY = new Set(['onion', 'arpa']);

// ------------------------------------------------------------------------------------ splitting a paste

/** A paste split into host and the parts we drop or read. */
interface Pasted {
  host: string;
  port: string;
  credentials: boolean;
  path: string;
  search: string;
  hash: string;
}

/**
 * The scheme of `text`, if it has one. `example.com:8080` and `localhost:8080` are a host and a port,
 * not a scheme, so a "scheme" with a dot or followed by a port number is not one.
 */
function schemeOf(text: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text);
  if (!m) return undefined;
  const [, name = '', after = ''] = m;
  if (!after.startsWith('//') && (name.includes('.') || /^\d*([/?#]|$)/.test(after))) return undefined;
  return name.toLowerCase();
}

function splitPasted(text: string, fail: Fail): Pasted {
  const scheme = schemeOf(text);
  let rest = text;
  if (scheme !== undefined) {
    if (scheme !== 'http' && scheme !== 'https') {
      throw fail('TARGET_UNSUPPORTED_SCHEME', `scheme "${scheme}:" is not supported; give an http(s) link or a bare domain name such as example.com`);
    }
    rest = text.slice(scheme.length + 1);
  } else {
    refuseAddressLike(text, fail);
  }
  // The `//` after the scheme, or a protocol-relative link; URL treats `\` as `/` in web links too.
  rest = rest.replace(/^[/\\]+/, '');
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);

  const at = authority.lastIndexOf('@');
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  if (hostPort.startsWith('[') || (hostPort.split(':').length > 2 && /^[0-9a-f:.]+(%.*)?$/i.test(hostPort))) {
    const address = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1 || undefined) : hostPort;
    throw fail('TARGET_IP_ADDRESS', `${address} is an IPv6 address; a seizure needs a domain name such as example.com (take an IP address to its hosting provider)`);
  }
  const colon = hostPort.indexOf(':');
  const port = colon < 0 ? '' : hostPort.slice(colon + 1);
  if (!/^\d*$/.test(port)) throw fail('TARGET_MALFORMED', `port "${port}" is not a number; give ${EXAMPLES}`);
  let host = (colon < 0 ? hostPort : hostPort.slice(0, colon)).toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1); // the root label: `example.com.` is `example.com`
  if (!host) throw fail('TARGET_MALFORMED', `the link has no host name; give ${EXAMPLES}`);

  const hashAt = tail.indexOf('#');
  const beforeHash = hashAt < 0 ? tail : tail.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  return {
    host,
    port,
    credentials: at >= 0,
    path: (queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt)).replace(/\\/g, '/'),
    search: queryAt < 0 ? '' : beforeHash.slice(queryAt),
    hash: hashAt < 0 ? '' : tail.slice(hashAt),
  };
}

/** A scheme-less paste that is an e-mail address or a bare @handle is not a web target. */
function refuseAddressLike(text: string, fail: Fail): void {
  if (/^@[^/.\s]+$/.test(text)) {
    throw fail('TARGET_MALFORMED', `a bare handle does not say which platform it is on; give the profile link, e.g. https://x.com/${text.slice(1)}`);
  }
  const at = text.lastIndexOf('@');
  if (at > 0 && !/[/?#\\:]/.test(text)) {
    const mailDomain = text.slice(at + 1);
    throw fail('TARGET_EMAIL_ADDRESS', `this is an e-mail address; to target its domain give "${mailDomain}", to target an account give its profile link`);
  }
}

// ------------------------------------------------------------------------------------- checking a host

const IPV4_PART = /^(0x[0-9a-f]*|\d+)$/;

/** Validate a host label by label and convert it to ASCII (punycode) and Unicode. */
function checkHost(host: string, fail: Fail): { ascii: string; unicode: string } {
  const labels = host.split('.');
  // WHATWG URL reads a name made of numbers as IPv4, in any base: 2130706433 and 0x7f.1 are 127.0.0.1.
  if (labels.every((label) => IPV4_PART.test(label))) {
    throw fail('TARGET_IP_ADDRESS', `${host} is an IP address; a seizure needs a domain name such as example.com (take an IP address to its hosting provider)`);
  }
  for (const label of labels) checkLabel(label, host, fail);
  const last = labels[labels.length - 1] ?? '';
  if (IPV4_PART.test(last)) {
    throw fail('TARGET_UNKNOWN_TLD', `top-level domain "${last}" is a number, and no top-level domain is; check the spelling, e.g. example.com`);
  }

  let ascii: string;
  try {
    ascii = new URL(`http://${host}/`).hostname; // IDNA (UTS 46): bücher.de → xn--bcher-kva.de
  } catch {
    const bad = labels.find((label) => !urlAccepts(label)) ?? host;
    throw fail('TARGET_INVALID_LABEL', `label "${bad}" is not a valid internationalised (IDNA) label; ${LABEL_RULE}`);
  }
  // URL maps look-alikes (full-width digits and dots), so check the ASCII form once more.
  const asciiLabels = ascii.split('.');
  if (ascii.startsWith('[') || asciiLabels.every((label) => IPV4_PART.test(label))) {
    throw fail('TARGET_IP_ADDRESS', `${ascii} is an IP address; a seizure needs a domain name such as example.com`);
  }
  for (const label of asciiLabels) {
    if (!label) throw fail('TARGET_INVALID_LABEL', `the name "${ascii}" has an empty label; ${LABEL_RULE}`);
    if (label.length > 63) {
      throw fail('TARGET_INVALID_LABEL', `label "${label}" is ${label.length} characters long in ASCII; ${LABEL_RULE}`);
    }
    // IDNA maps some symbols to ASCII punctuation (🄐 becomes "(a)", ⑴ "(1)"): what DNS gets must be LDH.
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(label)) {
      throw fail('TARGET_INVALID_LABEL', `the name becomes "${ascii}" in ASCII, and its label "${label}" is not a DNS label; ${LABEL_RULE}`);
    }
  }
  if (ascii.length > 253) throw fail('TARGET_INVALID_LABEL', `the name is ${ascii.length} characters long in ASCII; a domain name has at most 253 characters`);

  let unicode: string;
  try {
    unicode = toUnicode(ascii);
  } catch {
    const bad = asciiLabels.find((label) => label.startsWith('xn--')) ?? ascii;
    throw fail('TARGET_INVALID_LABEL', `label "${bad}" is not valid punycode; ${LABEL_RULE}`);
  }
  return { ascii, unicode };
}

/** Letters and digits of any script and inner hyphens; ASCII punctuation and spaces are named. */
function checkLabel(label: string, host: string, fail: Fail): void {
  if (!label) throw fail('TARGET_INVALID_LABEL', `the name "${host}" has an empty label (two dots in a row or a leading dot); ${LABEL_RULE}`);
  for (const ch of label) {
    if (/\s/u.test(ch)) throw fail('TARGET_INVALID_LABEL', `label "${label}" contains a space; ${LABEL_RULE}`);
    if (ch < '\u0080' && !/[a-z0-9-]/.test(ch)) throw fail('TARGET_INVALID_LABEL', `label "${label}" contains ${JSON.stringify(ch)}; ${LABEL_RULE}`);
  }
  if (label.startsWith('-')) throw fail('TARGET_INVALID_LABEL', `label "${label}" starts with a hyphen; ${LABEL_RULE}`);
  if (label.endsWith('-')) throw fail('TARGET_INVALID_LABEL', `label "${label}" ends with a hyphen; ${LABEL_RULE}`);
}

function urlAccepts(label: string): boolean {
  try {
    new URL(`http://${label}.example/`);
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------------------------ building targets

/** The warning for the path, query and fragment a domain target drops, if any. */
function droppedTail({ path, search, hash }: Pasted): string[] {
  const query = search === '?' ? '' : search;
  const fragment = hash === '#' ? '' : hash;
  if (path && path !== '/') return [`dropped path "${path}${search}${hash}"`];
  if (query) return [`dropped query "${query}${hash}"`];
  if (fragment) return [`dropped fragment "${fragment}"`];
  return [];
}

function hostedTarget(
  input: string,
  ascii: string,
  unicode: string,
  hostingSuffix: string,
  tld: string,
  warnings: string[],
  fail: Fail,
): HostedTarget {
  // The service's own name (or its www) is the parent of every site on it: the mooo.com mistake.
  if (ascii === hostingSuffix || ascii === `www.${hostingSuffix}`) {
    throw fail(
      'TARGET_BARE_TLD',
      `"${toUnicode(hostingSuffix)}" is a shared-hosting service: seizing it would take down every site under it ` +
        `(the 2011 mooo.com seizure took down about 84,000 sites); name the one site, such as shop.${toUnicode(hostingSuffix)}`,
    );
  }
  warnings.push(
    `"${unicode}" is a site on the shared-hosting service "${toUnicode(hostingSuffix)}": seizing that parent would take down ` +
      'unrelated sites (the 2011 mooo.com seizure took down about 84,000), so send this one to the hosting provider instead',
  );
  return { kind: 'hosted', input, domain: ascii, unicode, hostingSuffix, tld, warnings };
}

function profileTarget(
  input: string,
  site: PlatformSite,
  host: string,
  domain: string,
  pasted: Pasted,
  warnings: string[],
  fail: Fail,
): ProfileTarget {
  const rawSegments = pasted.path.split('/').filter(Boolean);
  const query = new URLSearchParams(pasted.search);
  const read = readProfile(site, { host, domain, segments: rawSegments.map(decodeSegment), query });
  if (!read.ok) throw fail('TARGET_PROFILE_MISSING', `${read.reason}; ${site.name} links that name a profile: ${site.accepts}`);

  const rest = rawSegments.slice(read.used);
  if (rest.length) warnings.push(`dropped path "/${rest.join('/')}" after the profile`);
  for (const name of read.usedParams ?? []) query.delete(name);
  const leftover = query.toString();
  if (leftover) warnings.push(`dropped query "?${leftover}"`);
  if (pasted.hash && pasted.hash !== '#') warnings.push(`dropped fragment "${pasted.hash}"`);
  warnings.push(...(read.notes ?? []));

  const target: ProfileTarget = { kind: 'profile', input, platform: site.platform, handle: read.handle, url: read.url, warnings };
  if (read.permanentId) target.permanentId = read.permanentId;
  return target;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

