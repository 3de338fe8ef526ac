// The negative control for the replay test: the real workflows with one deliberate change that breaks
// determinism (the domain seizure now captures evidence before it looks the domain up).
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../../activities';
import { domainSeizureWorkflow as realDomainSeizure, type DomainSeizureInput } from '../../../workflows/domain-seizure/domain-seizure';

export { caseWorkflow } from '../../../workflows/case/case';

const { captureEvidence } = proxyActivities<Activities>({ startToCloseTimeout: '1m' });

export async function domainSeizureWorkflow(input: DomainSeizureInput) {
  await captureEvidence({ urls: input.evidenceUrls, capturedBy: input.openedBy.id });
  return realDomainSeizure(input);
}
