/**
 * One e-mail address, and nothing else. Addresses we did not type ourselves (an RDAP or WHOIS abuse
 * contact, published by whoever runs the server) reach the mail transport, which reads "a@x, b@y" or
 * "Name <a@x>, b@y" as several recipients: a comma in a registrar's record would copy our legal notice
 * to anyone. So an outside address is taken only when it is exactly one plain addr-spec.
 */

// RFC 5322 dot-atom local part (no quoted strings, no comments) and an LDH or punycode domain of two labels or more.
const localPart = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const domainLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** The address when `value` is exactly one plain address (a leading `mailto:` and surrounding spaces allowed), else undefined. */
export function singleMailbox(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const address = value.trim().replace(/^mailto:/i, '');
  if (address.length === 0 || address.length > 254) return undefined;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return undefined;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > 64 || !localPart.test(local)) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => domainLabel.test(label)) || /^\d+$/.test(labels.at(-1)!)) return undefined;
  return address;
}

/** Why `value` is not taken as one address (for the record and the error), or undefined when it is. */
export function mailboxProblem(value: string): string | undefined {
  if (singleMailbox(value) !== undefined) return undefined;
  if (/[,;]/.test(value) || (value.match(/@/g) ?? []).length > 1) return 'it is a list of addresses, not one address';
  if (/[<>"()\s]/.test(value.trim())) return 'it is not a plain address (no names, quotes, brackets or spaces)';
  return 'it is not an e-mail address';
}
