/**
 * Registry operators by name. RDAP domain records rarely name the registry (Verisign's never do), yet the
 * seizure order is addressed to it, so we keep a small table: by suffix first (true wherever the answer
 * comes from, including our loopback fixtures), then by RDAP or WHOIS host, then the host itself.
 */
const bySuffix: Record<string, string> = {
  com: 'VeriSign Global Registry Services',
  net: 'VeriSign Global Registry Services',
  cc: 'VeriSign Global Registry Services',
  name: 'VeriSign Global Registry Services',
  org: 'Public Interest Registry',
  ngo: 'Public Interest Registry',
  ong: 'Public Interest Registry',
  info: 'Identity Digital Inc.',
  pro: 'Identity Digital Inc.',
  mobi: 'Identity Digital Inc.',
  io: 'Internet Computer Bureau Ltd (Identity Digital)',
  xyz: 'XYZ.COM LLC (CentralNic)',
  top: '.TOP Registry (Jiangsu Bangning Science & Technology Co., Ltd.)',
  shop: 'GMO Registry, Inc.',
  biz: 'Registry Services, LLC (GoDaddy Registry)',
  club: 'Registry Services, LLC (GoDaddy Registry)',
  uk: 'Nominet UK',
  de: 'DENIC eG',
  ru: 'Coordination Center for TLD RU',
  'xn--p1ai': 'Coordination Center for TLD RU',
  fr: 'AFNIC',
  nl: 'SIDN',
  eu: 'EURid',
};

const byHost: Array<[RegExp, string]> = [
  [/(^|\.)verisign(-grs)?\.com$/, 'VeriSign Global Registry Services'],
  [/(^|\.)publicinterestregistry\.org$|(^|\.)pir\.org$/, 'Public Interest Registry'],
  [/(^|\.)identitydigital\.services$|(^|\.)identity\.digital$|(^|\.)afilias/, 'Identity Digital Inc.'],
  [/(^|\.)centralnic\.com$/, 'CentralNic'],
  [/(^|\.)registry\.google$/, 'Charleston Road Registry (Google Registry)'],
  [/(^|\.)gmoregistry\.net$/, 'GMO Registry, Inc.'],
  [/(^|\.)zdnsgtld\.com$/, 'ZDNS'],
  [/(^|\.)nominet\.uk$/, 'Nominet UK'],
  [/(^|\.)tcinet\.ru$/, 'Coordination Center for TLD RU'],
];

/** The registry operator's name for a suffix, falling back on the hosts we spoke to. */
export function registryName(suffix: string, ...hosts: Array<string | undefined>): string {
  const known = bySuffix[suffix.toLowerCase()];
  if (known) return known;
  for (const host of hosts) {
    if (!host) continue;
    const hit = byHost.find(([pattern]) => pattern.test(host.toLowerCase()));
    if (hit) return hit[1];
  }
  return hosts.find((h) => h) ?? `.${suffix} registry`;
}
