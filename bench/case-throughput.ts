import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { workflowIds } from '../domain/ids';
import { acknowledgeNoticeSignal, caseStatusQuery, decideLegalReviewUpdate, recordWarrantUpdate, submitForReviewUpdate } from '../domain/messages';
import { lookupQueueOf } from '../domain/task-queues';
import { freePort, startTemporalServer } from '../scripts/temporal-server';
import { caseWorkflow } from '../workflows/case';
import { agent, casePackage, counsel, warrantFor } from '../test/helpers/case-fixtures';
import { registerDomains } from '../test/helpers/case-actions';
import { seizureNameservers, startWorld } from '../test/helpers/world';

/**
 * One case of N domains through the whole seizure on the real dev server and local registries:
 * lookup + evidence for all targets, then one approval, one warrant, the notices, the acknowledgements,
 * verification and SEIZED. Reports wall-clock per phase and the process's peak memory.
 * Run: `npm run bench -- 200` (N defaults to 100).
 */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startTemporalServer({ port: await freePort() });
  const world = await startWorld();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });
    const native = await NativeConnection.connect({ address: server.address });
    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('ERROR') });
    const taskQueue = 'bench';
    const worker = await Worker.create({ connection: native, taskQueue, workflowBundle: bundle, activities: world.activities });
    const lookups = await Worker.create({ connection: native, taskQueue: lookupQueueOf(taskQueue), activities: world.activities });
    const domains = registerDomains(world, count);
    const pkg = casePackage(domains.map((d) => `http://${d}:${world.shop.port}/`));
    const phases: Record<string, number> = {};
    const timed = async (name: string, step: () => Promise<unknown>) => { const t = Date.now(); await step(); phases[name] = (Date.now() - t) / 1000; };
    const until = async (test: () => Promise<boolean>) => { while (!(await test())) await new Promise((r) => setTimeout(r, 250)); };

    await lookups.runUntil(worker.runUntil(async () => {
      const handle = await client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: { verificationPollEvery: '1s', verificationPollMax: '2s' } }] });
      const status = () => handle.query(caseStatusQuery);
      await timed('open → every target at legal review (lookup + evidence)', () => until(async () => (await status()).targets.filter((t) => t.stage === 'LEGAL_REVIEW').length === count));
      await timed('submit, approve, warrant', async () => {
        const round = await handle.executeUpdate(submitForReviewUpdate, { args: [{ actor: agent }] });
        await client.workflow.getHandle(round.workflowId).executeUpdate(decideLegalReviewUpdate, { args: [{ actor: counsel, decision: { decision: 'approve', packageVersion: 1 } }] });
        await until(async () => (await status()).stage === 'AWAITING_WARRANT');
        await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(domains) }] });
      });
      await timed('warrant → notices sent', () => until(async () => world.sink.messages.length >= 2));
      for (const domain of domains) world.rdap.seize(domain, seizureNameservers);
      for (const notice of (await status()).notices) await handle.signal(acknowledgeNoticeSignal, { noticeId: notice.noticeId, kind: 'actioned', by: { name: 'Abuse desk' } });
      await timed('acknowledged → every target SEIZED and the case closed', () => handle.result());
    }));
    const result = { benchmark: 'case-throughput', targets: count, node: process.version, at: new Date().toISOString(), phasesSeconds: phases, peakRssMb: Math.round(peakRss / 1e6) };
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', `case-throughput-${count}.json`), JSON.stringify(result, null, 2) + '\n');
    await connection.close();
    await native.close();
  } finally {
    clearInterval(sampler);
    await world.close();
    await server.stop();
  }
}

void main().then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
