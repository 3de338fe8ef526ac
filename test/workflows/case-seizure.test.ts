import { WorkflowUpdateFailedError } from '@temporalio/client';
import { workflowIds } from '../../domain/ids';
import { acknowledgeNoticeSignal, noticeStatusQuery } from '../../domain/notice';
import { caseStatusQuery, recordWarrantUpdate } from '../../domain/case';
import { ackPathIn } from '../api/ack-form';
import { decide, submit, targetsAt, finalCase, finalTarget } from '../helpers/case-actions';
import type { CaseStatusView } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { recordHistory } from '../helpers/record-history';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld } from '../helpers/world';

const fastClocks = { registryExecutionWithin: '1m', verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '1m' } as const;

const t = useWorkflowTest(startWorld);

test('a case with two domains runs from lookup to SEIZED with counsel, warrant, one notice per registrar, one to the payment processor, and acknowledgements', async () => {
  const [shopA, shopB] = [unique('luxury-outlet-'), unique('cheap-watches-')].map((name) => `${name}.com`) as [string, string];
  t.world.rdap.addDomain({ domain: shopA, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example', abusePhone: '+1.5555550100' }, nameservers: ['ns1.bulletproof.example', 'ns2.bulletproof.example'] });
  t.world.rdap.addDomain({ domain: shopB, registrar: { name: 'Other Names LLC', ianaId: '9992', abuseEmail: 'abuse@othernames.example' }, nameservers: ['ns1.othernames.example'] });
  for (const host of [shopA, `www.${shopA}`, shopB]) t.world.dns.set(host, { A: ['127.0.0.1'] });
  // The undercover purchase at shop A was paid by card: Visa is told to end the merchant account.
  const pkg = casePackage([`http://www.${shopA}:${t.world.shop.port}/handbags?ref=ig`, `http://${shopB}:${t.world.shop.port}/`], {
    evidence: { summary: 'Undercover purchase of counterfeit handbags, confirmed by the rights holder.', undercoverPurchases: [{ date: '2026-10-02', orderReference: 'ORD-88121', item: 'handbag', target: `www.${shopA}`, payment: { processor: 'visa', merchantId: 'MID-4471', descriptor: 'LUXOUTLET*ORDER' } }] },
  });

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: fastClocks }] });
    await targetsAt(handle, 'LEGAL_REVIEW');
    const review = await submit(t.env, handle, agent);

    // An agent may not approve: the Update is refused and nothing is recorded.
    const refused = decide(t.env, handle, agent, { decision: 'approve', packageVersion: 1 });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    expect((await handle.query(caseStatusQuery)).decisions).toHaveLength(0);
    const history = await review.fetchHistory();
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);

    // Counsel approves once for the whole case, then records the warrant covering both domains.
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('the case approved', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([shopA, shopB]) }] });

    // One order to the registry for both .com domains, one notice per registrar to the abuse contact the lookup found, one to Visa.
    await waitFor('four notices at the sink', () => t.world.sink.messages.length >= 4);
    const status: CaseStatusView = await waitFor('notices recorded', async () => { const s = await handle.query(caseStatusQuery); return s.notices.length === 4 && s; });
    const registryOrder = status.notices.find((n) => n.kind === 'registry-order')!;
    expect(registryOrder.covers.sort()).toEqual([shopA, shopB].sort());
    expect(status.notices.map((n) => n.kind)).toEqual(['registry-order', 'registrar-notice', 'registrar-notice', 'payment-notice']);
    expect(status.notices[3]).toMatchObject({ to: ['ip-enforcement@visa-processor.example'], covers: [shopA] });
    expect(t.world.sink.messages.map((m) => m.envelope.to).sort()).toEqual([['abuse@example-registrar.example'], ['abuse@othernames.example'], ['ip-enforcement@visa-processor.example'], registryOrder.to].sort());
    expect(t.world.sink.messages.find((m) => m.envelope.to[0] === 'ip-enforcement@visa-processor.example')!.parsed.text).toContain('MID-4471');
    const toA = t.world.sink.messages.find((m) => m.envelope.to[0] === 'abuse@example-registrar.example')!;
    expect(toA.parsed.text).toContain(shopA);
    expect(toA.parsed.text).toContain('26-MJ-04417');
    expect(toA.parsed.messageId).toBe(status.notices.find((n) => n.kind === 'registrar-notice' && n.covers.includes(shopA))!.messageId);

    // The registry executes the seizure; the registrars acknowledge through their links.
    for (const shop of [shopA, shopB]) t.world.rdap.seize(shop, seizureNameservers);
    for (const notice of status.notices) await handle.signal(acknowledgeNoticeSignal, { noticeId: notice.noticeId, kind: 'actioned', by: { name: 'Abuse Desk', email: notice.to[0] }, reference: `TKT-${notice.noticeId.length}` });

    const final = await finalCase(handle);
    expect(final.stage).toBe('CLOSED');
    for (const shop of [shopA, shopB]) {
      const target: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(`domain:${shop}`));
      expect(target.stage).toBe('SEIZED');
      expect(target.registration?.registrar.abuseEmail).toBeDefined();
      expect(target.evidence[0]).toMatchObject({ status: 200 });
      expect(target.evidence[0]!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(target.verifications.at(-1)?.verified).toBe(true);
      // The payment notice is the case's: the seizure neither waited for it nor counted its answer.
      expect(target.notices.map((n) => n.kind)).not.toContain('payment-notice');
      const actors = new Set(target.timeline.map((e) => e.actor.id));
      expect([...actors]).toEqual(expect.arrayContaining(['system', agent.id, counsel.id, target.notices[0]!.to[0]]));
    }
    // Exactly once: nothing more arrived after the acknowledgements.
    expect(t.world.sink.messages).toHaveLength(4);
    // Each notice is a workflow of its own: the link in its e-mail names it, it holds the notice and its
    // answer (which reached it through the case), and it ended once the case closed.
    const linkClaims = JSON.parse(Buffer.from(ackPathIn(toA.parsed.text!).split('/').at(-1)!.split('.')[0]!, 'base64url').toString('utf8'));
    const toANotice = status.notices.find((n) => n.messageId === toA.parsed.messageId)!;
    expect(linkClaims).toMatchObject({ workflowId: workflowIds.notice(toANotice.noticeId), noticeId: toANotice.noticeId });
    for (const notice of status.notices) {
      const noticeHandle = t.env.client.workflow.getHandle(workflowIds.notice(notice.noticeId));
      expect((await noticeHandle.describe()).status.name).toBe('COMPLETED');
      expect(await noticeHandle.query(noticeStatusQuery)).toMatchObject({ caseId: pkg.caseId, notices: [expect.objectContaining({ noticeId: notice.noticeId, messageId: notice.messageId })], acknowledgements: [expect.objectContaining({ noticeId: notice.noticeId, kind: 'actioned' })] });
    }
    expect(final.acknowledgements).toHaveLength(4);
    await recordHistory('case', handle);
    await recordHistory('domain-seizure', t.env.client.workflow.getHandle(`domain:${shopA}`));
    await recordHistory('legal-review', review);
    await recordHistory('notice', t.env.client.workflow.getHandle(workflowIds.notice(registryOrder.noticeId)));
  });
});
