import { domainToASCII } from 'node:url';

/**
 * The name a request asks for, as the allow-list keys it: the Host header without its port, lower-case,
 * without the root's dot, IDN as punycode. Undefined for anything that is not a domain name (an IP
 * literal, an empty or malformed header), which can never be on the allow-list.
 */
export function hostKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const raw = header.trim();
  if (raw.startsWith('[')) return undefined; // an IPv6 literal
  const name = raw.replace(/:\d*$/, '').replace(/\.$/, '').toLowerCase();
  if (!name || /^[\d.]+$/.test(name)) return undefined; // empty, or an IPv4 literal
  const ascii = domainToASCII(name);
  return ascii && ascii.includes('.') ? ascii : undefined;
}
