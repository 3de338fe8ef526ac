import type { Browser } from 'playwright-core';
import { useApiTest } from '../api/api-world';
import { addShop, shopUrl } from '../api/domains';
import { operationOf } from '../helpers/case-fixtures';
import { unique } from '../helpers/temporal';
import { launchChromium, signedIn } from './browser';

const t = useApiTest();
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(() => browser?.close());

test("a coordinator follows an operation from the dashboard: its cases, the rows it refused and why", async () => {
  const [a, b] = [addShop(t.api.world), addShop(t.api.world, 'cheap-watches-')];
  const operation = operationOf([a, 'http://', b], { targetsPerCase: 1, windowPollEvery: '200ms' });
  expect((await t.api.call('patel', { method: 'POST', url: '/api/operations', payload: operation })).statusCode).toBe(201);

  const coordinator = await signedIn(browser, t.api.baseUrl, 'patel');
  await coordinator.page.getByLabel('Operation').fill(operation.operationId);
  await coordinator.page.getByRole('button', { name: 'Apply' }).click();
  await Promise.all([coordinator.page.waitForURL(`**/operations/${operation.operationId}`), coordinator.page.getByRole('link', { name: `Operation ${operation.operationId}` }).click()]);
  // The page refreshes itself until every case has started.
  await coordinator.page.getByRole('heading', { name: `Operation ${operation.operationId} STARTED` }).waitFor({ timeout: 30_000 });
  const cases = coordinator.page.getByRole('table').first();
  expect(await cases.getByRole('link').allTextContents()).toEqual([`${operation.operationId}-001`, `${operation.operationId}-002`]);
  const refused = await coordinator.page.getByRole('row', { name: /http:\/\// }).textContent();
  expect(refused).toContain('refused');
  await Promise.all([coordinator.page.waitForURL(`**/cases/${operation.operationId}-001`), cases.getByRole('link', { name: `${operation.operationId}-001` }).click()]);
  await coordinator.context.close();
}, 60_000);

test('a coordinator starts an operation from the form: checked before sending, a progress bar, every row answered; then its page shows how it moves', async () => {
  const [a, b] = [addShop(t.api.world), addShop(t.api.world, 'cheap-watches-')];
  const operationId = unique('OP-FORM-');
  const { page, context } = await signedIn(browser, t.api.baseUrl, 'patel');
  await Promise.all([page.waitForURL('**/operations'), page.getByRole('link', { name: 'Operations', exact: true }).click()]);
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Start an operation' }) });

  await form.getByLabel('Operation ID').fill(operationId);
  await form.getByLabel('Title').fill('Black Friday sweep');
  await form.getByLabel('Targets (one per line)').fill([shopUrl(t.api.world, a), 'http://', b, b].join('\n'));
  await form.getByLabel('Evidence summary').fill('Test purchases of counterfeit watches from each shop.');
  await form.getByLabel('Name').fill('SA Dana Rivera');
  await form.getByLabel('E-mail').fill('not an address');
  await form.getByLabel('Targets per case').fill('1');
  await form.getByText('4 row(s) to send: 4 pasted.').waitFor();
  // Checked before sending: the field is named and marked, and nothing reached the API.
  await form.getByRole('button', { name: 'Start the operation' }).click();
  const refusal = form.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/^Nothing was sent: 1 field\(s\) need attention\.contact\.email: an e-mail address/);
  expect(await form.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
  expect((await t.api.call('patel', { method: 'GET', url: `/api/operations/${operationId}` })).statusCode).toBe(404);

  await form.getByLabel('E-mail').fill('rivera@iprcenter.example');
  await form.getByRole('button', { name: 'Start the operation' }).click();
  await form.getByText('Sent and planned: every row answered (4).').waitFor({ timeout: 30_000 });
  expect(await form.locator('progress[aria-labelledby="op-progress-label"]').evaluate((bar) => [(bar as unknown as { value: number }).value, (bar as unknown as { max: number }).max])).toEqual([100, 100]);
  // Every row answered, the bad one refused with why, the repeat named.
  const rows = form.getByRole('table', { name: 'Every row and what became of it' }).locator('tbody tr');
  expect((await rows.allTextContents()).map((r) => r.replace(/\s+/g, ' '))).toEqual([
    expect.stringMatching(new RegExp(`^1pasted line 1.*planned${operationId}-001 · ${a.replace(/\./g, '\\.')}$`)),
    expect.stringMatching(/^2pasted line 2http:\/\/refused.+/),
    expect.stringMatching(new RegExp(`^3pasted line 3.*planned${operationId}-002 · `)),
    expect.stringMatching(new RegExp(`^4pasted line 4.*repeat.*already on line 3`)),
  ]);
  await form.getByText('Cases started: 2 of 2 (all).').waitFor({ timeout: 30_000 });

  await Promise.all([page.waitForURL(`**/operations/${operationId}`), form.getByRole('link', { name: `Follow operation ${operationId}` }).click()]);
  await page.getByRole('heading', { name: `Operation ${operationId} STARTED` }).waitFor({ timeout: 30_000 });
  await page.getByRole('img', { name: `Targets of ${operationId} by stage over time` }).waitFor();
  await page.getByRole('img', { name: `Targets of ${operationId} by stage now` }).waitFor();
  expect(await page.locator('[data-stat="refused"] b').textContent()).toBe('1');
  // The page refreshes itself until both targets wait for legal review: nobody needs to act, the machine side is through.
  await page.locator('.legend li', { hasText: 'LEGAL_REVIEW: 2' }).waitFor({ timeout: 60_000 });
  expect(await page.locator('[data-stat="needs-person"] b').textContent()).toBe('0');
  expect(await page.locator('[data-stat="machine"] b').textContent()).toBe('through');
  expect(await page.locator('svg.over-time polygon[data-band="LEGAL_REVIEW"]').count()).toBe(1);
  expect(await page.locator('[data-stat="targets"] b').textContent()).toBe('2');
  await context.close();

  // An agent sees operations but is not offered the form.
  const agent = await signedIn(browser, t.api.baseUrl, 'rivera');
  await agent.page.goto('/operations');
  await agent.page.getByText('Coordinators and supervisors start operations.').waitFor();
  expect(await agent.page.getByRole('button', { name: 'Start the operation' }).count()).toBe(0);
  await agent.context.close();
}, 120_000);
