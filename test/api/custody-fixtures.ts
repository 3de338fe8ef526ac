import type { CustodySettingsInput } from '../../domain/custody';
import type { Warrant } from '../../domain/warrant';
import { casePackage, warrantFor } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { seizureNameservers } from '../helpers/world';
import { seizedDomain, startCustody } from '../workflows/custody-helpers';
import { fastClocks, type ApiWorld } from './api-world';
import { addShop, shopUrl } from './domains';

/** Today as people write it in the forms (YYYY-MM-DD). */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * A domain seized in every respect in the API world, its custody started as the domain workflow starts
 * it on SEIZED (on the API world's task queue), with the law's clocks unless a test shortens them.
 */
export async function domainInCustody(api: ApiWorld, settings: CustodySettingsInput = {}) {
  const seized = seizedDomain(api.world);
  const handle = await startCustody(api.env, api.taskQueue, seized, { reverifyEvery: '1h', ...settings });
  return { ...seized, handle };
}

/**
 * A shop seized the whole way through the API: case opened, approved, warrant recorded, the registry
 * executes; the domain workflow starts custody on SEIZED. No acknowledgement: verification starts once
 * the short execution deadline passes. Resolves once the target is SEIZED.
 */
export async function seizeThroughCase(api: ApiWorld, warrant: Partial<Warrant> = {}) {
  const domain = addShop(api.world);
  const pkg = casePackage([shopUrl(api.world, domain)]);
  const stageOf = async () => (await api.call('patel', { method: 'GET', url: `/api/targets/${domain}` })).json().stage as string | undefined;
  const ok = (response: { statusCode: number; body: string }) => { if (response.statusCode >= 300) throw new Error(`${response.statusCode} ${response.body}`); };
  ok(await api.call('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, settings: { ...fastClocks, registryExecutionWithin: '1s' } } }));
  await waitFor('the target at legal review', async () => (await stageOf()) === 'LEGAL_REVIEW');
  ok(await api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` }));
  ok(await api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion: 1 } }));
  await waitFor('awaiting the warrant', async () => (await api.call('okafor', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json().stage === 'AWAITING_WARRANT');
  ok(await api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/warrants`, payload: warrantFor([domain], warrant) }));
  api.world.rdap.seize(domain, seizureNameservers);
  await waitFor('the target SEIZED', async () => (await stageOf()) === 'SEIZED', 60_000);
  return { domain, pkg };
}
