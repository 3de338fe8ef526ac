import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Client, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import { caseStatusQuery, recordWarrantUpdate, submitForReviewUpdate } from '../../domain/case';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { decideLegalReviewUpdate } from '../../domain/review';
import { targetStatusQuery, type TargetStatus } from '../../domain/target';
import { lookupQueueOf, TASK_QUEUE } from '../../domain/task-queues';
import { temporalBinary } from '../../scripts/temporal-server';
import { PayloadEncryptionCodec } from '../../src/temporal/payload-codec';
import { caseWorkflow } from '../../workflows/case/case';
import { registerDomains, targetsAt } from '../helpers/case-actions';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { signingInterceptors } from '../helpers/signed-actor';
import { unique, useWorkflowTest } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld } from '../helpers/world';
import { TakedownWorker } from '../../worker/takedown-worker';

/**
 * Issue 13: a person who reaches Temporal (its CLI, its Web UI, its API) but holds none of our keys sends the
 * messages one of our workflows sends another (the case telling a target of counsel's decision, of a warrant,
 * of a withdrawal). In production every payload of ours is encrypted, and the production codec refuses any
 * other: the forged messages move nothing, the workflows neither fail nor stall on them, and the case then runs
 * to its end as if they had never come.
 */
const t = useWorkflowTest(startWorld);
const fastClocks = { registryExecutionWithin: '1m', verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '1m' } as const;
const codec = new PayloadEncryptionCodec([{ id: 'prod-2026-12', key: Buffer.alloc(32, 0x5a) }], { refuseUnencrypted: true });

/** A signal sent straight to Temporal's frontend, with the payloads given: no codec, no key. */
async function forge(raw: Client, workflowId: string, signalName: string, payloads: Payload[]): Promise<void> {
  await raw.workflowService.signalWorkflowExecution({ namespace: t.env.namespace, workflowExecution: { workflowId }, signalName, input: { payloads }, identity: 'someone-with-temporal-access' });
}
const json = (value: unknown): Payload => defaultPayloadConverter.toPayload(value)!;

/** The events of a workflow's history, read without the codec (event types and markers only). */
async function events(raw: Client, workflowId: string) {
  return (await raw.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

test('signals forged without our keys (unencrypted, or "encrypted" with a key we do not hold) move no target, fail and stall nothing; the case then seizes both domains', async () => {
  const dataConverter = { payloadCodecs: [codec] };
  const client = new Client({ connection: t.env.connection, namespace: t.env.namespace, dataConverter, interceptors: signingInterceptors });
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace });
  const taskQueue = unique(`${TASK_QUEUE}-forged-`);
  const common = { connection: t.env.nativeConnection, namespace: t.env.namespace, dataConverter, activities: t.world.activities };
  const worker = await TakedownWorker.create({ ...common, taskQueue, workflowBundle: t.bundle });
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(taskQueue) });

  await lookups.runUntil(worker.runUntil((async () => {
    const [shopA, shopB] = registerDomains(t.world, 2) as [string, string];
    const pkg = casePackage([`http://${shopA}:${t.world.shop.port}/`, `http://${shopB}:${t.world.shop.port}/`]);
    const handle = await client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: fastClocks }] });
    await targetsAt(handle, 'LEGAL_REVIEW');
    const [targetA, targetB] = [shopA, shopB].map((d) => client.workflow.getHandle(`domain:${d}`)) as [WorkflowHandle, WorkflowHandle];
    const now = new Date().toISOString();

    // What the case would tell its targets, written by hand: a withdrawal and a warrant to A, counsel's exclusion
    // to B; and to B a notice "encrypted" with a key ID of ours' shape but no key of ours (random bytes).
    await forge(raw, targetA.workflowId, 'targetWithdraw', [json({ actor: counsel, reason: 'forged: release it', at: now })]);
    await forge(raw, targetA.workflowId, 'targetWarrant', [json({ warrantId: 'W-FORGED', actor: counsel, at: now, warrant: warrantFor([shopA], { docket: '26-MJ-FORGED' }) })]);
    await forge(raw, targetB.workflowId, 'targetDecision', [json({ outcome: 'excluded', actor: counsel, reason: 'forged exclusion', packageVersion: 1, at: now })]);
    await forge(raw, targetB.workflowId, 'targetNotice', [{ metadata: { encoding: Buffer.from('binary/encrypted'), 'encryption-key-id': Buffer.from('prod-2026-11') }, data: randomBytes(96) }]);
    // And with Temporal's own CLI, as an engineer with access to the cluster would: counsel's rejection, to A.
    await promisify(execFile)(temporalBinary(), ['workflow', 'signal', '--workflow-id', targetA.workflowId, '--name', 'targetDecision', '--address', process.env.TEMPORAL_TEST_ADDRESS!,
      '--input', JSON.stringify({ outcome: 'rejected', actor: counsel, reason: 'forged from the CLI', packageVersion: 1, at: now })], { timeout: 30_000 });

    // Each target took the forged signals in a workflow task that completed (none failed), and nothing moved: both
    // still at legal review, A with no warrant, no withdrawal and no rejection in its timeline, B not excluded and told
    // of no notice.
    for (const target of [targetA, targetB]) {
      await waitFor(`${target.workflowId} handled the forged signals`, async () => {
        const history = await events(raw, target.workflowId);
        const lastSignal = history.map((e) => Boolean(e.workflowExecutionSignaledEventAttributes)).lastIndexOf(true);
        return lastSignal >= 0 && history.slice(lastSignal).some((e) => e.workflowTaskCompletedEventAttributes || e.workflowTaskFailedEventAttributes);
      });
      const status: TargetStatus = await target.query(targetStatusQuery);
      expect(status.stage).toBe('LEGAL_REVIEW');
      expect(status.warrant).toBeUndefined();
      expect(status.timeline.map((e) => e.action).join('\n')).not.toMatch(/withdrawal|warrant|legal review: (excluded|rejected)|notice/);
      const history = await events(raw, target.workflowId);
      expect(history.filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
      expect((await target.describe()).status.name).toBe('RUNNING');
      // The refusal is a patched behaviour: its marker is in the history (and the warning in the worker's log).
      expect(history.some((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch' && Buffer.from(e.markerRecordedEventAttributes.details?.['patch-data']?.payloads?.[0]?.data ?? []).toString().includes('refuse-unreadable-signals'))).toBe(true);
    }

    // The case goes on as usual, its own (encrypted) messages heard: counsel approves, the warrant, the notices.
    const round = await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: agent }] });
    await client.workflow.getHandle(round.workflowId).executeUpdate(decideLegalReviewUpdate, { args: [{ actor: counsel, decision: { decision: 'approve', packageVersion: 1 } }] });
    await waitFor('approval', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([shopA, shopB]) }] });
    const status = await waitFor('the notices sent', async () => { const s = await handle.query(caseStatusQuery); return s.notices.length >= 2 && s; }, 60_000);
    for (const shop of [shopA, shopB]) t.world.rdap.seize(shop, seizureNameservers);
    for (const notice of status.notices) await handle.signal(acknowledgeNoticeSignal, { noticeId: notice.noticeId, kind: 'actioned', by: { name: 'Abuse Desk', email: notice.to[0]! }, reference: 'TKT-1' });

    await handle.result();
    expect((await handle.query(caseStatusQuery)).stage).toBe('CLOSED');
    for (const target of [targetA, targetB]) {
      await target.result();
      const final = await target.query(targetStatusQuery);
      expect(final.stage).toBe('SEIZED');
      expect(final.warrant?.warrant.docket).not.toBe('26-MJ-FORGED');
      expect((await target.describe()).status.name).toBe('COMPLETED');
    }
  })()));
}, 150_000);

test('an execution that took an unencrypted signal before production refused them replays the same under the production codec', async () => {
  // Before the refusal: a worker whose codec let unencrypted payloads through, and a withdrawal sent without the key.
  const lenient = { payloadCodecs: [new PayloadEncryptionCodec([{ id: 'prod-2026-12', key: Buffer.alloc(32, 0x5a) }])] };
  const client = new Client({ connection: t.env.connection, namespace: t.env.namespace, dataConverter: lenient, interceptors: signingInterceptors });
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace });
  const taskQueue = unique(`${TASK_QUEUE}-before-refusal-`);
  const common = { connection: t.env.nativeConnection, namespace: t.env.namespace, dataConverter: lenient, activities: t.world.activities };
  const worker = await TakedownWorker.create({ ...common, taskQueue, workflowBundle: t.bundle });
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(taskQueue) });
  const [shop] = registerDomains(t.world, 1) as [string];
  const target = client.workflow.getHandle(`domain:${shop}`);
  await lookups.runUntil(worker.runUntil((async () => {
    const pkg = casePackage([`http://${shop}:${t.world.shop.port}/`]);
    const handle = await client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: fastClocks }] });
    await targetsAt(handle, 'LEGAL_REVIEW');
    await forge(raw, target.workflowId, 'targetWithdraw', [json({ actor: counsel, reason: 'taken before the refusal', at: new Date().toISOString() })]);
    await target.result();
    expect((await target.query(targetStatusQuery)).stage).toBe('WITHDRAWN');
    await handle.cancel();
  })()));

  // After the upgrade, a production worker (strict codec) replays that history: the withdrawal it took is given back
  // to the handler as it was (no refusal marker in the history), so the replay makes the same commands.
  const history = await raw.workflow.getHandle(target.workflowId).fetchHistory();
  await expect(Worker.runReplayHistory({ workflowBundle: t.bundle, dataConverter: { payloadCodecs: [codec] } }, history, target.workflowId)).resolves.toBeUndefined();
}, 120_000);
