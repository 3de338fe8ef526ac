/**
 * Profile links: which platform a host belongs to, and which profile (if any) a link on it names.
 *
 * A link on a platform is never a domain to seize (facebook.com is not the target, a seller on it is),
 * so every link on these hosts ends here: either a profile (platform + handle + canonical URL) or a
 * refusal that says why the link names no profile. Handles are lower-cased where the platform treats
 * them case-insensitively (all here except YouTube channel IDs), so two spellings of one profile
 * normalise to one target and deconfliction sees them as the same.
 *
 * Handles are unique per platform: where a platform has several namespaces in its URLs, the handle
 * keeps the namespace (`c/name` and `user/name` on YouTube, `i/user/<id>` on X, `ebay/usr/<seller>`
 * on the marketplace platform), because the same word in two namespaces can be two accounts.
 *
 * Pure: no I/O, no node: imports (it runs inside Temporal workflows).
 */
import type { Platform } from './types';

/** A link on a platform host, split by normalize.ts. */
export interface LinkParts {
  /** Full host, ASCII lower-case, e.g. `m.facebook.com`. */
  host: string;
  /** Registrable domain of the host, e.g. `facebook.com`. */
  domain: string;
  /** Path segments, percent-decoded, empty ones left out. */
  segments: string[];
  query: URLSearchParams;
}

/** What a link names: a profile (`used` leading segments and `usedParams` named it), or why it names none. */
export type ProfileRead =
  | {
      ok: true;
      handle: string;
      url: string;
      permanentId?: string;
      used: number;
      usedParams?: string[];
      notes?: string[];
    }
  | { ok: false; reason: string };

/** One platform: its domains, the hosts that serve profiles, and how to read a profile from a path. */
export interface PlatformSite {
  platform: Platform;
  /** Name for people, e.g. `Facebook`, `eBay`. */
  name: string;
  /** Registrable domains, e.g. `facebook.com`, `fb.com`. */
  domains: readonly string[];
  /** Subdomains that serve profiles; `''` is the bare domain. */
  profileHosts: readonly string[];
  /** Hosts whose links hide the profile behind a redirect, with what to do instead. */
  shortLinkHosts?: Readonly<Record<string, string>>;
  /** The accepted link forms, quoted in refusals. */
  accepts: string;
  read(link: LinkParts): ProfileRead;
}

const missing = (reason: string): ProfileRead => ({ ok: false, reason });
const isDigits = (s: string | undefined): s is string => s !== undefined && /^\d{1,25}$/.test(s);
const lower = (s: string | undefined): string => (s ?? '').toLowerCase();

// ---------------------------------------------------------------------------------------------- Facebook

/** First path segments that are Facebook features, not usernames. */
const facebookReserved = new Set([
  'about', 'ads', 'bookmarks', 'business', 'careers', 'checkpoint', 'dialog', 'directory', 'events',
  'find-friends', 'friends', 'fundraisers', 'gaming', 'hashtag', 'help', 'home.php', 'l.php', 'legal',
  'live', 'login', 'login.php', 'logout.php', 'marketplace', 'media', 'memories', 'messages',
  'notifications', 'p', 'pages', 'people', 'permalink.php', 'photo', 'photo.php', 'photos', 'plugins', 'policies',
  'privacy', 'recover', 'reel', 'reels', 'saved', 'search', 'settings', 'sharer', 'sharer.php',
  'stories', 'story.php', 'terms', 'tr', 'video.php', 'videos', 'watch',
]);

function facebookId(id: string, used: number, usedParams?: string[]): ProfileRead {
  return { ok: true, handle: id, permanentId: id, url: `https://www.facebook.com/profile.php?id=${id}`, used, usedParams };
}

function readFacebook({ segments: s, query }: LinkParts): ProfileRead {
  const first = lower(s[0]);
  if (!first) return missing('the link names no profile');
  // Numeric IDs survive username changes: keep them as the permanent ID.
  if (first === 'profile.php') {
    const id = query.get('id') ?? undefined;
    return isDigits(id) ? facebookId(id, 1, ['id']) : missing('"/profile.php" has no numeric id= parameter');
  }
  if (first === 'people' && isDigits(s[2])) return facebookId(s[2], 3);
  if (first === 'pages' && isDigits(s[2])) return facebookId(s[2], 3);
  if (first === 'marketplace' && lower(s[1]) === 'profile' && isDigits(s[2])) return facebookId(s[2], 3);
  const pageId = first === 'p' ? /-(\d{5,25})$/.exec(s[1] ?? '')?.[1] : undefined;
  if (pageId) return facebookId(pageId, 2);
  if (first === 'groups') return missing('a Facebook group is not a profile; give the link of the member or page that sells');
  if (first === 'share') return missing('a share link hides the profile; open it and copy the profile link it leads to');
  if (facebookReserved.has(first) || first.endsWith('.php')) return missing(`"/${s[0]}" is a Facebook page, not a profile`);
  if (isDigits(first)) return facebookId(first, 1);
  if (!/^[a-z0-9.]{1,50}$/.test(first)) return missing(`"${s[0]}" is not a Facebook username (letters, digits and dots)`);
  return { ok: true, handle: first, url: `https://www.facebook.com/${first}`, used: 1 };
}

// --------------------------------------------------------------------------------------------- Instagram

/** First path segments that are Instagram features, with what they are. */
const instagramReserved: Record<string, string> = {
  p: 'a post', reel: 'a reel', reels: 'the reels feed', tv: 'a video', explore: 'the explore page',
  accounts: 'an account page', direct: 'direct messages', about: 'an information page', developer: 'an information page',
  legal: 'an information page', web: 'an app page', challenge: 'an app page', emails: 'an app page',
  session: 'an app page', privacy: 'an information page', terms: 'an information page', directory: 'the directory',
  topics: 'a topic page', stories: 'a story without its profile', ar: 'an effect', api: 'an app page', graphql: 'an app page', oauth: 'an app page',
};

function readInstagram({ segments: s }: LinkParts): ProfileRead {
  const first = lower(s[0]);
  if (!first) return missing('the link names no profile');
  // /stories/<handle>/<id> is a story of that profile.
  const [handle, used] = first === 'stories' && s[1] && lower(s[1]) !== 'highlights' ? [lower(s[1]), 2] : [first, 1];
  const what = used === 1 ? instagramReserved[first] : undefined;
  if (what) return missing(`"/${s.join('/')}" is ${what}, not a profile`);
  if (!/^[a-z0-9._]{1,30}$/.test(handle)) return missing(`"${handle}" is not an Instagram username (letters, digits, "." and "_", at most 30)`);
  return { ok: true, handle, url: `https://www.instagram.com/${handle}`, used };
}

// ------------------------------------------------------------------------------------------- X / Twitter

/** First path segments that are X features, not handles. */
const xReserved = new Set([
  'account', 'compose', 'download', 'explore', 'hashtag', 'home', 'i', 'intent', 'login', 'logout',
  'messages', 'notifications', 'oauth', 'privacy', 'search', 'settings', 'share', 'signup', 'tos',
  'who_to_follow',
]);

function readX({ segments: s, query }: LinkParts): ProfileRead {
  const first = lower(s[0]);
  if (!first) return missing('the link names no profile');
  // The numeric user ID survives handle changes (PRODUCT.md P6); X links to it as /i/user/<id>.
  if (first === 'i' && lower(s[1]) === 'user' && isDigits(s[2])) {
    return { ok: true, handle: `i/user/${s[2]}`, permanentId: s[2], url: `https://x.com/i/user/${s[2]}`, used: 3 };
  }
  // Follow intents name their user; the other intents (tweet, retweet, like) name none.
  if (first === 'intent' && (lower(s[1]) === 'user' || lower(s[1]) === 'follow')) {
    const name = lower(query.get('screen_name') ?? undefined);
    if (/^[a-z0-9_]{1,15}$/.test(name)) return { ok: true, handle: name, url: `https://x.com/${name}`, used: 2, usedParams: ['screen_name'] };
    const id = query.get('user_id') ?? undefined;
    if (isDigits(id)) return { ok: true, handle: `i/user/${id}`, permanentId: id, url: `https://x.com/i/user/${id}`, used: 2, usedParams: ['user_id'] };
  }
  if (xReserved.has(first)) return missing(`"/${s.join('/')}" is an X app page, not a profile`);
  if (!/^[a-z0-9_]{1,15}$/.test(first)) return missing(`"${s[0]}" is not an X handle (letters, digits and "_", at most 15)`);
  return { ok: true, handle: first, url: `https://x.com/${first}`, used: 1 };
}

// ------------------------------------------------------------------------------------------------ TikTok

function readTikTok({ segments: s }: LinkParts): ProfileRead {
  const first = s[0];
  if (!first) return missing('the link names no profile');
  if (!first.startsWith('@')) return missing(`"/${s.join('/')}" is not a profile; a TikTok profile path starts with "@"`);
  const handle = lower(first.slice(1));
  if (!/^[a-z0-9._]{1,24}$/.test(handle)) return missing(`"${first}" is not a TikTok username (letters, digits, "." and "_", at most 24)`);
  return { ok: true, handle, url: `https://www.tiktok.com/@${handle}`, used: 1 };
}

// ----------------------------------------------------------------------------------------------- YouTube

/** First path segments that are YouTube features, with what they are. */
const youtubeReserved: Record<string, string> = {
  watch: 'a video', shorts: 'a short video', embed: 'a video', live: 'a live stream', v: 'a video',
  playlist: 'a playlist', results: 'a search', feed: 'a feed', hashtag: 'a hashtag page', post: 'a post',
  premium: 'an app page', gaming: 'an app page', account: 'an app page', signin: 'an app page',
  redirect: 'a redirect', t: 'an information page', about: 'an information page', kids: 'an app page',
  music: 'an app page', channel: 'a channel link without a channel ID', c: 'a custom link without a name',
  user: 'a user link without a name', attribution_link: 'a redirect', sitemap: 'an information page',
};

const youtubeName = /^[\p{L}\p{M}\p{N}._-]{1,100}$/u;

function readYouTube({ segments: s }: LinkParts): ProfileRead {
  const first = s[0];
  if (!first) return missing('the link names no channel');
  if (first.startsWith('@')) {
    const handle = lower(first.slice(1));
    if (!/^[\p{L}\p{M}\p{N}._-]{3,30}$/u.test(handle)) return missing(`"${first}" is not a YouTube handle (3 to 30 letters, digits, ".", "_" or "-")`);
    return { ok: true, handle, url: `https://www.youtube.com/@${encodeURIComponent(handle)}`, used: 1 };
  }
  const key = first.toLowerCase();
  // Channel IDs are case-sensitive and permanent: keep them exactly.
  if (key === 'channel' && s[1] !== undefined) {
    const id = s[1];
    if (!/^UC[A-Za-z0-9_-]{22}$/.test(id)) return missing(`"${id}" is not a YouTube channel ID ("UC" and 22 more characters)`);
    return { ok: true, handle: id, permanentId: id, url: `https://www.youtube.com/channel/${id}`, used: 2 };
  }
  // Legacy custom URLs and usernames are separate namespaces from @handles: keep the prefix.
  if ((key === 'c' || key === 'user') && s[1] !== undefined) {
    const name = lower(s[1]);
    if (!youtubeName.test(name)) return missing(`"${s[1]}" is not a YouTube ${key === 'c' ? 'custom URL' : 'username'}`);
    return { ok: true, handle: `${key}/${name}`, url: `https://www.youtube.com/${key}/${encodeURIComponent(name)}`, used: 2 };
  }
  const what = youtubeReserved[key];
  if (what) return missing(`"/${s.join('/')}" is ${what}, not a channel`);
  // youtube.com/<name> is the old short form of a custom URL.
  const name = lower(first);
  if (!/^[a-z0-9._-]{1,100}$/.test(name)) return missing(`"/${first}" is not a YouTube channel link`);
  return {
    ok: true,
    handle: `c/${name}`,
    url: `https://www.youtube.com/c/${name}`,
    used: 1,
    notes: [`read "/${first}" as the legacy custom URL "/c/${name}"; check that it opens the intended channel`],
  };
}

// ----------------------------------------------------------------------------------- eBay (marketplace)

function ebaySeller(raw: string, used: number, usedParams?: string[]): ProfileRead {
  const seller = lower(raw);
  if (!/^[a-z0-9._*-]{1,64}$/.test(seller)) return missing(`"${raw}" is not an eBay user ID`);
  return { ok: true, handle: `ebay/usr/${seller}`, url: `https://www.ebay.com/usr/${seller}`, used, usedParams };
}

function readEbay({ segments: s, query }: LinkParts): ProfileRead {
  const first = lower(s[0]);
  if (!first) return missing('the link names no seller');
  if (first === 'usr' && s[1]) return ebaySeller(s[1], 2);
  if (first === 'fdbk' && lower(s[1]) === 'feedback_profile' && s[2]) return ebaySeller(s[2], 3);
  // A search restricted to one seller's items (/sch/i.html?_ssn=<seller>) names that seller.
  const ssn = query.get('_ssn');
  if (first === 'sch' && ssn) return ebaySeller(ssn, s.length, ['_ssn']);
  if (first === 'str' && s[1]) {
    const store = lower(s[1]);
    if (!/^[a-z0-9._-]{1,64}$/.test(store)) return missing(`"${s[1]}" is not an eBay store name`);
    return { ok: true, handle: `ebay/str/${store}`, url: `https://www.ebay.com/str/${store}`, used: 2 };
  }
  if (first === 'itm') return missing("an item link names no seller; open the listing and copy the seller's link");
  return missing(`"/${s.join('/')}" is not a seller or store page`);
}

// ------------------------------------------------------------------------------------------------ table

export const platformSites: readonly PlatformSite[] = [
  {
    platform: 'facebook',
    name: 'Facebook',
    domains: ['facebook.com', 'fb.com', 'fb.me'],
    profileHosts: ['', 'www', 'm', 'mbasic', 'web', 'touch', 'mobile'],
    accepts: 'https://www.facebook.com/<username>, /profile.php?id=<number> or /people/<name>/<number>',
    read: readFacebook,
  },
  {
    platform: 'instagram',
    name: 'Instagram',
    domains: ['instagram.com', 'instagr.am'],
    profileHosts: ['', 'www', 'm'],
    accepts: 'https://www.instagram.com/<username>',
    read: readInstagram,
  },
  {
    platform: 'x',
    name: 'X',
    domains: ['x.com', 'twitter.com'],
    profileHosts: ['', 'www', 'mobile', 'm'],
    accepts: 'https://x.com/<handle> (or twitter.com), /<handle>/status/<id> or /i/user/<numeric id>',
    read: readX,
  },
  {
    platform: 'tiktok',
    name: 'TikTok',
    domains: ['tiktok.com'],
    profileHosts: ['', 'www', 'm'],
    shortLinkHosts: {
      'vm.tiktok.com': 'a vm.tiktok.com short link hides the profile; open it and copy the profile link it leads to',
      'vt.tiktok.com': 'a vt.tiktok.com short link hides the profile; open it and copy the profile link it leads to',
    },
    accepts: 'https://www.tiktok.com/@<username> or /@<username>/video/<id>',
    read: readTikTok,
  },
  {
    platform: 'youtube',
    name: 'YouTube',
    domains: ['youtube.com', 'youtu.be'],
    profileHosts: ['', 'www', 'm'],
    shortLinkHosts: { 'youtu.be': 'a youtu.be link is a video; open it and copy the channel link' },
    accepts: 'https://www.youtube.com/@<handle>, /channel/UC<22 characters>, /c/<name> or /user/<name>',
    read: readYouTube,
  },
  {
    platform: 'marketplace',
    name: 'eBay',
    domains: [
      'ebay.com', 'ebay.co.uk', 'ebay.de', 'ebay.fr', 'ebay.it', 'ebay.es', 'ebay.ca', 'ebay.com.au',
      'ebay.at', 'ebay.ch', 'ebay.ie', 'ebay.nl', 'ebay.be', 'ebay.pl', 'ebay.com.hk', 'ebay.com.sg',
      'ebay.com.my', 'ebay.ph',
    ],
    profileHosts: ['', 'www', 'm'],
    accepts: 'https://www.ebay.com/usr/<seller> or /str/<store>',
    read: readEbay,
  },
];

const siteByDomain = new Map<string, PlatformSite>(platformSites.flatMap((site) => site.domains.map((d) => [d, site] as const)));

/** The platform a registrable domain belongs to, if any. */
export function platformSiteFor(registrableDomain: string): PlatformSite | undefined {
  return siteByDomain.get(registrableDomain);
}

/** Read the profile a link on `site` names; hosts that serve no profiles name none. */
export function readProfile(site: PlatformSite, link: LinkParts): ProfileRead {
  const shortLink = site.shortLinkHosts?.[link.host];
  if (shortLink) return missing(shortLink);
  const sub = link.host === link.domain ? '' : link.host.slice(0, -(link.domain.length + 1));
  if (!site.profileHosts.includes(sub)) return missing(`${link.host} does not serve ${site.name} profiles`);
  return site.read(link);
}
