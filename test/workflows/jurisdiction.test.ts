import { workflowIds } from '../../domain/ids';
import { acknowledgeNoticeSignal } from '../../domain/notice';
import { caseStatusQuery, recordWarrantUpdate } from '../../domain/case';
import { caseWorkflow } from '../../workflows/case/case';
import { decide, domainStage, finalTarget, registerDomains, submit, targetsAt } from '../helpers/case-actions';
import { agent, casePackage, counsel, warrantFor } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld } from '../helpers/world';

/**
 * A US warrant binds Verisign (.com) but not Nominet (.uk): the .com is served a registry order, the .uk is asked
 * of the City of London Police's PIPCU (config/registries.json), and waits for its confirmation before verification.
 */
// The local RDAP server answers for .uk too (the WHOIS tests need it not to).
const t = useWorkflowTest(() => startWorld({ abroad: ['uk'] }));
const clocks = { registryExecutionWithin: '1m', verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '1m' } as const;

test('a .com and a .uk: Verisign gets the order, the .uk goes to the partner agency and no US order; both are SEIZED after their confirmations', async () => {
  const [com] = registerDomains(t.world, 1);
  const uk = `${unique('replica-watches-')}.co.uk`;
  t.world.rdap.addDomain({ domain: uk, registrar: { name: 'Example Registrar, Inc.', ianaId: '9991', abuseEmail: 'abuse@example-registrar.example' }, nameservers: ['ns1.uk-host.example', 'ns2.uk-host.example'] });
  t.world.dns.set(uk, { A: ['127.0.0.1'] });
  const pkg = casePackage([com!, uk].map((d) => `http://${d}:${t.world.shop.port}/`));

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: clocks }] });
    await targetsAt(handle, 'LEGAL_REVIEW');
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1 });
    await waitFor('approval', async () => (await handle.query(caseStatusQuery)).stage === 'AWAITING_WARRANT');
    await handle.executeUpdate(recordWarrantUpdate, { args: [{ actor: counsel, warrant: warrantFor([com!, uk]) }] });
    const notices = await waitFor('the notices', async () => { const s = await handle.query(caseStatusQuery); return s.notices.length === 3 && s.notices; }, 60_000);

    // The registry order and the registrar notice cover the .com only; the .uk has the partner-agency request alone.
    expect(notices.map((n) => [n.kind, n.to, n.covers]).sort()).toEqual([
      ['partner-request', ['pipcu-requests@cityoflondon-police.example'], [uk]],
      ['registrar-notice', ['abuse@example-registrar.example'], [com]],
      ['registry-order', ['law-enforcement@verisign-registry.example'], [com]],
    ]);
    const toPartner = await waitFor('the request in the mail', () => t.world.sink.messages.find((m) => m.envelope.to.includes('pipcu-requests@cityoflondon-police.example')));
    expect(toPartner.parsed.subject).toBe(`Request for assistance: seizure of 1 domain name(s) at Nominet UK, case ${pkg.caseId}`);
    expect(toPartner.parsed.text).toContain('a registry under the jurisdiction of GB, which a United States warrant does\nnot bind');
    expect(t.world.sink.messages.filter((m) => m.envelope.to.includes('lawenforcement@nominet-registry.example'))).toEqual([]);

    // Both registries act. The partner says it received the request (not yet that the registry acted); the .com's
    // order is confirmed and the .com verified; the .uk still waits for the partner's confirmation.
    for (const domain of [com!, uk]) t.world.rdap.seize(domain, seizureNameservers);
    const request = notices.find((n) => n.kind === 'partner-request')!;
    await handle.signal(acknowledgeNoticeSignal, { noticeId: request.noticeId, kind: 'received', by: { name: 'PIPCU' } });
    const order = notices.find((n) => n.kind === 'registry-order')!;
    await handle.signal(acknowledgeNoticeSignal, { noticeId: order.noticeId, kind: 'actioned', by: { name: 'Verisign LE desk' } });
    expect((await finalTarget(t.env.client.workflow.getHandle(`domain:${com}`))).stage).toBe('SEIZED');
    expect(await domainStage(t.env, uk)).toBe('COMPLIANCE');

    await handle.signal(acknowledgeNoticeSignal, { noticeId: request.noticeId, kind: 'actioned', by: { name: 'PIPCU' }, reference: 'PIPCU-2026-0912' });
    const seized = await finalTarget(t.env.client.workflow.getHandle(`domain:${uk}`));
    expect(seized.stage).toBe('SEIZED');
    expect(seized.timeline.map((e) => e.action)).toContainEqual(expect.stringContaining(`waiting for pipcu-requests@cityoflondon-police.example to confirm that the registry abroad acted (request ${request.noticeId})`));
    await handle.result();
  });
}, 180_000);
