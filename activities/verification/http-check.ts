import net from 'node:net';
import { verificationUserAgent } from '../../domain/custody';
import { canonicalAddress } from '../../lib/net/fetch-guard';
import { httpGet } from '../../lib/net/http-get';
import type { CheckOutcome } from './registry-check';

export interface HttpCheckOptions {
  /** The port the banner answers on at its addresses (80 in production). */
  port: number;
  timeoutMs: number;
  /** The banner's own addresses (TAKEDOWN_BANNER_ADDRESSES): the only places this check sends a request. */
  bannerAddresses: string[];
}

/**
 * What a visitor gets: a request for the domain (its Host header), sent to the address DNS gave, must
 * return our banner page for this domain and, when known, this case. The page marks itself on <body>
 * (data-takedown-banner, data-domain, data-case-ref) so the check does not depend on its wording.
 * The request goes only to one of the banner's configured addresses: before the seizure the zone is the
 * site owner's, and a GET to whatever it names would let them point our worker anywhere (our own network
 * included). An address DNS gives that is not the banner's fails the check without a request.
 */
export async function checkHttp(domain: string, address: string | undefined, caseRef: string | undefined, options: HttpCheckOptions): Promise<CheckOutcome> {
  const expected = `HTTP 200 with the banner for ${domain}${caseRef ? `, case ${caseRef}` : ''}`;
  if (!address) return { check: { name: 'http', ok: false, expected, seen: 'no address to ask: DNS gave none' }, progress: false };
  const bannerIps = options.bannerAddresses.map(canonicalAddress);
  const ip = canonicalAddress(address);
  if (!bannerIps.includes(ip)) {
    return { check: { name: 'http', ok: false, expected, seen: `not asked: DNS sends visitors to ${ip}, not to a banner address (${bannerIps.join(', ')})` }, progress: false };
  }
  const where = `${net.isIPv6(ip) ? `[${ip}]` : ip}:${options.port}`;
  try {
    // The banner's own address, named in configuration: allowed on its port whether public or not.
    const page = await httpGet(`http://${where}/`, {
      headers: { host: domain, 'user-agent': verificationUserAgent }, timeoutMs: options.timeoutMs, maxBytes: 512 * 1024, maxRedirects: 0, allowHosts: [where],
    });
    const body = page.body.toString('utf8');
    const marker = (name: string) => new RegExp(`<body[^>]*\\s${name}="([^"]*)"`).exec(body)?.[1];
    const banner = marker('data-takedown-banner');
    const servedDomain = marker('data-domain');
    const servedCase = marker('data-case-ref');
    const ok = page.status === 200 && banner !== undefined && servedDomain === domain && (caseRef === undefined || servedCase === escapeHtml(caseRef));
    const what = banner === undefined
      ? `not our banner (title ${JSON.stringify(/<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim() ?? '')})`
      : `banner (${banner}) for ${servedDomain}, case ${servedCase}`;
    return { check: { name: 'http', ok, expected, seen: `HTTP ${page.status} from ${where}: ${what}` }, progress: ok };
  } catch (error) {
    return { check: { name: 'http', ok: false, expected, seen: `no answer from ${where}: ${(error as { message?: string }).message ?? String(error)}` }, progress: false };
  }
}

/** As Handlebars escapes attribute values, so a case reference compares as the page writes it. */
function escapeHtml(value: string): string {
  const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
  return value.replace(/[&<>"'`=]/g, (c) => map[c]!);
}
