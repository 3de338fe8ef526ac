/**
 * Shared hosting: names under which many unrelated people run their own sites. Seizing such a parent
 * domain blacks out every site under it: the 2011 seizure of mooo.com (a free subdomain service) took
 * down about 84,000 sites (PRODUCT.md §2, S18). A name found here is never seized as a domain; it
 * becomes a `hosted` target and goes to the hosting provider instead.
 *
 * The public suffix list's *private* section (tldts `allowPrivateDomains`) already flags most platforms
 * (blogspot.com, github.io, myshopify.com, wixsite.com, herokuapp.com, netlify.app, ...). The list below
 * adds well-known services that are missing from it. When in doubt, list it: a wrong `hosted` verdict
 * costs a review, a wrong `domain` verdict costs other people's sites.
 *
 * Pure data plus one pure function, so it is safe inside the Temporal workflow sandbox.
 */
import { parse } from 'tldts';

/** Free-subdomain and site-builder services that are not in the PSL private section (checked against tldts 7.6). */
export const sharedHostingSuffixes: readonly string[] = [
  // Free DNS / dynamic DNS: afraid.org's FreeDNS runs mooo.com and many more.
  'mooo.com',
  'afraid.org',
  'chickenkiller.com',
  'us.to',
  'no-ip.com',
  'no-ip.org',
  'no-ip.biz',
  'no-ip.info',
  // Blog and site builders.
  'wordpress.com',
  'weebly.com',
  'weeblysite.com',
  'tumblr.com',
  'squarespace.com',
  'godaddysites.com',
  'jimdosite.com',
  'jimdofree.com',
  'strikingly.com',
  'mystrikingly.com',
  'webnode.com',
  'webs.com',
  'site123.me',
  'livejournal.com',
  'substack.com',
  'tripod.com',
  'angelfire.com',
  'ucoz.ru',
  'narod.ru',
  'neocities.org',
  'glitch.me',
  // Shops.
  'bigcartel.com',
  'mybigcommerce.com',
  'storenvy.com',
  'ecwid.com',
  // Free web hosts.
  '000webhostapp.com',
  'byethost.com',
  'infinityfreeapp.com',
  'epizy.com',
  'rf.gd',
  'free.fr',
];

/**
 * Blogger serves every blog under blogspot.<country> too (blogspot.co.uk, blogspot.de, ...), and those
 * left the PSL. Google holds them all, so any `blogspot` registrable label counts as shared hosting.
 */
const sharedHostingLabels: readonly string[] = ['blogspot'];

/**
 * The shared-hosting suffix a host sits under or is, e.g. `blogspot.com` for `shop.blogspot.com` and
 * for `blogspot.com` itself; undefined for an ordinary domain. `host` is ASCII (punycode), lower-case.
 */
export function sharedHostingSuffix(host: string): string | undefined {
  const privateView = parse(host, {
    extractHostname: false,
    allowPrivateDomains: true,
    extraSuffixes: { private: sharedHostingSuffixes },
  });
  if (privateView.isPrivate && privateView.publicSuffix) return privateView.publicSuffix;
  const icannView = parse(host, { extractHostname: false });
  if (icannView.domain && icannView.domainWithoutSuffix && sharedHostingLabels.includes(icannView.domainWithoutSuffix)) {
    return icannView.domain;
  }
  return undefined;
}
