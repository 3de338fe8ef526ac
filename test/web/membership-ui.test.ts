import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { addShop, shopUrl } from '../api/domains';
import { signedIn, useBrowserWorld } from './browser';

const t = useBrowserWorld();

test("another team's agent and counsel find the case's pages not found, as for a case that does not exist, and their lists leave the case out; the team's counsel finds it", async () => {
  const domain = addShop(t.api.world);
  const pkg = casePackage([shopUrl(t.api.world, domain)]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the target listed', async () => (await t.api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json().targets.length === 1);
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` })).statusCode).toBe(200);
  // And one of newark-ipr's own in review, so the lists below are seen loaded.
  const own = casePackage([shopUrl(t.api.world, addShop(t.api.world))]);
  expect((await t.api.call('moreau', { method: 'POST', url: '/api/cases', payload: own })).statusCode).toBe(201);
  await waitFor('its target listed', async () => (await t.api.call('moreau', { method: 'GET', url: `/api/cases/${own.caseId}` })).json().targets.length === 1);
  expect((await t.api.call('moreau', { method: 'POST', url: `/api/cases/${own.caseId}/submit` })).statusCode).toBe(200);

  const agent = await signedIn(t.browser, t.api.baseUrl, 'moreau');
  for (const [url, missing] of [[`/cases/${pkg.caseId}`, `case:${pkg.caseId}`], [`/targets/${domain}`, `domain:${domain}`], [`/review/${pkg.caseId}`, `case:${pkg.caseId}`]] as const) {
    await agent.page.goto(url);
    await agent.page.getByRole('heading', { name: 'Not found' }).waitFor();
    const alert = await agent.page.getByRole('alert').textContent();
    expect(alert).toContain(`no such workflow: ${missing}`);
    expect(alert).not.toContain('miami-ipr');
  }
  await agent.page.goto('/cases');
  await agent.page.getByRole('link', { name: own.caseId }).first().waitFor();
  expect(await agent.page.locator('main').textContent()).not.toContain(pkg.caseId);

  // Counsel of another team: the review queue leaves the case out, and its review page refuses.
  const counsel = await signedIn(t.browser, t.api.baseUrl, 'haddad');
  await counsel.page.goto('/review');
  await counsel.page.getByRole('link', { name: own.caseId }).first().waitFor();
  expect(await counsel.page.locator('main').textContent()).not.toContain(pkg.caseId);
  await counsel.page.goto(`/review/${pkg.caseId}`);
  await counsel.page.getByRole('heading', { name: 'Not found' }).waitFor();

  // The team's counsel finds it in the queue.
  const member = await signedIn(t.browser, t.api.baseUrl, 'okafor');
  await member.page.goto('/review');
  await member.page.getByRole('link', { name: pkg.caseId }).waitFor();
  for (const session of [agent, counsel, member]) await session.context.close();
});
