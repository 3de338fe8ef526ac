import type { Client } from '@temporalio/client';
import { describeHolder } from '../../../lib/active-case';
import { custodyWorkflowId } from '../../../domain/custody';
import { classify, normalizeNamed, type Finding, type Holder, type NamedItem } from '../../../domain/leads';
import type { Lead } from './store';

/**
 * Triage's deconfliction: every domain and profile a lead names, normalised as cases normalise targets, is
 * checked against the engine's own record, the way a case refuses a duplicate target (one workflow per
 * target, its ID derived from the normalised target; lib/active-case.ts reads who holds
 * it and at which stage). A domain whose target workflow is gone but which is (or was) in custody is
 * found through its custody workflow. No second index: Temporal is the record of every active and past target.
 */
export async function deconflict(client: Client, lead: Pick<Lead, 'domains' | 'profiles' | 'paymentAccounts'>): Promise<Finding[]> {
  const items: NamedItem[] = [
    ...lead.domains.map((d) => normalizeNamed('domain', d)),
    ...lead.profiles.map((p) => normalizeNamed('profile', p)),
    ...lead.paymentAccounts.map((p) => normalizeNamed('payment', `${p.processor}: ${p.account}`)),
  ];
  // Two spellings of one target are checked once and listed once.
  const seen = new Set<string>();
  const unique = items.filter((i) => i.workflowId === undefined || (!seen.has(i.workflowId) && seen.add(i.workflowId)));
  return Promise.all(unique.map(async (item) => classify(item, item.workflowId ? await holderOf(client, item) : undefined)));
}

async function holderOf(client: Client, item: NamedItem): Promise<Holder> {
  const holder = await describeHolder(client, item.workflowId!);
  if (holder.caseId !== undefined || item.targetKind !== 'domain') return holder;
  const custody = await describeHolder(client, custodyWorkflowId(item.key!));
  return custody.caseId !== undefined || custody.stage !== undefined ? { ...holder, inCustody: { caseId: custody.caseId, stage: custody.stage } } : holder;
}
