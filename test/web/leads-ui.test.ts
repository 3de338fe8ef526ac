import { chromium, type Browser } from 'playwright-core';
import { startTestBanner, type TestBanner } from '../banner/start-banner';
import { seizeThroughCase } from '../api/custody-fixtures';
import { useApiTest } from '../api/api-world';
import { addShop, shopUrl } from '../api/domains';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { signedIn } from './browser';

// In a real browser, against the real engine: a banner tip naming a seized domain and a new one becomes a lead;
// triage shows the seized one as a duplicate with its case and turns the other into a target of a new case,
// whose page links back to the lead.
const t = useApiTest();
let banner: TestBanner;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await banner?.close();
});

test('a banner tip becomes a lead; triage finds the seized domain in its case and opens a new case for the new one, linked back', async () => {
  const seized = await seizeThroughCase(t.api);
  const fresh = addShop(t.api.world, 'tipped-shop-');
  // The banner serves the seized domain from the API's own database, where the leads are.
  banner = await startTestBanner(t.api.db);
  banner.allowList.add({ domain: seized.domain, caseRef: 'SZ-TEST-0001-0001', court: 'U.S. District Court for the Southern District of New York' });
  browser = await chromium.launch({
    executablePath: process.env.TAKEDOWN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${seized.domain} 127.0.0.1`],
  });

  // A member of the public on the seizure banner.
  const visitor = await browser.newPage();
  await visitor.goto(`http://${seized.domain}:${banner.port}/`);
  await visitor.getByLabel('What you know').fill(`The people behind ${seized.domain} now sell the same fakes at ${shopUrl(t.api.world, fresh)} — please look.`);
  await Promise.all([visitor.waitForURL(`http://${seized.domain}:${banner.port}/tip`), visitor.getByRole('button', { name: 'Send tip' }).click()]);
  await expect(visitor.locator('#message').textContent()).resolves.toBe('Thank you');

  // The agent finds it among the leads, from the banner.
  const { page } = await signedIn(browser, t.api.baseUrl, 'rivera');
  await page.goto('/leads');
  const row = page.getByRole('row', { name: new RegExp(`Banner tip on ${seized.domain.replace(/\./g, '\\.')}`) });
  await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe('banner');
  await Promise.all([page.waitForURL(/\/leads\/LEAD-\d+$/), row.getByRole('link').first().click()]);
  const leadId = page.url().split('/').pop()!;
  await expect(page.locator('h1').textContent()).resolves.toBe(`${leadId} NEW`);

  // Triage: the seized domain is a duplicate of its case, the new one is new.
  await page.getByRole('button', { name: 'Triage' }).click();
  const findings = page.getByRole('table', { name: 'What the lead names, checked against every active and past target' });
  await findings.waitFor();
  const seizedRow = findings.getByRole('row', { name: new RegExp(seized.domain.replace(/\./g, '\\.')) });
  await expect(seizedRow.innerText()).resolves.toContain('DUPLICATE');
  await expect(seizedRow.innerText()).resolves.toContain(`already seized in case ${seized.pkg.caseId} (SEIZED)`);
  await expect(seizedRow.getByRole('link', { name: seized.pkg.caseId }).getAttribute('href')).resolves.toBe(`/cases/${seized.pkg.caseId}`);
  await expect(findings.getByRole('row', { name: new RegExp(fresh.replace(/\./g, '\\.')) }).innerText()).resolves.toContain('new: in no active or past case');

  // One step: a new case from the lead's new target.
  const caseId = unique('HSI-TIP-');
  await page.getByLabel('Case ID', { exact: true }).fill(caseId);
  await page.getByLabel('Contact name').fill('Dana Rivera');
  await page.getByLabel('Contact e-mail').fill('dana.rivera@hsi.example');
  await page.getByRole('button', { name: 'Open case' }).click();
  await page.getByText(`Case ${caseId} opened with ${fresh}.`).waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe(`${leadId} ACTIONED`);
  const history = await page.locator('table.timeline').innerText();
  expect(history).toContain('TRIAGED → ACTIONED');
  expect(history).toContain('Special Agent Dana Rivera (agent)');

  // The new target's page links back to the lead.
  await waitFor('the target started in the new case', async () => (await t.api.call('rivera', { method: 'GET', url: `/api/targets/${fresh}` })).json().caseId === caseId);
  await Promise.all([page.waitForURL(`**/targets/${fresh}`), page.getByRole('link', { name: fresh, exact: true }).click()]);
  const back = page.getByRole('link', { name: leadId });
  await back.waitFor();
  await expect(back.getAttribute('href')).resolves.toBe(`/leads/${leadId}`);
  await expect(page.locator('dl.facts').innerText()).resolves.toContain(`${caseId}`);
  await page.screenshot({ path: process.env.LEADS_SCREENSHOT ?? '/tmp/leads-target.png', fullPage: true });
}, 240_000);

test('a partner signs in to its referrals, refers a lead through the form, sees its state, and is refused the rest', async () => {
  browser ??= await chromium.launch({ executablePath: process.env.TAKEDOWN_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const { page, context } = await signedIn(browser, t.api.baseUrl, 'vantage');
  expect(new URL(page.url()).pathname).toBe('/leads');
  await page.getByRole('heading', { name: 'Your referrals' }).waitFor();
  const nav = await page.getByRole('navigation', { name: 'Main' }).innerText();
  expect(nav.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(['Leads']);
  await page.getByLabel('Summary').fill('Counterfeit Vantage scarves');
  await page.getByLabel('Domains or web links (one per line)').fill('vantage-scarves-outlet.com');
  await page.getByLabel('Attachment links (one per line)').fill('https://files.vantage-brands.example/scarf-test-buy.jpg');
  await page.getByRole('button', { name: 'Submit lead' }).click();
  const received = await page.getByText(/^Lead LEAD-\d+ received\.$/).textContent();
  const leadId = /LEAD-\d+/.exec(received!)![0];
  const row = page.getByRole('row', { name: new RegExp(`${leadId}\\b`) });
  await row.waitFor();
  await expect(row.innerText()).resolves.toContain('NEW');
  // Its own lead's page shows what it sent and its state; nothing of ours.
  await page.goto(`/leads/${leadId}`);
  await expect(page.locator('h1').textContent()).resolves.toBe(`${leadId} NEW`);
  expect(await page.getByRole('heading', { name: 'History' }).count()).toBe(0);
  // Anything else: the API refuses it, and the page says so.
  await page.goto('/cases');
  await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  await expect(page.locator('main').innerText()).resolves.toContain('only agent or counsel or coordinator or supervisor may see cases');
  await context.close();
}, 120_000);
