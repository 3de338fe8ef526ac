import type { TargetStatus } from '../../domain/target';
import { casePackage } from '../helpers/case-fixtures';
import { startPlatformSite, type PlatformSite } from '../helpers/platform-site';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import type { ApiWorld } from './api-world';

/**
 * Targets that hand a person a task, in an API world: a domain whose TLD no registry answers for (the
 * manual-lookup task) and an Instagram profile whose case asks for preservation (Meta takes it only through
 * its records portal: the portal-submission task, after counsel's approval).
 */
export const target = async (api: ApiWorld, key: string): Promise<TargetStatus> => (await api.call('rivera', { method: 'GET', url: `/api/targets/${encodeURIComponent(key)}` })).json();

/** A .gy shop: no RDAP server and no WHOIS for .gy, so the target waits in LOOKUP for a person. */
export function noRegistryShop(api: ApiWorld): { domain: string; link: string } {
  const domain = `${unique('fake-pharma-')}.gy`;
  api.world.dns.set(domain, { A: ['127.0.0.1'] });
  return { domain, link: `http://${domain}:${api.world.shop.port}/` };
}

/** The platform pages on 127.0.0.1 and the DNS names that lead there (www.instagram.com). */
export async function startInstagram(api: ApiWorld): Promise<PlatformSite> {
  const site = await startPlatformSite();
  api.world.dns.set('www.instagram.com', { A: ['127.0.0.1'] });
  return site;
}

/** Opens a case as the agent (through the API) and waits until its first target's workflow answers. */
export async function openCase(api: ApiWorld, targets: string[], overrides: Parameters<typeof casePackage>[1] = {}, settings?: Record<string, string>) {
  const pkg = casePackage(targets, overrides);
  const opened = await api.call('rivera', { method: 'POST', url: '/api/cases', payload: { ...pkg, ...(settings ? { settings } : {}) } });
  if (opened.statusCode !== 201) throw new Error(`case not opened: ${opened.body}`);
  return pkg;
}

/** A live Instagram seller in a case asking for preservation, approved by counsel: its target waits for the portal submission. */
export async function preservationViaPortal(api: ApiWorld, site: PlatformSite, settings?: Record<string, string>) {
  const handle = unique('replica_bags_').replace(/-/g, '_');
  site.live('www.instagram.com', `/${handle}`);
  const pkg = await openCase(api, [site.link('www.instagram.com', `/${handle}`)], { requestedActions: ['takedown', 'preservation'] }, settings);
  const key = `instagram:${handle}`;
  await waitFor('the profile at legal review', async () => (await target(api, key).catch(() => undefined))?.stage === 'LEGAL_REVIEW', 60_000);
  const submitted = await api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/submit` });
  if (submitted.statusCode !== 200) throw new Error(`not submitted: ${submitted.body}`);
  const { packageVersion } = (await api.call('okafor', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json() as { packageVersion: number };
  const decided = await api.call('okafor', { method: 'POST', url: `/api/cases/${pkg.caseId}/decision`, payload: { decision: 'approve', packageVersion, exclude: [] } });
  if (decided.statusCode !== 200) throw new Error(`not approved: ${decided.body}`);
  return { pkg, key, handle };
}
