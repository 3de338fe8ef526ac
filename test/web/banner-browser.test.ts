import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase, type Db } from '../../lib/store/database';
import { startTestBanner, type TestBanner } from '../banner/start-banner';

// Debian's chromium, driven by playwright-core (`npx playwright install` cannot download a browser here).
// The banner keys on the Host header, so the browser resolves the seized name to the local server.
const domain = 'seized-shop.com';

let dir: string;
let db: Db;
let banner: TestBanner;
let browser: Browser;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banner-browser-'));
  db = openDatabase(path.join(dir, 'takedown.db'));
  banner = await startTestBanner(db);
  banner.allowList.add({ domain, caseRef: 'HSI-NY-2026-0142', court: 'U.S. District Court for the Southern District of New York' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${domain} 127.0.0.1, MAP www.${domain} 127.0.0.1`],
  });
});
afterAll(async () => {
  await browser?.close();
  await banner?.close();
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('in a real browser the banner renders for the seized domain and its tip form submits a lead', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const response = await page.goto(`http://${domain}:${banner.port}/`);
  expect(response?.status()).toBe(200);
  await expect(page.title()).resolves.toBe('This domain has been seized');
  const notice = await page.locator('#notice').textContent();
  expect(notice).toContain(`The domain name ${domain} has been seized`);
  const text = await page.locator('main').innerText();
  expect(text).toContain('U.S. District Court for the Southern District of New York');
  expect(text).toContain('18 U.S.C. §§ 981 and 2323');
  expect(text).toContain('National Intellectual Property Rights Coordination Center (IPR Center)');
  expect(text).toContain('HSI-NY-2026-0142');
  // The page is laid out (our own stylesheet applied) and the emblem is drawn.
  // (tsconfig has no DOM lib: the browser's window is reached through globalThis.)
  const style = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor;
  expect(await page.locator('header').evaluate(style)).toBe('rgb(20, 33, 61)');
  expect(await page.locator('header svg').boundingBox()).toMatchObject({ width: 56, height: 64 });
  await page.screenshot({ path: process.env.BANNER_SCREENSHOT ?? path.join(dir, 'banner.png'), fullPage: true });

  // The public-service link works.
  await page.getByRole('link', { name: /Why counterfeit goods put you at risk/ }).click();
  await expect(page.locator('#psa').textContent()).resolves.toContain('counterfeit goods are not a bargain');
  await page.goBack();

  // The tip form: the message is required (the browser refuses an empty one), name and contact optional.
  await page.getByRole('button', { name: 'Send tip' }).click();
  expect(page.url()).toBe(`http://${domain}:${banner.port}/`);
  await page.getByLabel('What you know').fill('The same people now sell fakes at cheap-bags-outlet.example.');
  await page.getByLabel(/Your name/).fill('A. Shopper');
  await Promise.all([page.waitForURL(`http://${domain}:${banner.port}/tip`), page.getByRole('button', { name: 'Send tip' }).click()]);
  await expect(page.locator('#message').textContent()).resolves.toBe('Thank you');
  expect(await page.locator('main').innerText()).toMatch(/Reference: TIP-\d+/);

  expect(banner.tips.forDomain(domain)).toEqual([expect.objectContaining({ message: 'The same people now sell fakes at cheap-bags-outlet.example.', name: 'A. Shopper', contact: undefined })]);
  expect(banner.hits.total(domain)).toBe(2); // the first visit and the return from the public-service page
  // Nothing was fetched from anywhere but the seized host.
  expect(requests.filter((url) => !url.startsWith(`http://${domain}:${banner.port}/`))).toEqual([]);
});
