/**
 * The workflow bundle's entry: every workflow the worker hosts, by its type name.
 *
 * The SDK evaluates the bundle's modules again for each workflow it creates (and re-creates after a cache
 * eviction). Named as getters, a workflow evaluates only the modules it uses: a target does not build the
 * case's or the operation's schemas. (`bench case`'s CPU profile: module evaluation was a third of the
 * workflow thread's time; see also worker/workflow-bundle.ts.)
 */
const workflows = {
  caseWorkflow: () => (require('./case/case') as typeof import('./case/case')).caseWorkflow,
  domainSeizureWorkflow: () => (require('./domain-seizure/domain-seizure') as typeof import('./domain-seizure/domain-seizure')).domainSeizureWorkflow,
  legalReviewWorkflow: () => (require('./review/legal-review') as typeof import('./review/legal-review')).legalReviewWorkflow,
  disseminationWorkflow: () => (require('./dissemination/dissemination') as typeof import('./dissemination/dissemination')).disseminationWorkflow,
  noticeWorkflow: () => (require('./notice/notice') as typeof import('./notice/notice')).noticeWorkflow,
  profileTakedownWorkflow: () => (require('./profile-takedown/profile-takedown') as typeof import('./profile-takedown/profile-takedown')).profileTakedownWorkflow,
  profileWatchWorkflow: () => (require('./profile-takedown/profile-watch') as typeof import('./profile-takedown/profile-watch')).profileWatchWorkflow,
  custodyWorkflow: () => (require('./custody/custody') as typeof import('./custody/custody')).custodyWorkflow,
  operationWorkflow: () => (require('./operation/operation') as typeof import('./operation/operation')).operationWorkflow,
  operationProgressWorkflow: () => (require('./operation/operation-progress') as typeof import('./operation/operation-progress')).operationProgressWorkflow,
};

for (const [name, load] of Object.entries(workflows)) Object.defineProperty(exports, name, { enumerable: true, get: load });
