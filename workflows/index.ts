// The workflow bundle's entry: every workflow the worker hosts.
export { caseWorkflow } from './case';
export { domainSeizureWorkflow } from './domain-seizure';
export { legalReviewWorkflow } from './legal-review';
export { noticeWorkflow } from './notice';
export { profileTakedownWorkflow } from './profile-takedown';
export { profileWatchWorkflow } from './profile-watch';
export { custodyWorkflow } from './custody';
export { operationWorkflow } from './operation';
export { operationProgressWorkflow } from './operation-progress';
