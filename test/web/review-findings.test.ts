import type { CaseStatusView as CaseView } from '../../domain/case-view';
import { addShop, shopUrl } from '../api/domains';
import { casePackage } from '../helpers/case-fixtures';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { signedIn, useBrowserWorld } from './browser';

const t = useBrowserWorld();

test("counsel's package says which evidence failed and which registration was entered by hand, by whom (API and review page)", async () => {
  const captured = addShop(t.api.world);
  const refused = addShop(t.api.world, 'metadata-redirect-');
  const byHand = `${unique('fake-pharma-')}.gy`; // no RDAP server for .gy: a manual lookup
  t.api.world.dns.set(`meta.${refused}`, { A: ['169.254.169.254'] });
  t.api.world.shop.redirect('/to-meta', `http://meta.${refused}/latest/meta-data/`);
  const pkg = casePackage([shopUrl(t.api.world, captured), `${shopUrl(t.api.world, refused)}to-meta`, byHand]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  const caseOf = async (): Promise<CaseView> => (await t.api.call('okafor', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json();

  // The agent does the manual-lookup task through the API.
  await waitFor('the manual-lookup task', async () => (await t.api.call('rivera', { method: 'GET', url: `/api/targets/${byHand}` })).json().task?.kind === 'manual-lookup');
  const record = { registry: { name: 'Guyana .gy registry' }, registrar: { name: 'Registrar of Georgetown', abuseEmail: 'abuse@gy-registrar.example' }, nameservers: ['ns1.pharma-host.example'], foundAt: 'registry web WHOIS, 2026-11-28' };
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/targets/${byHand}/registration`, payload: { record } })).statusCode).toBe(200);
  const view = await waitFor('every target at legal review', async () => { const c = await caseOf(); return c.targets.every((t) => t.stage === 'LEGAL_REVIEW' && t.registrar) && c; });

  expect(view.findings.failedEvidence).toEqual(expect.arrayContaining([
    expect.objectContaining({ target: refused, kind: 'refused', reason: expect.stringContaining('169.254.169.254 is not a public address: link-local') }),
    expect.objectContaining({ target: byHand, url: `https://${byHand}/`, kind: 'dns' }),
  ]));
  expect(view.findings.failedEvidence.map((f) => f.target)).not.toContain(captured);
  expect(view.findings.withoutEvidence.sort()).toEqual([refused, byHand].sort());
  expect(view.findings.manualRegistrations).toEqual([{ target: byHand, registrar: 'Registrar of Georgetown', registry: 'Guyana .gy registry', enteredBy: { id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' }, foundAt: 'registry web WHOIS, 2026-11-28' }]);

  // Counsel sees the same on the review page.
  const counsel = await signedIn(t.browser, t.api.baseUrl, 'okafor');
  await counsel.page.goto(`/review/${pkg.caseId}`);
  const failed = counsel.page.locator('.findings table').first();
  await failed.getByText(`refused: redirect to http://meta.${refused}/latest/meta-data/ refused`, { exact: false }).waitFor();
  await failed.getByText(`dns: ${byHand}: no address`, { exact: false }).waitFor();
  expect(await failed.getByText(captured).count()).toBe(0);
  const manual = counsel.page.locator('.findings table').nth(1);
  await manual.getByText('Special Agent Dana Rivera (agent)').waitFor();
  await manual.getByText('registry web WHOIS, 2026-11-28').waitFor();
  await counsel.context.close();
  for (const target of [captured, refused, byHand]) await t.api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/targets/${target}/withdraw`, payload: { reason: 'test over' } }).catch(() => undefined);
});
