import { allHandlersFinished, condition } from '@temporalio/workflow';
import { systemActor } from '../../domain/actors';
import { caseOutcome, type CaseOutcome } from '../../domain/case-status';
import { installCaseHandlers } from './handlers';
import { openCaseRun, tellOperationIfOpened, type CaseWorkflowInput } from './run';
import { openTargets } from './targets';
import { serveWarrant } from './warrant-notices';

export type { CaseWorkflowInput } from './run';

/**
 * A case: its versioned package and targets, one legal-review round at a time for all its targets, the
 * warrants, and the notices it serves. It ends when every target has ended.
 *
 * The story is below; what people and targets send the case while it runs is in handlers.ts, the review
 * rounds in review-rounds.ts, and serving a warrant's notices in warrant-notices.ts (the notices themselves
 * are workflows of their own: workflows/notice/).
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseOutcome> {
  const run = openCaseRun(input);
  const { state, status } = run;
  installCaseHandlers(run);

  // 1. Open: one workflow per target, so lookups and evidence run while the package is prepared.
  state.record(input.openedBy, `case opened: ${state.pkg.title}`, { packageVersion: 1 });
  await openTargets(state, state.pkg.targets, input.openedBy, input.settings ?? {}, run.caseWorkflowId, run.children);
  run.opening = false;
  await tellOperationIfOpened(run);

  // 2–4. Review rounds and warrants arrive through the handlers (handlers.ts); each warrant is served here.
  for (;;) {
    await condition(() => run.warrantsToServe.length > 0 || !state.hasLiveTargets());
    const warrant = run.warrantsToServe.shift();
    if (!warrant) break;
    await serveWarrant(run, warrant);
  }

  // 5. Close: once every target, review and notice has ended.
  await Promise.all([...run.children.map((child) => child.result().catch(() => undefined)), ...run.reviews, ...run.followUps]);
  await run.notices.closeAll();
  if (status.stage !== 'REJECTED') state.enter('CLOSED');
  state.record(systemActor, 'case closed: every target has ended');
  await condition(allHandlersFinished);
  return caseOutcome(status);
}
