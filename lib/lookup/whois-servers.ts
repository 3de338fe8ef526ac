/**
 * WHOIS servers for ccTLDs that publish no RDAP server in the IANA bootstrap. whoiser only knows a
 * handful and asks whois.iana.org over the network for the rest, which we never want an activity to do
 * silently; so the table is ours, and TAKEDOWN_WHOIS_SERVERS can add to or override it.
 */
export const defaultWhoisServers: Readonly<Record<string, string>> = {
  io: 'whois.nic.io',
  ac: 'whois.nic.ac',
  sh: 'whois.nic.sh',
  co: 'whois.nic.co',
  me: 'whois.nic.me',
  us: 'whois.nic.us',
  ai: 'whois.nic.ai',
  ca: 'whois.cira.ca',
  de: 'whois.denic.de',
  eu: 'whois.eu',
  it: 'whois.nic.it',
  es: 'whois.nic.es',
  ch: 'whois.nic.ch',
  li: 'whois.nic.ch',
  at: 'whois.nic.at',
  be: 'whois.dns.be',
  pl: 'whois.dns.pl',
  se: 'whois.iis.se',
  ru: 'whois.tcinet.ru',
  su: 'whois.tcinet.ru',
  'xn--p1ai': 'whois.tcinet.ru',
  cn: 'whois.cnnic.cn',
  jp: 'whois.jprs.jp',
  in: 'whois.registry.in',
  au: 'whois.auda.org.au',
  to: 'whois.tonic.to',
  ws: 'whois.website.ws',
};

/**
 * Parses TAKEDOWN_WHOIS_SERVERS: either JSON (`{"de":"127.0.0.1:4343"}`) or `tld=host[:port]` pairs
 * separated by commas or spaces. Throws on anything else so a typo is not silently ignored.
 */
export function parseWhoisServers(value: string | undefined): Record<string, string> {
  const text = value?.trim();
  if (!text) return {};
  if (text.startsWith('{')) {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Object.values(parsed).some((v) => typeof v !== 'string')) {
      throw new Error('TAKEDOWN_WHOIS_SERVERS must map TLDs to "host[:port]" strings');
    }
    return Object.fromEntries(Object.entries(parsed as Record<string, string>).map(([tld, host]) => [tld.toLowerCase().replace(/^\./, ''), host]));
  }
  const table: Record<string, string> = {};
  for (const pair of text.split(/[,\s]+/).filter(Boolean)) {
    const match = /^\.?([a-z0-9.-]+)=([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d+))?$/i.exec(pair);
    if (!match) throw new Error(`TAKEDOWN_WHOIS_SERVERS: "${pair}" is not tld=host[:port]`);
    table[match[1]!.toLowerCase()] = match[3] ? `${match[2]}:${match[3]}` : match[2]!;
  }
  return table;
}

/** Our table merged with TAKEDOWN_WHOIS_SERVERS (the environment wins). */
export function whoisServerTable(envValue: string | undefined = process.env.TAKEDOWN_WHOIS_SERVERS): Record<string, string> {
  return { ...defaultWhoisServers, ...parseWhoisServers(envValue) };
}

/** "host[:port]" → host and port (43 by default). IPv6 literals are written in brackets. */
export function splitHostPort(address: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new Error(`not a WHOIS server address: ${address}`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 43 };
}
