/**
 * Test workflows for the notice tests: they run the real sendNotice activity under Temporal's real retry
 * policy, and the real follow-up (notice-follow-up.ts) with short clocks.
 */
import { defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type { NoticeActivities } from '../../activities/notices';
import type { NoticeRequest } from '../../domain/notice-contexts';
import type { PlannedNotice } from '../../domain/notice-request';
import type { Acknowledgement, NoticeSummary } from '../../domain/notice-records';
import { ackLookup, followUpNotice, type FollowUpResult, type FollowUpStep } from '../../workflows/notice/follow-up';
import { failureType } from '../../workflows/shared/refuse';
import { serveReleaseOrders, serveWarrantNotices, type ServeWarrantInput, type ServeWarrantResult } from '../../workflows/notice/case-notices';

/** Retries fast so a test sees several attempts in seconds; a dead worker's attempt times out after 5 s. */
const quick = proxyActivities<NoticeActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '200ms', backoffCoefficient: 1.5, maximumInterval: '1s', maximumAttempts: 100, nonRetryableErrorTypes: ['SMTP_PERMANENT', 'TEMPLATE_CONTEXT_INVALID', 'CONFIG_INVALID'] },
});

export type SendOutcome = { ok: true; notice: NoticeSummary } | { ok: false; type?: string; message: string; details?: unknown };

export async function sendNoticeTestWorkflow(request: NoticeRequest): Promise<SendOutcome> {
  try {
    return { ok: true, notice: await quick.sendNotice(request) };
  } catch (error) {
    const cause = (error as { cause?: { message?: string; details?: unknown[] } }).cause;
    return { ok: false, type: failureType(error), message: cause?.message ?? String(error), details: cause?.details?.[0] };
  }
}

export const testAckSignal = defineSignal<[Acknowledgement]>('testAck');
export const testStepsQuery = defineQuery<FollowUpStep[]>('testSteps');

/** Tells the follow-up test that its targets ended (as verification of the seizure would). */
export const testSettleSignal = defineSignal<[string]>('testSettle');

export async function followUpTestWorkflow(planned: PlannedNotice): Promise<{ result: FollowUpResult; notices: NoticeSummary[] }> {
  const acks: Acknowledgement[] = [];
  const notices: NoticeSummary[] = [];
  const steps: FollowUpStep[] = [];
  let settledBecause: string | undefined;
  setHandler(testAckSignal, (ack) => void acks.push(ack));
  setHandler(testSettleSignal, (why) => { settledBecause = why; });
  setHandler(testStepsQuery, () => steps);
  const result = await followUpNotice({ planned, hooks: { acknowledged: ackLookup(acks), settled: () => settledBecause, onNotice: (n) => void notices.push(n), onStep: (s) => void steps.push(s) } });
  return { result, notices };
}

/** What a case records per target: the notices that covered it (its timeline's notice entries). */
export const testTimelinesQuery = defineQuery<Record<string, string[]>>('testTimelines');

export async function serveWarrantTestWorkflow(input: Omit<ServeWarrantInput, 'hooks'>): Promise<{ served: ServeWarrantResult; timelines: Record<string, string[]>; steps: FollowUpStep[] }> {
  const acks: Acknowledgement[] = [];
  const timelines: Record<string, string[]> = {};
  const steps: FollowUpStep[] = [];
  setHandler(testAckSignal, (ack) => void acks.push(ack));
  setHandler(testStepsQuery, () => steps);
  setHandler(testTimelinesQuery, () => timelines);
  const served = await serveWarrantNotices({
    ...input,
    hooks: {
      acknowledged: ackLookup(acks),
      onNotice: (notice) => { for (const key of notice.covers) (timelines[key] ??= []).push(`${notice.kind} ${notice.noticeId}`); },
      onStep: (step) => void steps.push(step),
    },
  });
  return { served, timelines, steps };
}

export async function releaseTestWorkflow(input: Omit<Parameters<typeof serveReleaseOrders>[0], 'hooks'>): Promise<ServeWarrantResult> {
  const acks: Acknowledgement[] = [];
  const steps: FollowUpStep[] = [];
  setHandler(testAckSignal, (ack) => void acks.push(ack));
  setHandler(testStepsQuery, () => steps);
  return serveReleaseOrders({ ...input, hooks: { acknowledged: ackLookup(acks), onNotice: () => undefined, onStep: (s) => void steps.push(s) } });
}
