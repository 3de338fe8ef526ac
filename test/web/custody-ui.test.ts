import type { Browser } from 'playwright-core';
import { searchAttributes } from '../../domain/search-attributes';
import { useApiTest } from '../api/api-world';
import { domainInCustody, seizeThroughCase } from '../api/custody-fixtures';
import { waitFor } from '../helpers/wait';
import { launchChromium, signedIn } from './browser';

const t = useApiTest();
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

test('counsel find a seized domain in custody, record the notice and the publication, and see the claim deadline; a refusal shows beside its form; an agent gets no court forms', async () => {
  const { domain, caseId } = await domainInCustody(t.api);

  // From the navigation to the list, filtered to the case, to the domain's custody page.
  const counsel = await signedIn(browser, t.api.baseUrl, 'okafor');
  await Promise.all([counsel.page.waitForURL('**/custody'), counsel.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Custody' }).click()]);
  await counsel.page.getByLabel('Case').fill(caseId);
  await counsel.page.getByRole('button', { name: 'Apply' }).click();
  await Promise.all([counsel.page.waitForURL(`**/custody/${domain}`), counsel.page.getByRole('link', { name: domain }).click()]);
  await counsel.page.getByRole('heading', { name: `Custody of ${domain} IN_CUSTODY` }).waitFor();
  const clock = (name: string) => counsel.page.getByRole('row', { name: new RegExp(`^${name}`) }).textContent();
  expect(await clock('Claim deadline')).toContain('not running yet');

  await counsel.page.getByLabel('Sent to (one per line)').fill('registrant (by mail)\nregistrar');
  await counsel.page.getByRole('button', { name: 'Record: personal notice sent' }).click();
  await counsel.page.getByText('Personal notice sent: recorded.').waitFor();
  expect(await clock('Personal notice due')).toContain('met');
  await counsel.page.getByRole('button', { name: 'Record: publication on the forfeiture site' }).click();
  await counsel.page.getByText('Publication on the forfeiture site: recorded.').waitFor();
  expect(await clock('Claim deadline')).not.toContain('not running yet');
  expect(await clock('Claim deadline')).toContain('running');
  const facts = await counsel.page.getByRole('table').filter({ hasText: 'Recorded by' }).textContent();
  expect(facts).toContain('on www.forfeiture.gov from');
  expect(facts).toContain('AUSA Grace Okafor (counsel)');

  // The workflow refuses to extend a notice deadline already met: its message shows beside the form.
  const extension = counsel.page.getByRole('form', { name: 'Deadline extended by the court' });
  await extension.getByLabel('Order granting it').fill('26-MJ-04417 (sealed)');
  await extension.getByRole('button').click();
  expect(await extension.getByRole('alert').textContent()).toContain('the personal notice is recorded already: nothing to extend');

  // An agent records notices and claims, not a court's acts or a release.
  const agent = await signedIn(browser, t.api.baseUrl, 'rivera');
  await agent.page.goto(`/custody/${domain}`);
  await agent.page.getByRole('heading', { name: 'Claim filed' }).waitFor();
  expect(await agent.page.getByRole('heading', { name: 'Release the domain' }).count()).toBe(0);
  expect(await agent.page.getByRole('heading', { name: 'Order of forfeiture' }).count()).toBe(0);
  expect(await counsel.page.getByRole('heading', { name: 'Release the domain' }).count()).toBe(1);
}, 60_000);

test("a seized target's page links to its custody page", async () => {
  const { domain } = await seizeThroughCase(t.api);
  const coordinator = await signedIn(browser, t.api.baseUrl, 'patel');
  await coordinator.page.goto(`/targets/${domain}`);
  await Promise.all([coordinator.page.waitForURL(`**/custody/${domain}`), coordinator.page.getByRole('link', { name: 'forfeiture clocks, re-verification and facts' }).click()]);
  await coordinator.page.getByRole('heading', { name: `Custody of ${domain} IN_CUSTODY` }).waitFor();
}, 90_000);

test("the coordinator's dashboard counts seized domains after seizure and lists a custody deadline that is near, linking to its custody page", async () => {
  // The personal notice falls due within the alert window at once: DeadlineState DUE_SOON.
  const { domain, caseId, handle } = await domainInCustody(t.api, { personalNoticeWithin: '1h', clockAlertBefore: '2h' });
  await waitFor('the custody deadline due soon', async () => (await handle.describe()).typedSearchAttributes.get(searchAttributes.DeadlineState) === 'DUE_SOON');
  const coordinator = await signedIn(browser, t.api.baseUrl, 'patel');
  await coordinator.page.getByLabel('Case').fill(caseId);
  await coordinator.page.getByRole('button', { name: 'Apply' }).click();
  const section = coordinator.page.getByRole('region', { name: 'After seizure' });
  // Only this case's domain once the filter applies (other tests' domains are in custody too).
  await waitFor('the dashboard filtered to the case', async () => (await section.locator('.stat').filter({ hasText: 'in custody' }).locator('b').textContent()) === '1');
  expect(await section.getByRole('row', { name: new RegExp(domain) }).textContent()).toContain('DUE_SOON');
  await Promise.all([coordinator.page.waitForURL(`**/custody/${domain}`), section.getByRole('link', { name: domain }).click()]);
  await coordinator.context.close(); // the dashboard polls; a page left open would keep the API from closing
}, 60_000);
