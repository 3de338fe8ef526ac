import { accountTag, accountTags, manyAccountsTag, maxAccountTags, paymentAccountKey, purchaseAccounts, tagsToFind } from '../../domain/payment-accounts';

const purchase = (target: string, payment?: { processor: string; merchantId?: string; descriptor?: string }) => ({ date: '2026-10-02', orderReference: 'UC-1', item: 'handbag', target, ...(payment ? { payment } : {}) });
const pkgOf = (...undercoverPurchases: ReturnType<typeof purchase>[]) => ({ evidence: { summary: 's', undercoverPurchases, rightsHolderConfirmations: [], snapshotIds: [] } });

test("a package's accounts: merchant ID and descriptor each, by deconfliction key, with the target that sold it", () => {
  const pkg = pkgOf(purchase('a.com', { processor: 'visa', merchantId: 'm 44', descriptor: "JOE'S*SHOP" }), purchase('b.com'), purchase('c.com', { processor: 'paypal' }));
  expect(purchaseAccounts(pkg)).toEqual([{ key: 'visa:M44', target: 'a.com' }, { key: "visa:JOE'S*SHOP", target: 'a.com' }]);
});

test('a tag is 16 hex digits, the same for every spelling of one account, different for different accounts', () => {
  const tag = accountTag(paymentAccountKey({ processor: 'Visa', account: 'm-44 11' }));
  expect(tag).toMatch(/^[0-9a-f]{16}$/);
  expect(accountTag(paymentAccountKey({ processor: 'visa', account: 'M-4411' }))).toBe(tag);
  expect(accountTag(paymentAccountKey({ processor: 'mastercard', account: 'M-4411' }))).not.toBe(tag);
  // Quotes and any other character an account may hold never reach the visibility query.
  expect(accountTag("visa:JOE'S*SHOP")).toMatch(/^[0-9a-f]{16}$/);
  const many = new Set(Array.from({ length: 5000 }, (_, i) => accountTag(`visa:M-${i}`)));
  expect(many.size).toBe(5000);
});

test("a case's tags: each account once, sorted; past the limit one `many`, which every search for an account also finds", () => {
  const pkg = pkgOf(purchase('a.com', { processor: 'visa', merchantId: 'M1' }), purchase('b.com', { processor: 'visa', merchantId: 'm 1' }), purchase('c.com', { processor: 'visa', descriptor: 'SHOP*2' }));
  expect(accountTags(pkg)).toEqual([accountTag('visa:M1'), accountTag('visa:SHOP*2')].sort());
  expect(accountTags(pkgOf(purchase('a.com')))).toEqual([]);
  const crowded = pkgOf(...Array.from({ length: maxAccountTags + 1 }, (_, i) => purchase(`s${i}.com`, { processor: 'visa', merchantId: `M-${i}` })));
  expect(accountTags(crowded)).toEqual([manyAccountsTag]);
  expect(accountTags(pkgOf(...Array.from({ length: maxAccountTags }, (_, i) => purchase(`s${i}.com`, { processor: 'visa', merchantId: `M-${i}` }))))).toHaveLength(maxAccountTags);
  expect(tagsToFind(['visa:M1', 'visa:M1'])).toEqual([accountTag('visa:M1'), manyAccountsTag]);
});
