import type { Page } from 'playwright-core';
import { unique } from '../helpers/temporal';
import { addShop, shopUrl } from '../api/domains';
import { signedIn, useBrowserWorld } from './browser';

// The page functions below run in the browser; this names the little of the DOM they use (the project's lib has no DOM).
declare const document: { querySelector(selector: string): { textContent: string | null } | null; body: { textContent: string | null }; activeElement: { id: string } | null };

const t = useBrowserWorld();

/** The count the dashboard's chart shows for a stage (its bars carry data-stage). */
const bar = (page: Page, stage: string) => page.locator(`svg.chart g[data-stage="${stage}"] text.value`).textContent();

/** Reloads until the case page lists the target at the stage (quicker than waiting for its own refresh every 5 s). */
async function reloadUntil(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await page.getByText(text, { exact: true }).count()) return;
    if (Date.now() > until) throw new Error(`"${text}" never appeared on ${page.url()}`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

test('an agent opens a case and adds a domain; counsel approves and records the warrant; the dashboard shows it moving; an agent cannot decide', async () => {
  const domain = addShop(t.api.world);
  const caseId = unique('HSI-UI-');

  // The agent opens the case with the form; the target is normalised live as it is typed.
  const agent = await signedIn(t.browser, t.api.baseUrl, 'rivera');
  expect(new URL(agent.page.url()).pathname).toBe('/cases');
  await agent.page.getByLabel('Case ID').fill(caseId);
  await agent.page.getByLabel('Title').fill('Counterfeit sneakers sold online');
  await agent.page.getByLabel('Targets (one per line)').fill(shopUrl(t.api.world, domain));
  await agent.page.getByText(`→ ${domain}`).waitFor();
  await agent.page.getByLabel('Evidence summary').fill('An undercover purchase delivered counterfeit sneakers; the rights holder confirmed them.');
  await agent.page.getByLabel('Order reference').fill('UC-9001');
  await agent.page.getByLabel('Item').fill('sneakers');
  await agent.page.getByLabel('Rights holder').fill('Example Athletics Inc.');
  await agent.page.getByLabel('Reference', { exact: true }).fill('RH-77');
  await agent.page.getByLabel('Name', { exact: true }).fill('Dana Rivera');
  await agent.page.getByLabel('E-mail').fill('dana.rivera@hsi.example');
  await Promise.all([agent.page.waitForURL(`**/cases/${caseId}`), agent.page.getByRole('button', { name: 'Open case' }).click()]);
  await reloadUntil(agent.page, 'LEGAL_REVIEW');
  await agent.page.getByRole('link', { name: domain }).waitFor();

  // The coordinator's dashboard, filtered to this case, shows the target waiting for legal review.
  const coordinator = await signedIn(t.browser, t.api.baseUrl, 'patel');
  expect(new URL(coordinator.page.url()).pathname).toBe('/dashboard');
  await coordinator.page.getByLabel('Case').fill(caseId);
  await coordinator.page.getByRole('button', { name: 'Apply' }).click();
  await coordinator.page.waitForFunction((id) => document.querySelector('svg.chart g[data-stage="LEGAL_REVIEW"] text.value')?.textContent === '1' && document.body.textContent?.includes(id), caseId);

  await agent.page.getByRole('button', { name: 'Submit for legal review' }).click();
  await agent.page.getByText('Submitted: review round 1.').waitFor();

  // An agent who opens counsel's page and tries to decide is refused, and the page says why.
  await agent.page.goto(`/review/${caseId}`);
  await agent.page.getByRole('button', { name: 'Record decision' }).click();
  const refusal = agent.page.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain('only counsel or supervisor may decide a legal review');
  await agent.page.goto('/dashboard');
  await agent.page.getByRole('heading', { name: 'Not allowed' }).waitFor();

  // Counsel finds it in the queue, reads the package, approves, then records the warrant.
  const counsel = await signedIn(t.browser, t.api.baseUrl, 'okafor');
  expect(new URL(counsel.page.url()).pathname).toBe('/review');
  await Promise.all([counsel.page.waitForURL(`**/review/${caseId}`), counsel.page.getByRole('link', { name: caseId }).click()]);
  await counsel.page.getByText('An undercover purchase delivered counterfeit sneakers').waitFor();
  await counsel.page.getByLabel('Approve').check();
  await counsel.page.getByRole('button', { name: 'Record decision' }).click();
  await counsel.page.getByText('Recorded: approve (round 1).').waitFor();
  await counsel.page.getByRole('heading', { name: 'Record the seizure warrant' }).waitFor({ timeout: 15_000 });
  await counsel.page.getByLabel('Court').fill('U.S. District Court for the Southern District of New York');
  await counsel.page.getByLabel('Magistrate judge').fill('Hon. Miriam Castell');
  await counsel.page.getByLabel('Docket number').fill('26-MJ-05120');
  await counsel.page.getByLabel('Issued on').fill('2026-11-20');
  await counsel.page.getByLabel('Signed warrant document (reference)').fill('SDNY-26-MJ-05120.pdf');
  expect(await counsel.page.getByLabel(domain).isChecked()).toBe(true);
  await counsel.page.getByRole('button', { name: 'Record warrant' }).click();
  await counsel.page.getByText('Warrant w1 recorded; the notices go out now.').waitFor();

  // The dashboard refreshes on its own: the target has left legal review for the warrant, notice and beyond.
  await coordinator.page.waitForFunction(() => {
    const count = (stage: string) => Number(document.querySelector(`svg.chart g[data-stage="${stage}"] text.value`)?.textContent ?? '0');
    return count('LEGAL_REVIEW') === 0 && ['WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION', 'SEIZED'].some((s) => count(s) === 1);
  }, undefined, { timeout: 30_000 });
  expect(await bar(coordinator.page, 'LEGAL_REVIEW')).toBe('0');

  // One target's timeline shows every actor.
  await coordinator.page.getByRole('link', { name: domain }).first().click();
  await coordinator.page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const timeline = await coordinator.page.locator('table.timeline').textContent();
  expect(timeline).toContain('AUSA Grace Okafor (counsel)');
  expect(timeline).toContain('Special Agent Dana Rivera (agent)');
}, 120_000);

test('sign-in works from the keyboard alone, and every role lands on its own page', async () => {
  const context = await t.browser.newContext({ baseURL: t.api.baseUrl });
  const page = await context.newPage();
  await page.goto('/cases');
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  // The user name field has the focus on arrival; Tab moves to the password; Enter submits.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
  await page.keyboard.type('chen');
  await page.keyboard.press('Tab');
  await page.keyboard.type('chen-dev-password');
  await Promise.all([page.waitForURL('**/cases'), page.keyboard.press('Enter')]);
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
  await context.close();

  for (const [user, home] of [['rivera', '/cases'], ['okafor', '/review'], ['lindqvist', '/review'], ['patel', '/dashboard'], ['chen', '/dashboard']] as const) {
    const { context: c, page: p } = await signedIn(t.browser, t.api.baseUrl, user);
    await p.goto('/');
    expect(new URL(p.url()).pathname).toBe(home);
    await c.close();
  }
});
