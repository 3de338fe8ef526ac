import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seedUsers } from '../../src/identity/users';
import { startApiWorld, type ApiWorld } from '../api/api-world';
import { bundleWorkflows, connectTestEnv } from '../helpers/temporal';

/** Debian's chromium, headless and offline-friendly (no component updates, no sync, no background requests). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.TAKEDOWN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs a seeded user in through the sign-in page, in a context (cookie jar) of their own. */
export async function signedIn(browser: Browser, baseUrl: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const user = seedUsers.find((u) => u.username === username)!;
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
  return { context, page };
}

/**
 * What a browser test file runs against, started once for the file: the engine, the API world (worker,
 * SMTP sink, local registries and sites) and Debian's chromium. Read its parts inside tests (`t.api`).
 */
export function useBrowserWorld(options?: Parameters<typeof startApiWorld>[2]): { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap; api: ApiWorld; browser: Browser } {
  const context = {} as { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap; api: ApiWorld; browser: Browser };
  beforeAll(async () => {
    [context.env, context.bundle, context.browser] = await Promise.all([connectTestEnv(), bundleWorkflows(), launchChromium()]);
    context.api = await startApiWorld(context.env, context.bundle, options);
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.api?.close();
    await context.env?.teardown();
  });
  return context;
}
