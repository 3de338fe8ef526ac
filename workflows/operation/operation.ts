import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, startChild, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { systemActor, type Actor } from '../../domain/actors';
import { nowIso } from '../../domain/clock';
import { workflowIds } from '../../domain/ids';
import {
  caseOpenedSignal, operationCasePackage, operationInputSchema, operationStatusQuery, planOperation, type OperationCase, type OperationStatus, type OperationWorkflowInput, type PlannedCase,
} from '../../domain/operation';
import { searchAttributes } from '../../domain/search-attributes';
import { durationMs } from '../../domain/duration';
import { parseOrRefuse } from '../../domain/validation';
import type { caseWorkflow } from '../case/case';
import type { operationProgressWorkflow } from './operation-progress';
import { refuseOnError } from '../shared/refuse';

/** The window's fallback poll backs off to this (a case's own word, caseOpened, frees the window at once). */
const maxWindowPollMs = 10 * 60_000;

/** Reading a case's progress is a query through an activity; a case that does not answer is asked again later. */
const engine = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry: { maximumAttempts: 3 } });

/**
 * An operation (PRODUCT §5): its list planned into cases (pure, domain/operation.ts), then the cases started
 * one after another, with at most `window` of them still opening their targets, each as an abandoned child
 * that lives on after the operation. Every row is answered in the status. Continues as new every few cases.
 */
export async function operationWorkflow(input: OperationWorkflowInput): Promise<OperationStatus> {
  const op = refuseOnError(() => parseOrRefuse(operationInputSchema, input.operation, 'the operation'));
  const carried = input.carried ?? firstRun(input.openedBy);
  const { status } = carried;
  const pending = [...carried.pending];
  const parts = status.cases.length;
  setHandler(operationStatusQuery, () => status);
  setHandler(caseOpenedSignal, ({ caseId }) => {
    const entry = status.cases.find((c) => c.caseId === caseId);
    if (entry?.state === 'opening') entry.state = 'opened';
  });
  const record = (action: string, actor: Actor = systemActor) => status.timeline.push({ at: nowIso(), actor, action });
  // Operations started before the progress workflow existed replay without it (test/replay/histories/operation.json).
  if (patched('operation-progress') && !status.progressWorkflowId) await followProgress();
  /**
   * Since 'operation-awaits-openings' the operation stays until its last cases have opened, so its page says
   * so (it used to end once every case had started, and a case's word that it had opened then reached no one);
   * and a wait on the window backs off and continues as new rather than growing the history by a poll every few
   * seconds while a case's targets wait days for a person.
   */
  const awaitsOpenings = patched('operation-awaits-openings');
  const carryOn = () => continueAsNew<typeof operationWorkflow>({ ...input, carried: { status: { ...status, run: status.run + 1 }, pending } });

  for (let started = 0; pending.length > 0; started++) {
    if (started === op.casesPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return carryOn();
    }
    if ((await openingFewerThan(op.window)) === 'continue') return carryOn();
    const next = pending.shift()!;
    await startCase(next, status.cases.find((c) => c.caseId === next.caseId)!);
  }
  if (status.state !== 'STARTED') {
    status.state = 'STARTED';
    upsertSearchAttributes([{ key: searchAttributes.Stage, value: 'STARTED' }]);
    record(`every case started: ${status.cases.filter((c) => c.state !== 'not-started').length} of ${parts}`);
  }
  if (awaitsOpenings) {
    if ((await openingFewerThan(1)) === 'continue') return carryOn();
    record('every case has opened its targets');
  }
  await condition(allHandlersFinished);
  return status;

  function firstRun(openedBy: Actor): NonNullable<OperationWorkflowInput['carried']> {
    const plan = planOperation(op);
    const count = (s: string) => plan.rows.filter((r) => r.status === s).length;
    const first: OperationStatus = {
      operationId: op.operationId, title: op.title, openedBy, state: 'STARTING', run: 0,
      rows: { total: plan.rows.length, planned: count('planned'), refused: count('refused'), repeats: count('repeat') },
      answered: plan.rows.filter((r) => r.status !== 'planned'),
      cases: plan.cases.map((c) => ({ caseId: c.caseId, workflowId: workflowIds.case(c.caseId), targets: c.targets.length, state: 'waiting' })),
      timeline: [{ at: nowIso(), actor: openedBy, action: `operation opened: ${plan.rows.length} rows, ${count('planned')} targets in ${plan.cases.length} case(s) of at most ${op.targetsPerCase}; ${count('refused')} refused, ${count('repeat')} repeated` }],
    };
    upsertSearchAttributes([{ key: searchAttributes.OperationId, value: op.operationId }, { key: searchAttributes.Stage, value: 'STARTING' }]);
    return { status: first, pending: plan.cases };
  }

  /** Starts the workflow that counts the operation's targets by stage over time; it outlives the operation. */
  async function followProgress(): Promise<void> {
    const workflowId = workflowIds.operationProgress(op.operationId);
    try {
      await startChild<typeof operationProgressWorkflow>('operationProgressWorkflow', {
        workflowId, parentClosePolicy: ParentClosePolicy.ABANDON, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ operationId: op.operationId, everyMs: durationMs(op.sampleEvery) }],
      });
    } catch (error) {
      // Already counting (an earlier run started it): the same workflow goes on.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    status.progressWorkflowId = workflowId;
  }

  /**
   * Waits until fewer than `limit` started cases are still opening their targets, or until the history is
   * long enough to continue as new ('continue'; operations before 'operation-awaits-openings' poll on).
   */
  async function openingFewerThan(limit: number): Promise<'room' | 'continue'> {
    for (let poll = durationMs(op.windowPollEvery); ; poll = awaitsOpenings ? Math.min(poll * 2, maxWindowPollMs) : poll) {
      for (const c of status.cases.filter((x) => x.state === 'opening')) {
        const progress = await engine.caseOpening(c.workflowId).catch(() => undefined);
        // No targets yet means the case has not run its first task; a case that is gone holds no place.
        if (progress && (progress.gone || (progress.opening === 0 && progress.targets > 0))) c.state = 'opened';
      }
      const full = () => status.cases.filter((c) => c.state === 'opening').length >= limit;
      if (!full()) return 'room';
      if (awaitsOpenings && workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        return 'continue';
      }
      // A case says when it has opened (caseOpened); the poll above is the fallback for one that cannot say so.
      await condition(() => !full(), poll);
    }
  }

  async function startCase(planned: PlannedCase, entry: OperationCase): Promise<void> {
    const pkg = operationCasePackage(op, planned, status.cases.indexOf(entry) + 1, parts);
    try {
      await startChild<typeof caseWorkflow>('caseWorkflow', {
        workflowId: entry.workflowId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ package: pkg, openedBy: status.openedBy, settings: input.settings, team: op.team, counsel: op.counsel }],
        memo: { title: pkg.title, openedBy: { id: status.openedBy.id, name: status.openedBy.name } },
      });
      entry.state = 'opening';
      entry.startedAt = nowIso();
      record(`case ${entry.caseId} started with ${entry.targets} target(s)`);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      entry.state = 'not-started';
      entry.error = `a case ${entry.caseId} exists already; its ${entry.targets} target(s) were not started`;
      record(entry.error);
    }
  }
}
