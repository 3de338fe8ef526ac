import { ackPathIn } from '../api/ack-form';
import { addShop, shopUrl } from '../api/domains';
import { casePackage } from '../helpers/case-fixtures';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { signedIn, useBrowserWorld } from './browser';

// In a real browser, against the real engine and the SMTP sink: an agent disseminates a lead from its page; the
// notice lands once; the recipient records "opened an investigation" through its link; a coordinator records an
// outreach event; the period report's charts (our own SVG, served by the app) show one lead disseminated with
// that outcome and the event's attendance.
const t = useBrowserWorld();

test('a lead disseminated from its page, its outcome recorded through the link, and the report charts count it', async () => {
  const { api, browser } = t;
  const today = new Date().toISOString().slice(0, 10);
  const email = `${unique('ui-duty-')}@newark.example`;
  const lead = (await api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Fake watches shipped from Newark', domains: [`${unique('ui-watch-shop-')}.com`] } })).json();
  expect((await api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).statusCode).toBe(200);

  // The agent passes it to a field office from the lead's page.
  const { page } = await signedIn(browser, api.baseUrl, 'rivera');
  await page.goto(`/leads/${lead.leadId}`);
  const form = page.getByRole('form', { name: 'Disseminate the lead' });
  await form.getByLabel('Organisation').fill('HSI Newark field office');
  await form.getByLabel('Person or desk').fill('Duty agent');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Why it goes to them').fill('The seller ships from your district.');
  await form.getByRole('button', { name: 'Send dissemination' }).click();
  await page.locator('h1', { hasText: 'DISSEMINATED' }).waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe(`${lead.leadId} DISSEMINATED`);
  await expect(page.locator('main > [role=status]').textContent()).resolves.toMatch(/^DIS-\d+ sent to HSI Newark field office; LEAD-\d+ is DISSEMINATED\.$/);
  const table = page.getByRole('table', { name: 'Disseminations and what came of them' });
  await expect(table.innerText()).resolves.toContain('none recorded yet');

  // The notice lands once; the recipient records what came of it, with no account.
  const mail = await waitFor('the dissemination notice', () => api.world.sink.messages.find((m) => m.envelope.to.includes(email)));
  const recipient = await browser.newContext({ baseURL: api.baseUrl });
  const link = await recipient.newPage();
  await link.goto(ackPathIn(mail.parsed.text!));
  await link.getByLabel('Opened an investigation').check();
  await link.getByLabel('Your name or desk').fill('SA Jordan Blake');
  await link.getByRole('button', { name: 'Record the outcome' }).click();
  await expect(link.getByRole('status').textContent()).resolves.toContain('We have recorded "Opened an investigation"');
  expect(api.world.sink.messages.filter((m) => m.envelope.to.includes(email))).toHaveLength(1);

  // The lead's page shows the outcome with who recorded it.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Disseminations and what came of them' }).innerText()).resolves.toContain('Opened an investigation, recorded by SA Jordan Blake');

  // A coordinator records an outreach event held today.
  const coordinator = await signedIn(browser, api.baseUrl, 'patel');
  await coordinator.page.goto('/outreach');
  const eventForm = coordinator.page.getByRole('form', { name: 'Record an event' });
  await eventForm.getByLabel('Date held').fill(today);
  await eventForm.getByLabel('Topic').fill('Counterfeit storefront indicators');
  await eventForm.getByLabel('Audience').fill('platform trust-and-safety staff');
  await eventForm.getByLabel('Partner organisations (one per line)').fill('Example Marketplace\nExample Social');
  await eventForm.getByLabel('Attendance').fill('20');
  await eventForm.getByRole('button', { name: 'Record event' }).click();
  await expect(coordinator.page.locator('main > [role=status]').textContent()).resolves.toMatch(/^OUT-\d+ recorded\.$/);
  await expect(coordinator.page.getByRole('table', { name: 'Events held, newest first' }).innerText()).resolves.toContain('Example Marketplace, Example Social');

  // The report for today: its charts say what happened.
  await coordinator.page.goto(`/report?from=${today}&to=${today}`);
  const chart = (title: string) => coordinator.page.getByRole('img', { name: title });
  await chart('Dissemination outcomes').waitFor();
  const bar = async (title: string, label: string) => Number(await chart(title).locator(`g[data-stage="${label}"] text.value`).textContent());
  expect(await bar('Dissemination outcomes', 'Opened an investigation')).toBe(1);
  expect(await bar('Dissemination outcomes', 'None recorded yet')).toBe(0);
  expect(await bar('Leads from receipt to dissemination', 'Disseminated')).toBe(1);
  expect(await bar('Leads from receipt to dissemination', 'Received')).toBe(1);
  expect(await bar('Outreach attendance', 'Attendance')).toBe(20);
  expect(await bar('Outreach events and outcomes', 'outreach')).toBe(1);
  await expect(chart('Dissemination outcomes').locator('desc').textContent()).resolves.toContain('Opened an investigation: 1');
  // The CSV link exports the same period.
  await expect(coordinator.page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).resolves.toBe(`/api/report/period?from=${today}&to=${today}&format=csv`);
}, 120_000);

test("a case's findings disseminated from the case's page, listed there with no outcome yet", async () => {
  const { api, browser } = t;
  const domain = addShop(api.world);
  const pkg = casePackage([shopUrl(api.world, domain)]);
  expect((await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  const email = `${unique('ui-partner-')}@platform.example`;
  const { page } = await signedIn(browser, api.baseUrl, 'rivera');
  await page.goto(`/cases/${pkg.caseId}`);
  const form = page.getByRole('form', { name: "Disseminate the case's findings" });
  await form.getByLabel('Partner').check();
  await form.getByLabel('Organisation').fill('Example Marketplace trust and safety');
  await form.getByLabel('Person or desk').fill('LE response team');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Why it goes to them').fill('The same seller lists on your marketplace.');
  await form.getByRole('button', { name: 'Send dissemination' }).click();
  const listed = page.getByRole('table', { name: 'Disseminations and what came of them' });
  await listed.waitFor();
  await expect(listed.innerText()).resolves.toMatch(/DIS-\d+\s+Example Marketplace trust and safety \(LE response team, partner\)[\s\S]*none recorded yet/);
  const mail = await waitFor('the notice of the case findings', () => api.world.sink.messages.find((m) => m.envelope.to.includes(email)));
  expect(mail.parsed.text).toContain(domain);
}, 60_000);
