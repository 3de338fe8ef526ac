import { workflowIds } from '../../domain/ids';
import { accountTag, paymentAccountKey } from '../../domain/payment-accounts';
import { searchAttributes } from '../../domain/search-attributes';
import { casePackage } from '../helpers/case-fixtures';
import { recordHistory } from '../helpers/record-history';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

test("triage finds a lead's payment account named by other leads and by a case's undercover purchase, however it is spelled", async () => {
  const { api } = t;
  const account = `M-${unique('').slice(0, 6).toUpperCase()}`;
  const domain = addShop(api.world);
  // A case whose undercover purchase was paid to the account (spelled with a space and in lower case).
  const pkg = casePackage([shopUrl(api.world, domain)], {
    evidence: {
      summary: 'One undercover purchase.', rightsHolderConfirmations: [],
      undercoverPurchases: [{ date: '2026-10-02', orderReference: 'UC-9', item: 'handbag', target: domain, payment: { processor: 'visa', merchantId: `${account.slice(0, 3).toLowerCase()} ${account.slice(3).toLowerCase()}` } }],
    },
  });
  expect((await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the case answers', async () => (await api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).statusCode === 200);

  // A processor's referral names the account first; an agent's lead names it again, and another account nobody named.
  const first = (await api.call('paysafe', { method: 'POST', url: '/api/leads', payload: { summary: 'Merchant account taking payments for fakes', paymentAccounts: [{ processor: 'VISA', account: account }] } })).json();
  const second = (await api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Same merchant, new shop', paymentAccounts: [{ processor: 'visa', account: ` ${account.toLowerCase()} ` }, { processor: 'paypal', account: 'never-seen-1' }] } })).json();

  const triaged = (await api.call('rivera', { method: 'POST', url: `/api/leads/${second.leadId}/triage` })).json();
  expect(triaged.findings).toEqual([
    expect.objectContaining({ kind: 'payment', status: 'named-elsewhere', alsoNamedBy: { leads: [first.leadId], cases: [{ caseId: pkg.caseId, target: domain }] }, note: `a payment account also named by lead ${first.leadId}, case ${pkg.caseId} (a purchase from ${domain})` }),
    expect.objectContaining({ kind: 'payment', status: 'not-a-target', note: 'a payment account named nowhere else: disseminate it to its processor' }),
  ]);
  expect(triaged.history.at(-1).detail).toBe('1 named-elsewhere');
  // Nothing named by the lead is a new target: it cannot become a case, and says why.
  const { targets: _targets, ...packageWithoutTargets } = pkg;
  const asCase = await api.call('rivera', { method: 'POST', url: `/api/leads/${second.leadId}/case`, payload: { ...packageWithoutTargets, caseId: unique('HSI-PAY-') } });
  expect([asCase.statusCode, asCase.json().error.code]).toEqual([409, 'WRONG_STATE']);
  expect(asCase.json().error.message).toContain(`lead ${second.leadId} names no new target`);

  // The case is found through the tag of its account in its PaymentAccounts attribute (one query), never the account itself.
  const handle = api.env.client.workflow.getHandle(workflowIds.case(pkg.caseId));
  const published = async () => (await handle.describe()).typedSearchAttributes.get(searchAttributes.PaymentAccounts);
  expect(await published()).toEqual([accountTag(paymentAccountKey({ processor: 'visa', account }))]);

  // The package amended to another merchant: the case publishes the new account, and triage finds it there, not the old one.
  const newAccount = `N-${unique('').slice(0, 6).toUpperCase()}`;
  const amended = { ...pkg, evidence: { ...pkg.evidence, undercoverPurchases: [{ ...pkg.evidence.undercoverPurchases![0]!, payment: { processor: 'mastercard', descriptor: `SHOP*${newAccount}` } }] } };
  expect((await api.call('rivera', { method: 'PUT', url: `/api/cases/${pkg.caseId}/package`, payload: { package: amended, note: 'the purchase was paid by Mastercard' } })).statusCode).toBe(200);
  expect(await published()).toEqual([accountTag(paymentAccountKey({ processor: 'mastercard', account: `SHOP*${newAccount}` }))]);
  const third = (await api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Two accounts', paymentAccounts: [{ processor: 'mastercard', account: `shop*${newAccount.toLowerCase()}` }, { processor: 'visa', account }] } })).json();
  const again = (await api.call('rivera', { method: 'POST', url: `/api/leads/${third.leadId}/triage` })).json();
  expect(again.findings).toEqual([
    expect.objectContaining({ status: 'named-elsewhere', alsoNamedBy: { leads: [], cases: [{ caseId: pkg.caseId, target: domain }] } }),
    expect.objectContaining({ status: 'named-elsewhere', alsoNamedBy: { leads: [first.leadId, second.leadId], cases: [] } }),
  ]);
  // A history with the accounts published (patched 'payment-accounts-attribute') for the replay tests.
  await recordHistory('case.payment-accounts', handle);
});
