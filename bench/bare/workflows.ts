import {
  ParentClosePolicy, condition, defineQuery, defineSignal, getExternalWorkflowHandle, proxyActivities, setHandler, startChild, workflowInfo, type ChildWorkflowHandle, type SignalDefinition,
} from '@temporalio/workflow';
import type { BareActivities } from './activities';

/**
 * The baseline: the plainest Temporal program of the pipeline's shape, with none of its rules. A case
 * parent starts N target children; each runs two activities (lookup, evidence), reports every stage to the
 * parent by Signal, waits for four Signals (decision, warrant, notice, acknowledgement), runs two more
 * activities (verify, seize) and starts a custody child. An operation parent starts the cases as the pipeline's
 * does, at most `window` of them still opening (a case tells it, by Signal, once every target waits at review).
 * Starting every case at once, it stopped moving before its notices at 10,000 (2026-12-02; likely, not isolated:
 * 10,000 children alive together in a worker cache of 1,000, and every case read by query several times a second).
 * Its own bundle and task queue (bench/bare/run.ts); IDs `bare-op:`, `bare-case:`, `bare-target:`, `bare-custody:`.
 */

const act = proxyActivities<BareActivities>({ startToCloseTimeout: '1m' });

export const bareStages = ['LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION', 'SEIZED'] as const;
export type BareStage = (typeof bareStages)[number];

export interface BareCaseStatus { targets: number; byStage: Partial<Record<BareStage, number>>; noticesSent: number; acknowledged: number }

export const stageSignal = defineSignal<[{ index: number; stage: BareStage }]>('stage');
export const submitSignal = defineSignal('submit');
export const decisionSignal = defineSignal('decision');
export const warrantSignal = defineSignal('warrant');
export const noticeSignal = defineSignal('notice');
export const acknowledgeSignal = defineSignal<[{ noticeId: string }]>('acknowledge');
export const acknowledgementSignal = defineSignal('acknowledgement');
export const caseOpenedSignal = defineSignal('caseOpened');
export const bareCaseStatusQuery = defineQuery<BareCaseStatus>('bareCaseStatus');

export async function bareOperation(input: { operationId: string; cases: { caseId: string; targets: number }[]; notices: number; window: number }): Promise<number> {
  let opening = 0;
  setHandler(caseOpenedSignal, () => { opening--; });
  const children: ChildWorkflowHandle<typeof bareCase>[] = [];
  for (const c of input.cases) {
    await condition(() => opening < input.window);
    opening++;
    children.push(await startChild(bareCase, {
      workflowId: `bare-case:${c.caseId}`, parentClosePolicy: ParentClosePolicy.ABANDON, args: [{ caseId: c.caseId, targets: c.targets, notices: input.notices }],
    }));
  }
  let done = 0;
  for (const child of children) done += await child.result();
  return done;
}

export async function bareCase(input: { caseId: string; targets: number; notices: number }): Promise<number> {
  const stages: BareStage[] = Array.from({ length: input.targets }, () => 'LOOKUP');
  const status: BareCaseStatus = { targets: input.targets, byStage: {}, noticesSent: 0, acknowledged: 0 };
  const acked = new Set<string>();
  let submitted = false, decided = false, warranted = false;
  setHandler(bareCaseStatusQuery, () => {
    status.byStage = {};
    for (const s of stages) status.byStage[s] = (status.byStage[s] ?? 0) + 1;
    return status;
  });
  setHandler(stageSignal, ({ index, stage }) => { if (bareStages.indexOf(stage) > bareStages.indexOf(stages[index]!)) stages[index] = stage; });
  setHandler(submitSignal, () => { submitted = true; });
  setHandler(decisionSignal, () => { decided = true; });
  setHandler(warrantSignal, () => { warranted = true; });
  setHandler(acknowledgeSignal, ({ noticeId }) => { acked.add(noticeId); status.acknowledged = acked.size; });

  const children: ChildWorkflowHandle<typeof bareTarget>[] = [];
  for (let index = 0; index < input.targets; index++) {
    children.push(await startChild(bareTarget, { workflowId: `bare-target:${input.caseId}:${index}`, args: [{ index }] }));
  }
  // A hundred signals at a time: 2,000 in one activation overflowed Node's async-context stack in the workflow
  // thread ("async hook stack has become corrupted", as in temporalio/sdk-typescript#939) and crashed the run.
  const tellAll = async (signal: SignalDefinition) => {
    for (let i = 0; i < children.length; i += 100) await Promise.all(children.slice(i, i + 100).map((c) => c.signal(signal)));
  };
  const parent = workflowInfo().parent;
  if (parent) {
    const review = bareStages.indexOf('LEGAL_REVIEW');
    await condition(() => stages.every((s) => bareStages.indexOf(s) >= review));
    await getExternalWorkflowHandle(parent.workflowId).signal(caseOpenedSignal);
  }
  await condition(() => submitted && decided);
  await tellAll(decisionSignal);
  await condition(() => warranted);
  await tellAll(warrantSignal);
  for (let n = 0; n < input.notices; n++) { await act.sendNotice({ caseId: input.caseId, notice: n }); status.noticesSent++; }
  await tellAll(noticeSignal);
  await condition(() => acked.size >= input.notices);
  await tellAll(acknowledgementSignal);
  let seized = 0;
  for (const child of children) if ((await child.result()) === 'SEIZED') seized++;
  return seized;
}

export async function bareTarget(input: { index: number }): Promise<BareStage> {
  const parent = getExternalWorkflowHandle(workflowInfo().parent!.workflowId);
  const report = (stage: BareStage) => parent.signal(stageSignal, { index: input.index, stage });
  const got = { decision: false, warrant: false, notice: false, acknowledgement: false };
  setHandler(decisionSignal, () => { got.decision = true; });
  setHandler(warrantSignal, () => { got.warrant = true; });
  setHandler(noticeSignal, () => { got.notice = true; });
  setHandler(acknowledgementSignal, () => { got.acknowledgement = true; });
  const key = `${workflowInfo().workflowId}`;

  await report('LOOKUP');
  const registration = await act.lookup(key);
  await report('EVIDENCE');
  await act.evidence(key);
  await report('LEGAL_REVIEW');
  await condition(() => got.decision);
  await report('WARRANT');
  await condition(() => got.warrant);
  await report('NOTICE');
  await condition(() => got.notice);
  await report('COMPLIANCE');
  await condition(() => got.acknowledgement);
  await report('VERIFICATION');
  await act.verify(key);
  await act.seize(key);
  await startChild(bareCustody, { workflowId: `bare-custody:${key}`, parentClosePolicy: ParentClosePolicy.ABANDON, args: [{ key, registrar: registration.registrar }] });
  await report('SEIZED');
  return 'SEIZED';
}

export async function bareCustody(input: { key: string; registrar: string }): Promise<string> {
  await act.verify(input.key);
  return input.registrar;
}
