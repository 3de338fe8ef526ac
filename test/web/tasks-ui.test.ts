import type { PlatformSite } from '../helpers/platform-site';
import { waitFor } from '../helpers/wait';
import { noRegistryShop, openCase, preservationViaPortal, startInstagram, target } from '../api/task-targets';
import { signedIn, useBrowserWorld } from './browser';

// The page functions below run in the browser; this names the little of the DOM they use (the project's lib has no DOM).
declare const window: { stillTheSamePage?: boolean };

const t = useBrowserWorld();
let site: PlatformSite;
beforeAll(async () => { site = await startInstagram(t.api); });
afterAll(() => site?.close());

test('the manual lookup in the web UI: listed under My tasks, its form on the target page, and the case page follows without a reload', async () => {
  const shop = noRegistryShop(t.api);
  const pkg = await openCase(t.api, [shop.link]);
  const agent = await signedIn(t.browser, t.api.baseUrl, 'rivera');

  // The case page lists the task waiting for a person, on its own (it keeps itself current).
  const casePage = await agent.context.newPage();
  await casePage.goto(`/cases/${pkg.caseId}`);
  await casePage.evaluate(() => { window.stillTheSamePage = true; });
  await casePage.getByRole('heading', { name: 'Waiting for a person' }).waitFor({ timeout: 60_000 });

  // My tasks: the target, its case, the kind and the deadline, linking to the form.
  await agent.page.getByRole('link', { name: 'My tasks' }).click();
  const row = agent.page.getByRole('row').filter({ hasText: shop.domain });
  await row.waitFor({ timeout: 30_000 });
  const text = await row.textContent();
  for (const fact of [pkg.caseId, 'manual-lookup', 'LOOKUP', 'NO_RDAP_SERVER']) expect(text).toContain(fact);
  expect(text).toMatch(/\d{4}.*OK/);
  await Promise.all([agent.page.waitForURL(`**/targets/${shop.domain}#task`), row.getByRole('link', { name: 'Enter the registration found by hand' }).click()]);

  // The form: a refusal names the field and changes nothing; the record entered goes through.
  const page = agent.page;
  await page.getByRole('heading', { name: 'Enter the registration found by hand' }).waitFor();
  await page.getByLabel('Registry', { exact: true }).fill('Guyana Registry (.gy)');
  await page.getByLabel('Registrar', { exact: true }).fill('Caribbean Names Ltd.');
  await page.getByLabel('Registrar IANA ID').fill('1234');
  await page.getByLabel('Registrar abuse e-mail').fill('abuse@registrar.gy');
  await page.getByLabel('Name servers (one per line)').fill('ns1.host.gy\nnot a host name');
  await page.getByLabel('Statuses (one per line)').fill('clientTransferProhibited');
  await page.getByLabel('Expires').fill('2027-05-01');
  await page.getByLabel('Where it was found').fill('registry.gy web WHOIS, 2026-12-01');
  await page.getByRole('button', { name: 'Save the registration' }).click();
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.textContent()).toContain('a name server host name');
  expect((await target(t.api, shop.domain)).stage).toBe('LOOKUP');

  await page.getByLabel('Name servers (one per line)').fill('ns1.host.gy\nns2.host.gy');
  await page.getByRole('button', { name: 'Save the registration' }).click();
  await page.getByText('Registration saved: the target goes on with it.').waitFor();
  // The target page follows the workflow on its own: the stage leaves LOOKUP, the registration shows.
  await page.locator('h1 .badge').filter({ hasNotText: 'LOOKUP' }).waitFor({ timeout: 30_000 });
  await page.getByText('Caribbean Names Ltd. (IANA 1234), abuse: abuse@registrar.gy').waitFor();
  const entered = await target(t.api, shop.domain);
  expect(entered.registration).toMatchObject({ source: 'manual', registry: { name: 'Guyana Registry (.gy)' }, nameservers: ['ns1.host.gy', 'ns2.host.gy'], statuses: ['clientTransferProhibited'], events: { expires: '2027-05-01' } });
  expect(entered.timeline.find((e) => e.action.startsWith('registration entered by hand'))?.actor.id).toBe('rivera');

  // The case page, never reloaded, has followed: the task is gone and the target waits for legal review.
  await casePage.getByRole('heading', { name: 'Waiting for a person' }).waitFor({ state: 'detached', timeout: 30_000 });
  await casePage.getByRole('row').filter({ hasText: shop.domain }).getByText('LEGAL_REVIEW', { exact: true }).waitFor({ timeout: 30_000 });
  expect(await casePage.evaluate(() => window.stillTheSamePage)).toBe(true);
  await agent.context.close();
}, 180_000);

test('the portal submission in the web UI: the checklist with where to record it, the record, then the one extension; a coordinator has no such tasks', async () => {
  const { pkg, key } = await preservationViaPortal(t.api, site);
  const agent = await signedIn(t.browser, t.api.baseUrl, 'rivera');
  await agent.page.goto('/tasks');
  const row = agent.page.getByRole('row').filter({ hasText: key });
  await row.waitFor({ timeout: 60_000 });
  expect(await row.textContent()).toContain(pkg.caseId);
  expect(await row.textContent()).toContain('portal-submission');
  await Promise.all([agent.page.waitForURL(`**/targets/${encodeURIComponent(key)}#task`), row.getByRole('link', { name: "Submit in the platform's portal and record it" }).click()]);

  const page = agent.page;
  await page.getByRole('heading', { name: 'Submit the preservation request in the Instagram portal' }).waitFor();
  await page.getByRole('link', { name: 'https://www.facebook.com/records' }).waitFor();
  const checklist = await page.locator('ol.checklist').textContent();
  expect(checklist).toContain('18 U.S.C. § 2703(f)');
  // "Record … here" names the real place: this page's form (and the command).
  expect(checklist).toContain(`the form "Record the portal submission" on the target's page (/targets/${key}, listed under My tasks)`);

  await page.getByLabel('Portal reference').fill('META-LE-77');
  await page.getByRole('button', { name: 'Record the portal submission' }).click();
  await page.getByText('Recorded: preservation request, reference META-LE-77.').waitFor();
  const preserved = await waitFor('the preservation on record', async () => { const s = await target(t.api, key); return s.profile?.preservation && s; });
  expect(preserved.profile!.preservation).toMatchObject({ channel: 'portal', reference: 'META-LE-77' });
  expect(preserved.profile!.submissions).toEqual([expect.objectContaining({ kind: 'preservation', reference: 'META-LE-77', actor: expect.objectContaining({ id: 'rivera' }) })]);
  expect(Date.now() - Date.parse(preserved.profile!.submissions[0]!.submittedAt)).toBeLessThan(120_000);

  // The page moves on by itself to WARRANT and offers the preservation's one extension.
  await page.locator('h1 .badge').getByText('WARRANT', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Portal reference of the extension').fill('META-LE-77-EXT');
  await page.getByRole('button', { name: 'Extend the preservation' }).click();
  await page.getByText(/^Preservation extended to \d{4}-/).waitFor();
  const extended = await target(t.api, key);
  expect(extended.profile!.preservation!.extensions).toEqual([expect.objectContaining({ reference: 'META-LE-77-EXT' })]);
  await agent.context.close();

  // A coordinator does none of these tasks: no link in the navigation, and the page says so.
  const coordinator = await signedIn(t.browser, t.api.baseUrl, 'patel');
  expect(await coordinator.page.getByRole('link', { name: 'My tasks' }).count()).toBe(0);
  await coordinator.page.goto('/tasks');
  await coordinator.page.getByText('Your role does none of these tasks').waitFor();
  await coordinator.page.getByText('Nothing waits for you.').waitFor();
  await coordinator.context.close();
}, 180_000);
