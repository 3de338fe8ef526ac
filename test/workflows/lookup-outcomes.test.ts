import { workflowIds } from '../../domain/ids';
import { caseStatusQuery, caseTargetsQuery } from '../../domain/case';
import { provideRegistrationUpdate, targetStatusQuery } from '../../domain/target';
import type { TargetStatus } from '../../domain/target';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage, coordinator, counsel } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';
import { decide, finalCase, finalTarget, submit } from '../helpers/case-actions';

const t = useWorkflowTest(startWorld);

test('an unregistered domain ends NOT_REGISTERED; a hosted site is not seized and says why; an unknown registry hands the agent a manual lookup', async () => {
  const unregistered = `${unique('never-registered-')}.com`;
  const hosted = `${unique('replica-bags-')}.blogspot.com`;
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  const pkg = casePackage([unregistered, hosted, noRegistry]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
    const target = t.env.client.workflow.getHandle(`domain:${noRegistry}`);
    await waitFor('every target opened', async () => (await handle.query(caseStatusQuery)).targets.length === 3);
    const gone: TargetStatus = await finalTarget(t.env.client.workflow.getHandle(`domain:${unregistered}`));
    expect(gone.stage).toBe('NOT_REGISTERED');
    const hostedEntry = (await handle.query(caseStatusQuery)).targets.find((t) => t.key === hosted)!;
    expect(hostedEntry).toMatchObject({ stage: 'NOT_STARTED', kind: 'hosted', note: expect.stringContaining('hosted on blogspot.com') });
    expect(hostedEntry.note).toMatch(/unrelated sites|shared-hosting/);

    const waiting = await waitFor('the manual-lookup task', async () => { const s = await target.query(targetStatusQuery); return s.task && s; });
    expect(waiting).toMatchObject({ stage: 'LOOKUP', task: { kind: 'manual-lookup', reason: expect.stringMatching(/NO_RDAP_SERVER/) } });
    const record = { registry: { name: 'Guyana .gy registry' }, registrar: { name: 'Registrar of Georgetown', abuseEmail: 'abuse@gy-registrar.example' }, nameservers: ['ns1.pharma-host.example'], foundAt: 'registry web WHOIS, 2026-11-28' };
    await expect(target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: coordinator, record }] })).rejects.toMatchObject({ cause: { type: 'ROLE_NOT_ALLOWED' } });
    await expect(target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: agent, record: { ...record, registrar: { ...record.registrar, abuseEmail: 'not an address' } } }] })).rejects.toMatchObject({ cause: { type: 'VALIDATION_FAILED', message: expect.stringMatching(/registrar\.abuseEmail/) } });
    expect((await target.query(targetStatusQuery)).registration).toBeUndefined();
    await target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: agent, record }] });
    const moved = await waitFor('legal review', async () => { const s = await target.query(targetStatusQuery); return s.stage === 'LEGAL_REVIEW' && s; });
    expect(moved.registration).toMatchObject({ source: 'manual', registrar: { abuseEmail: 'abuse@gy-registrar.example' } });
    expect(moved.task).toBeUndefined();
    expect(moved.timeline.some((e) => e.actor.id === agent.id && /entered by hand/.test(e.action))).toBe(true);
    // Its site has no address: the evidence attempt is a failure with its reason, never "evidence captured".
    expect(moved.evidence).toEqual([expect.objectContaining({ url: `https://${noRegistry}/`, status: 0, failure: { kind: 'dns', reason: expect.stringContaining('NXDOMAIN') } })]);
    expect(moved.evidence[0]!.bodySha256).toBeUndefined();
    expect(moved.timeline.map((e) => e.action)).toContainEqual(expect.stringMatching(/^evidence capture failed, nothing captured: .* → dns: /));
    expect(moved.timeline.some((e) => e.action.startsWith('evidence captured'))).toBe(false);
    // The package counsel reviews says so, and that the registration was entered by hand, by whom and from where.
    // The case's own page names the registrar; its page of targets in full holds the registration as entered.
    const entry = await waitFor('the case holds the registration', async () => (await handle.query(caseTargetsQuery, { keys: [noRegistry] })).targets.find((e) => e.registration));
    expect(entry.registration).toMatchObject({ source: 'manual', enteredBy: { id: agent.id, name: agent.name }, foundAt: 'registry web WHOIS, 2026-11-28' });
    const view = await handle.query(caseStatusQuery);
    expect(view.targets.find((t) => t.key === noRegistry)).toMatchObject({ registrar: 'Registrar of Georgetown', registry: 'Guyana .gy registry' });
    expect(view.targets.find((t) => t.key === noRegistry)).not.toHaveProperty('registration');
    const { findings } = view;
    expect(findings.manualRegistrations).toEqual([{ target: noRegistry, registrar: 'Registrar of Georgetown', registry: 'Guyana .gy registry', enteredBy: agent, foundAt: 'registry web WHOIS, 2026-11-28' }]);
    expect(findings.failedEvidence).toEqual([expect.objectContaining({ target: noRegistry, url: `https://${noRegistry}/`, kind: 'dns' })]);
    expect(findings.withoutEvidence).toEqual([noRegistry]);
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: noRegistry, reason: 'test cleanup' }] });
    await handle.result();
  });
});

test('a manual lookup nobody enters ends FAILED_NEEDS_ATTENTION, and the coordinator is told which target, why, and where it stopped', async () => {
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  const pkg = casePackage([noRegistry]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent, settings: { manualTaskExpireAfter: '1s' } }] });
    const final = await finalCase(handle);
    expect(final.targets[0]).toMatchObject({ key: noRegistry, stage: 'FAILED_NEEDS_ATTENTION' });
    const escalation = final.notices.find((n) => n.kind === 'escalation')!;
    expect(escalation).toMatchObject({ noticeId: `${pkg.caseId}/${noRegistry.replace(/\./g, '-')}-failed/escalation-coordinator`, to: ['coordinator@iprcenter.example'] });
    const mail = t.world.sink.messages.find((m) => m.parsed.messageId === escalation.messageId)!;
    expect(mail.parsed.subject).toBe(`Escalation to the coordinator: ${noRegistry} needs attention (case ${pkg.caseId})`);
    expect(mail.parsed.text).toContain(`${noRegistry} stopped: no registration record was entered by the deadline`);
    expect(final.timeline.map((e) => e.action)).toContain(`${noRegistry} needs attention: no registration record was entered by the deadline`);
  });
});

test('counsel excludes a domain still waiting for its manual lookup: it ends EXCLUDED with the reason at once, and its task is gone', async () => {
  const [noRegistry, other] = [`${unique('fake-pharma-')}.gy`, `${unique('fake-pharma-')}.gy`];
  const pkg = casePackage([noRegistry, other]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
    const target = t.env.client.workflow.getHandle(`domain:${noRegistry}`);
    await waitFor('the manual-lookup task', async () => (await target.query(targetStatusQuery)).task);
    await submit(t.env, handle, agent);
    await decide(t.env, handle, counsel, { decision: 'approve', packageVersion: 1, exclude: [{ target: noRegistry, reason: 'the registrant is cooperating' }] });
    const excluded: TargetStatus = await finalTarget(target);
    expect(excluded.stage).toBe('EXCLUDED');
    expect(excluded.task).toBeUndefined();
    expect(excluded.timeline.at(-1)).toMatchObject({ action: 'stage EXCLUDED', detail: 'the registrant is cooperating' });
    // The other still waits for its record, as approved targets do.
    expect((await t.env.client.workflow.getHandle(`domain:${other}`).query(targetStatusQuery)).task).toMatchObject({ kind: 'manual-lookup' });
    await handle.executeUpdate('withdrawTarget', { args: [{ actor: agent, target: other, reason: 'test cleanup' }] });
  });
});
