import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import type { CasePackage } from '../../domain/case-package';
import { accountTags } from '../../domain/payment-accounts';
import { searchAttributes } from '../../domain/search-attributes';

/**
 * Publishes the tags of the payment accounts the package's undercover purchases name (`PaymentAccounts`), so
 * triage finds the case by a lead's account in one visibility query; called at opening and with each package
 * version, it changes the attribute only when the tags do (a package without payments adds no event at all).
 * Behind 'payment-accounts-attribute', asked only then: a case opened before it replays its history unchanged
 * and publishes with its first package version after the upgrade. `published` keeps what was last set.
 */
export function publishPaymentAccounts(published: { accountTags: string }, pkg: Pick<CasePackage, 'evidence'>): void {
  const tags = accountTags(pkg);
  if (tags.join(' ') === published.accountTags || !patched('payment-accounts-attribute')) return;
  published.accountTags = tags.join(' ');
  upsertSearchAttributes([{ key: searchAttributes.PaymentAccounts, value: tags.length ? tags : null }]);
}
