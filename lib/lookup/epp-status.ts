/**
 * RDAP spells EPP statuses as phrases (RFC 8056 §2): `server transfer prohibited` is EPP
 * `serverTransferProhibited`, and RDAP `active` is EPP `ok`. We store EPP codes because registries,
 * registrars and the seizure order all speak EPP (registry lock = the three server*Prohibited codes).
 */
const rdapToEpp: Record<string, string> = {
  'add period': 'addPeriod',
  'auto renew period': 'autoRenewPeriod',
  'client delete prohibited': 'clientDeleteProhibited',
  'client hold': 'clientHold',
  'client renew prohibited': 'clientRenewProhibited',
  'client transfer prohibited': 'clientTransferProhibited',
  'client update prohibited': 'clientUpdateProhibited',
  inactive: 'inactive',
  active: 'ok',
  'pending create': 'pendingCreate',
  'pending delete': 'pendingDelete',
  'pending renew': 'pendingRenew',
  'pending restore': 'pendingRestore',
  'pending transfer': 'pendingTransfer',
  'pending update': 'pendingUpdate',
  'redemption period': 'redemptionPeriod',
  'renew period': 'renewPeriod',
  'server delete prohibited': 'serverDeleteProhibited',
  'server hold': 'serverHold',
  'server renew prohibited': 'serverRenewProhibited',
  'server transfer prohibited': 'serverTransferProhibited',
  'server update prohibited': 'serverUpdateProhibited',
  'transfer period': 'transferPeriod',
};

const eppToRdap: Record<string, string> = Object.fromEntries(Object.entries(rdapToEpp).map(([phrase, code]) => [code, phrase]));
const eppByLowerCase: Record<string, string> = Object.fromEntries(Object.values(rdapToEpp).map((code) => [code.toLowerCase(), code]));

/**
 * One status as an EPP code. Accepts RDAP phrases, EPP codes in any case (some registrars put EPP
 * codes straight into RDAP) and WHOIS lines with the ICANN link (`clientHold https://icann.org/epp#clientHold`).
 * Anything else is kept as given, trimmed: an unknown status is a fact worth showing, not an error.
 */
export function toEppStatus(status: string): string {
  const withoutUrl = withoutTrailingUrl(status);
  const lower = withoutUrl.toLowerCase().replace(/\s+/g, ' ');
  return rdapToEpp[lower] ?? eppByLowerCase[lower.replace(/ /g, '')] ?? withoutUrl;
}

/**
 * The status without the link after it (`clientHold https://icann.org/epp#clientHold`, or in brackets), trimmed.
 * The link is looked for in the last word only: a regular expression anchored at the end but free at the
 * start took time quadratic in the whitespace of a status (40,000 spaces: 6 s of a worker's CPU).
 */
function withoutTrailingUrl(status: string): string {
  const text = status.trim();
  let lastWord = text.length;
  while (lastWord > 0 && !/\s/.test(text[lastWord - 1]!)) lastWord--;
  const url = text.slice(lastWord).search(/\(?https?:\/\//i);
  return url < 0 ? text : text.slice(0, lastWord + url).trim();
}

/** Statuses as EPP codes, in the order given, without duplicates or blanks. */
export function toEppStatuses(statuses: readonly string[]): string[] {
  return [...new Set(statuses.map(toEppStatus).filter((s) => s.length > 0))];
}

/** The RDAP phrase for an EPP code (used by the fixture registry to answer as a real one would). */
export function toRdapStatus(eppCode: string): string {
  return eppToRdap[eppCode] ?? eppCode;
}
