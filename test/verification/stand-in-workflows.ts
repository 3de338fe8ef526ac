// A workflow bundle for testing the domain workflow's verification on its own: the domain workflow, the
// custody workflow it starts, and a stand-in for the case that takes the target's reports and nothing else.
import { condition, setDefaultSignalHandler } from '@temporalio/workflow';

export { custodyWorkflow } from '../../workflows/custody/custody';
export { domainSeizureWorkflow } from '../../workflows/domain-seizure/domain-seizure';

/** Stands in for the case workflow: the domain workflow reports every stage to it. */
export async function caseStandInWorkflow(): Promise<void> {
  setDefaultSignalHandler(() => undefined);
  await condition(() => false);
}
