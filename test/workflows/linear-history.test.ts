import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { maxTargetsPerCase } from '../../domain/case-package';
import { workflowIds } from '../../domain/ids';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { caseStatusQuery, recordWarrantUpdate } from '../../domain/case';
import { caseWorkflow } from '../../workflows/case/case';
import { decide, registerDomains, submit, targetsAt } from '../helpers/case-actions';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld } from '../helpers/world';

/**
 * A case's history must grow linearly with its targets, and what one target hears must not grow with its
 * case: the engine terminates a history past 50 MB, and a case whose messages listed every target grew
 * with the square of its size (10.65 MB at 100 domains, terminated near 235).
 */
const t = useWorkflowTest(startWorld);
/** The most a query answer may hold: the engine refuses a larger one ("Blob data size exceeds limit"). */
const queryAnswerCap = 2 * 1024 * 1024;
const clocks = { registryExecutionWithin: '1m', verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '1m' } as const;
const registrars = [1, 2, 3].map((n) => ({ name: `Registrar ${n} LLC`, ianaId: `99${n}0`, abuseEmail: `abuse@registrar-${n}.example` }));

/** One case of `count` domains (spread over three registrars) from open to every target SEIZED. */
async function seizeCase(taskQueue: string, count: number): Promise<{ handle: WorkflowHandle; domains: string[] }> {
  const domains = registrars.flatMap((registrar, i) => registerDomains(t.world, Math.floor(count / 3) + (i < count % 3 ? 1 : 0), registrar));
  const pkg = casePackage(domains.map((d) => `http://${d}:${t.world.shop.port}/`));
  const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: clocks }] });
  // Forty lookups and captures on a machine shared with other test files can take longer than the usual wait.
  await targetsAt(handle, 'LEGAL_REVIEW', 120_000);
  await submit(t.env, handle, agent);
  await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
  await waitFor('approval', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
  await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor(domains) }] });
  // One registry order and one notice per registrar.
  const notices = await waitFor('the notices', async () => { const s = await handle.query(caseStatusQuery); return s.notices.length === 1 + registrars.length && s.notices; }, 120_000);
  // Every notice answered before the registry acts, so each follow-up ends the same way at every size (an answer
  // racing the targets' end would change the number of the notices' messages, not what each target adds).
  for (const notice of notices) await handle.signal(acknowledgeNoticeSignal, { noticeId: notice.noticeId, kind: 'actioned', by: { name: 'Abuse Desk' } });
  await waitFor('the answers recorded', async () => (await handle.query(caseStatusQuery)).acknowledgements.length === notices.length, 60_000);
  for (const domain of domains) t.world.rdap.seize(domain, seizureNameservers);
  const outcome = await handle.result();
  expect(outcome).toMatchObject({ stage: 'CLOSED', targets: count, byStage: { SEIZED: count } });
  return { handle, domains };
}

/** The JSON payloads a workflow received from outside: its input and every signal. */
async function receivedPayloads(handle: WorkflowHandle): Promise<string[]> {
  const history = await handle.fetchHistory();
  const decode = (payloads: { data?: Uint8Array | null }[] | null | undefined) => (payloads ?? []).map((p) => Buffer.from(p.data ?? []).toString('utf8'));
  return (history.events ?? []).flatMap((event) => [
    ...decode(event.workflowExecutionStartedEventAttributes?.input?.payloads),
    ...decode(event.workflowExecutionSignaledEventAttributes?.input?.payloads),
  ]);
}

test('the case history grows linearly: what each further target adds is the same from 10 to 20 as from 20 to 40; no message to a target lists the case', async () => {
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const cases = { 10: await seizeCase(taskQueue, 10), 20: await seizeCase(taskQueue, 20), 40: await seizeCase(taskQueue, 40) };
    // Events and their bytes (as the server stores them) are counted without workflow tasks, whose number depends
    // on how the engine happened to batch signals on a busy machine, not on the case.
    const size = async (n: 10 | 20 | 40) => {
      const { events } = await cases[n].handle.fetchHistory();
      const kept = (events ?? []).filter((e) => !(e.workflowTaskScheduledEventAttributes || e.workflowTaskStartedEventAttributes || e.workflowTaskCompletedEventAttributes));
      return { bytes: kept.reduce((sum, e) => sum + temporal.api.history.v1.HistoryEvent.encode(e).finish().length, 0), events: kept.length };
    };
    const [at10, at20, at40] = [await size(10), await size(20), await size(40)];
    // A case has a fixed part (its package, review, warrant, one notice per registrar) and a part per target.
    // Growing linearly, each further target adds the same; growing with the square, the second slope is twice the first.
    for (const measure of ['bytes', 'events'] as const) {
      const first = (at20[measure] - at10[measure]) / 10;
      const second = (at40[measure] - at20[measure]) / 20;
      expect(first).toBeGreaterThan(0);
      // Said in full when it fails: which measure, and what each step added.
      const difference = Math.abs(second - first) / first;
      if (difference >= 0.2) throw new Error(`${measure}: each further target added ${first.toFixed(1)} from 10 to 20 but ${second.toFixed(1)} from 20 to 40 (cases of 10, 20, 40: ${at10[measure]}, ${at20[measure]}, ${at40[measure]})`);
    }

    // A target of the 40 hears of its warrant, notices and acknowledgements, but never of the other 39.
    const [own, ...others] = cases[40].domains;
    const received = await receivedPayloads(t.env.client.workflow.getHandle(`domain:${own}`));
    expect(received.length).toBeGreaterThan(4);
    for (const payload of received) expect(others.filter((other) => payload.includes(other))).toEqual([]);
    // And its history is the size of one target's, whatever the size of its case.
    const historyOf = async (domain: string) => Number((await t.env.client.workflow.getHandle(`domain:${domain}`).describe()).historySize);
    const [inLarge, inSmall] = [await historyOf(own!), await historyOf(cases[10].domains[0]!)];
    expect(Math.abs(inLarge - inSmall) / inSmall).toBeLessThan(0.2);

    // The case's page (its status query) must fit the engine's 2 MB cap on a query answer at the largest case
    // allowed: what each further target adds to it, times that many targets, with the fixed part besides.
    const answer = async (n: 10 | 40) => Buffer.byteLength(JSON.stringify(await cases[n].handle.query(caseStatusQuery)));
    const [page10, page40] = [await answer(10), await answer(40)];
    const perTarget = (page40 - page10) / 30;
    expect(page10 - 10 * perTarget + maxTargetsPerCase * perTarget).toBeLessThan(queryAnswerCap);
  });
}, 300_000);
