import type { Browser } from 'playwright-core';
import { useApiTest } from '../api/api-world';
import { addShop } from '../api/domains';
import { operationOf } from '../helpers/case-fixtures';
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
