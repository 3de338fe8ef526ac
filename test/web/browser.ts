import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { seedUsers } from '../../src/identity/users';

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
