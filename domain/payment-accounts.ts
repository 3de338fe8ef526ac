import type { CasePackage } from './case-package';

/** A payment account as deconfliction compares it: the processor in lower case, the account without spaces, upper case. */
export const paymentAccountKey = (p: { processor: string; account: string }) => `${p.processor.trim().toLowerCase()}:${p.account.replace(/\s+/g, '').toUpperCase()}`;

/** A payment account a case's undercover purchase was paid to, by its deconfliction key, and the target that sold it. */
export interface PurchaseAccount {
  key: string;
  target: string;
}

/** Every account a package's undercover purchases name (merchant ID and statement descriptor each count). */
export function purchaseAccounts(pkg: Pick<CasePackage, 'evidence'>): PurchaseAccount[] {
  return pkg.evidence.undercoverPurchases.flatMap((u) => (u.payment
    ? [u.payment.merchantId, u.payment.descriptor].filter((a): a is string => !!a).map((account) => ({ key: paymentAccountKey({ processor: u.payment!.processor, account }), target: u.target }))
    : []));
}

/**
 * The case's `PaymentAccounts` search attribute holds a short tag per account rather than the account itself: an
 * account may hold any character (a quote breaks a visibility query) and a list of them could pass the engine's 2 KB
 * per attribute. A tag is 16 hex digits (two 32-bit FNV-1a hashes); two accounts sharing one only make a case a
 * candidate, and triage confirms every candidate against the case's own package.
 */
export function accountTag(key: string): string {
  const fnv = (seed: number) => {
    let hash = seed;
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    return (hash >>> 0).toString(16).padStart(8, '0');
  };
  return fnv(0x811c9dc5) + fnv(0x050c5d1f);
}

/** More distinct accounts than this (64 tags are about 1.2 KB of the 2 KB an attribute may hold) and the case says `many` instead: triage then reads its package whatever it looks for. */
export const maxAccountTags = 64;
export const manyAccountsTag = 'many';

/** The tags a case publishes for its package (none: no attribute). */
export function accountTags(pkg: Pick<CasePackage, 'evidence'>): string[] {
  const tags = [...new Set(purchaseAccounts(pkg).map((a) => accountTag(a.key)))].sort();
  return tags.length > maxAccountTags ? [manyAccountsTag] : tags;
}

/** The tags triage looks for when a lead names these accounts: theirs, and every case that has too many to list. */
export const tagsToFind = (keys: readonly string[]) => [...new Set(keys.map(accountTag)), manyAccountsTag];
