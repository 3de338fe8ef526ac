import type { Client } from '@temporalio/client';
import { describeHolder } from '../../../lib/active-case';
import { custodyWorkflowId } from '../../../domain/custody';
import { classify, classifyPayment, normalizeNamed, type Finding, type Holder, type NamedItem } from '../../../domain/leads';
import { paymentAccountKey, purchaseAccounts, tagsToFind } from '../../../domain/payment-accounts';
import { readCaseStatuses } from '../cases/read-statuses';
import { listCases } from '../temporal/visibility';
import type { Lead, LeadStore } from './store';

/**
 * Triage's deconfliction: every domain and profile a lead names, normalised as cases normalise targets, is
 * checked against the engine's own record, the way a case refuses a duplicate target (one workflow per
 * target, its ID derived from the normalised target; lib/active-case.ts reads who holds
 * it and at which stage). A domain whose target workflow is gone but which is (or was) in custody is
 * found through its custody workflow. No second index: Temporal is the record of every active and past target.
 */
export async function deconflict(client: Client, leads: LeadStore, lead: Pick<Lead, 'leadId' | 'domains' | 'profiles' | 'paymentAccounts'>): Promise<Finding[]> {
  const items: NamedItem[] = [
    ...lead.domains.map((d) => normalizeNamed('domain', d)),
    ...lead.profiles.map((p) => normalizeNamed('profile', p)),
  ];
  // Two spellings of one target are checked once and listed once.
  const seen = new Set<string>();
  const unique = items.filter((i) => i.workflowId === undefined || (!seen.has(i.workflowId) && seen.add(i.workflowId)));
  const targets = await Promise.all(unique.map(async (item) => classify(item, item.workflowId ? await holderOf(client, item) : undefined)));
  return [...targets, ...(await deconflictAccounts(client, leads, lead))];
}

/**
 * Payment accounts are not targets (no workflow holds one), so they are checked against what names them: other
 * leads (takedown.db) and the undercover purchases of cases. The cases are found by the tags of the accounts in
 * their `PaymentAccounts` search attribute (one visibility query), and each candidate's package is read to confirm
 * it (a tag may be shared); a candidate that does not answer in time is counted in the finding, not skipped.
 */
async function deconflictAccounts(client: Client, leads: LeadStore, lead: Pick<Lead, 'leadId' | 'paymentAccounts'>): Promise<Finding[]> {
  const accounts = [...new Map(lead.paymentAccounts.map((p) => [paymentAccountKey(p), p])).entries()];
  if (accounts.length === 0) return [];
  const candidates = await listCases(client, { accountTags: tagsToFind(accounts.map(([key]) => key)) }, 1000);
  const { statuses, unreadable } = await readCaseStatuses(client, candidates.map((c) => c.caseId));
  const purchases = statuses.flatMap((s) => { const pkg = s.packageVersions.at(-1)?.package; return pkg ? purchaseAccounts(pkg).map((a) => ({ ...a, caseId: s.caseId })) : []; });
  return accounts.map(([key, p]) => {
    const inCases = purchases.filter((c) => c.key === key).map(({ caseId, target }) => ({ caseId, target }));
    return classifyPayment({ kind: 'payment', input: `${p.processor}: ${p.account}` }, { leads: leads.leadsNamingAccount(key, lead.leadId), cases: [...new Map(inCases.map((c) => [`${c.caseId}|${c.target}`, c])).values()] }, unreadable);
  });
}

async function holderOf(client: Client, item: NamedItem): Promise<Holder> {
  const holder = await describeHolder(client, item.workflowId!);
  if (holder.caseId !== undefined || item.targetKind !== 'domain') return holder;
  const custody = await describeHolder(client, custodyWorkflowId(item.key!));
  return custody.caseId !== undefined || custody.stage !== undefined ? { ...holder, inCustody: { caseId: custody.caseId, stage: custody.stage } } : holder;
}
