/**
 * Where evidence capture may go: `http(s)://` the target's own domain or one of its subdomains, never
 * with credentials. A pasted link is the suspect's text, and a page we fetch may redirect anywhere, so
 * every URL (the first and each redirect) passes this rule before a request is made. Ports are judged
 * where the connection is made (lib/net: 80 and 443 only), because only that side knows the
 * address a name resolves to.
 *
 * Pure (the WHATWG `URL` global only): the case workflow uses it to turn a pasted link into the
 * evidence URL, and the fetcher applies it to every hop.
 */

export type ScopeCheck = { ok: true; url: string; host: string } | { ok: false; reason: string };

/** Whether `host` (ASCII, any case, a trailing dot allowed) is `scope` or a name under it. */
export function inScope(host: string, scope: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const base = scope.toLowerCase().replace(/\.$/, '');
  return base.length > 0 && (name === base || name.endsWith(`.${base}`));
}

/**
 * Checks one URL against the scope and returns it as it may be fetched: credentials and fragment
 * removed (a fragment is never sent; credentials would be sent to the suspect's server).
 */
export function checkFetchUrl(raw: string, scope: string): ScopeCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `${JSON.stringify(raw.slice(0, 200))} is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme "${url.protocol}" is not fetched: only http and https` };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!inScope(host, scope)) return { ok: false, reason: `host ${host} is outside ${scope}: evidence is fetched only from the target's domain and its subdomains` };
  url.username = '';
  url.password = '';
  url.hash = '';
  return { ok: true, url: url.toString(), host };
}

/**
 * The evidence URL of a domain target: the pasted link when it is an http(s) link on the domain (without
 * its credentials and fragment), else the domain's home page.
 */
export function evidenceUrlFor(pasted: string, domain: string): string {
  const text = pasted.trim();
  if (/^https?:\/\//i.test(text)) {
    const checked = checkFetchUrl(text, domain);
    if (checked.ok) return checked.url;
  }
  return `https://${domain}/`;
}
