// Workflow code for the per-host lookup test and bench (bundled on its own): only the lookup step.
import { workflowInfo } from '@temporalio/workflow';
import { lookupRegistrationPerHost } from '../../workflows/domain-seizure/registration-lookup';

export interface LookedUp {
  domain: string;
  registrar?: string;
  abuseEmail?: string;
  requests?: number;
  error?: string;
}

/** Looks up every domain at once, each the way the domain workflow does (workflows/domain-seizure/registration-lookup.ts). */
export async function lookupEachWorkflow(domains: string[]): Promise<LookedUp[]> {
  const queue = workflowInfo().taskQueue;
  return Promise.all(domains.map(async (domain): Promise<LookedUp> => {
    try {
      const record = await lookupRegistrationPerHost(domain, queue);
      return { domain, registrar: record.registrar.name, abuseEmail: record.registrar.abuseEmail, requests: record.raw.length };
    } catch (error) {
      return { domain, error: error instanceof Error ? error.message : String(error) };
    }
  }));
}
