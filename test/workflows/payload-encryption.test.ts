import { execFile } from 'node:child_process';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import { caseStatusQuery, recordWarrantUpdate, submitForReviewUpdate } from '../../domain/case';
import { decideLegalReviewUpdate } from '../../domain/review';
import { lookupQueueOf, TASK_QUEUE } from '../../domain/task-queues';
import { PayloadEncryptionCodec } from '../../src/temporal/payload-codec';
import { caseWorkflow } from '../../workflows/case/case';
import { openDatabase } from '../../lib/store/database';
import { temporalBinary } from '../../scripts/temporal-server';
import { buildApi } from '../../src/api/app';
import { storesOf, testIdentity, testSettings, unusedClient } from '../api/api-world';
import { registerDomains } from '../helpers/case-actions';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { signingInterceptors } from '../helpers/signed-actor';
import { unique, useWorkflowTest } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';
import { TakedownWorker } from '../../worker/takedown-worker';

/**
 * With the payload codec on every client and worker, what Temporal stores (and its Web UI, exports and anyone
 * with access to its database would read) holds no fact of the case: not the sealed warrant's docket, judge
 * or court, not the evidence. The people who use the product read them as before.
 */
const t = useWorkflowTest(startWorld);
const codec = new PayloadEncryptionCodec([{ id: 'test-2026-12', key: Buffer.alloc(32, 0x42) }]);

test('a case with a sealed warrant runs encrypted: the stored histories hold none of its facts, the people read them all', async () => {
  const dataConverter = { payloadCodecs: [codec] };
  const client = new Client({ connection: t.env.connection, namespace: t.env.namespace, dataConverter, interceptors: signingInterceptors });
  const taskQueue = unique(`${TASK_QUEUE}-encrypted-`);
  const common = { connection: t.env.nativeConnection, namespace: t.env.namespace, dataConverter, activities: t.world.activities };
  const worker = await TakedownWorker.create({ ...common, taskQueue, workflowBundle: t.bundle });
  const lookups = await Worker.create({ ...common, taskQueue: lookupQueueOf(taskQueue) });
  const docket = unique('26-MJ-SEALED-');
  const judge = 'Hon. Priya Encrypted-Nakamura, U.S. Magistrate Judge';
  const summary = `Undercover purchase ${unique('ORDER-')} of counterfeit insulin pens`;

  await lookups.runUntil(worker.runUntil((async () => {
    const [domain] = registerDomains(t.world, 1);
    const pkg = casePackage([`http://${domain}:${t.world.shop.port}/`], { evidence: { summary, undercoverPurchases: [], rightsHolderConfirmations: [] } });
    const handle = await client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: { registryExecutionWithin: '1m' } }] });
    await waitFor('the target at legal review', async () => (await handle.query(caseStatusQuery)).targets.every((x) => x.stage === 'LEGAL_REVIEW' && x.registrar));
    const round = await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: agent }] });
    await client.workflow.getHandle(round.workflowId).executeUpdate(decideLegalReviewUpdate, { args: [{ actor: counsel, decision: { decision: 'approve', packageVersion: 1 } }] });
    await waitFor('approval', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([domain!], { sealed: true, docket, judge }) }] });
    const status = await waitFor('the notices sent', async () => { const s = await handle.query(caseStatusQuery); return s.notices.length > 0 && s; }, 60_000);

    // The people's view (through the codec) has every fact.
    expect(status.warrants[0]!.warrant).toMatchObject({ docket, judge, sealed: true });
    expect(status.packageVersions[0]!.package.evidence.summary).toBe(summary);

    // What the engine stores, read without the codec: the case's, the target's and each notice's history.
    const plain = new Client({ connection: t.env.connection, namespace: t.env.namespace });
    const workflowIdsToRead = [handle.workflowId, `domain:${domain}`, ...status.notices.map((n) => workflowIds.notice(n.noticeId))];
    let payloads = 0;
    for (const workflowId of workflowIdsToRead) {
      const history = await plain.workflow.getHandle(workflowId).fetchHistory();
      const stored = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
      for (const secret of [docket, judge, summary, 'Special Agent Dana Rivera']) expect(stored).not.toContain(secret);
      payloads += (stored.match(/binary\/encrypted/g) ?? []).length;
    }
    // Every payload there is ciphertext (and there are many: inputs, signals, updates, activity results).
    expect(payloads).toBeGreaterThan(20);
    // A client without the key cannot read the case at all: no plaintext path around the codec.
    await expect(plain.workflow.getHandle(handle.workflowId).query(caseStatusQuery)).rejects.toThrow(/encoding|binary\/encrypted/i);

    // An engineer with Temporal's own CLI (or its Web UI) reads the case through our codec server: decrypted for a
    // signed-in supervisor, refused for an agent.
    const shown = (user: 'chen' | 'rivera') => temporalCli(['workflow', 'show', '--workflow-id', handle.workflowId, '--address', process.env.TEMPORAL_TEST_ADDRESS!, '--output', 'json', '--command-timeout', '10s',
      '--codec-endpoint', `${api.baseUrl}/codec`, '--codec-auth', `Bearer ${api.tokens[user]}`]);
    const forSupervisor = await shown('chen');
    expect([forSupervisor.status, forSupervisor.stderr]).toEqual([0, '']);
    const started = JSON.parse(forSupervisor.stdout).events[0].workflowExecutionStartedEventAttributes.input.payloads[0];
    expect(Buffer.from(started.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(started.data, 'base64').toString()).toContain(summary);
    const forAgent = await shown('rivera');
    expect(forAgent.status).not.toBe(0);
    // No decoded payload reached the agent's screen (a decoded one says json/plain).
    expect(forAgent.stdout).not.toContain(Buffer.from('json/plain').toString('base64'));
    await handle.cancel();
  })()));
}, 120_000);

/** The API's codec server on its own port, with the same key as the workers (the Temporal client is not needed). */
let api: { baseUrl: string; tokens: Record<string, string>; close(): Promise<void> };
beforeAll(async () => {
  const identity = await testIdentity();
  const app = await buildApi({ client: unusedClient(), verifier: identity.verifier, identity: identity.identity, ...storesOf(openDatabase(':memory:')), settings: testSettings('unused', { codec: { codec, namespace: 'default', corsOrigins: [] } }) });
  api = { baseUrl: await app.listen({ host: '127.0.0.1', port: 0 }), tokens: identity.tokens, close: () => app.close() };
});
afterAll(() => api?.close());

/** The CLI as a child process, asynchronously: the codec server it calls answers from this very process. */
function temporalCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(temporalBinary(), args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}
