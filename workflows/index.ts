/**
 * The workflow bundle's entry: every workflow the worker hosts, by its type name.
 *
 * The SDK evaluates the bundle's modules again for each workflow it creates (and re-creates after a cache
 * eviction). Named as getters, a workflow evaluates only the modules it uses: a target does not build the
 * case's or the operation's schemas. (`bench case`'s CPU profile: module evaluation was a third of the
 * workflow thread's time; see also worker/workflow-bundle.ts.)
 */
const workflows = {
  caseWorkflow: () => (require('./case') as typeof import('./case')).caseWorkflow,
  domainSeizureWorkflow: () => (require('./domain-seizure') as typeof import('./domain-seizure')).domainSeizureWorkflow,
  legalReviewWorkflow: () => (require('./legal-review') as typeof import('./legal-review')).legalReviewWorkflow,
  noticeWorkflow: () => (require('./notice') as typeof import('./notice')).noticeWorkflow,
  profileTakedownWorkflow: () => (require('./profile-takedown') as typeof import('./profile-takedown')).profileTakedownWorkflow,
  profileWatchWorkflow: () => (require('./profile-watch') as typeof import('./profile-watch')).profileWatchWorkflow,
  custodyWorkflow: () => (require('./custody') as typeof import('./custody')).custodyWorkflow,
  operationWorkflow: () => (require('./operation') as typeof import('./operation')).operationWorkflow,
  operationProgressWorkflow: () => (require('./operation-progress') as typeof import('./operation-progress')).operationProgressWorkflow,
};

for (const [name, load] of Object.entries(workflows)) Object.defineProperty(exports, name, { enumerable: true, get: load });
