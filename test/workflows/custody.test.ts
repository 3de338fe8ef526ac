import { custodyWorkflowId, reverifyNowSignal } from '../../domain/custody';
import { searchAttributes } from '../../domain/search-attributes';
import { useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizureNameservers, startWorld } from '../helpers/world';
import { alertOf, bundleCustody, coordinatorMail, deadlineState, oldNameservers, registrar, seizedDomain, startCustody, status } from './custody-helpers';

const t = useWorkflowTest(startWorld, bundleCustody);

test('re-verification on a schedule: a regression is an alert to the coordinator, its recovery is recorded, and the loop continues as new', async () => {
  const seized = seizedDomain(t.world);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, { reverifyEvery: '300ms', iterationsPerRun: 4 });
    const firstRunId = handle.firstExecutionRunId;
    await waitFor('a passing re-verification', async () => (await status(handle)).lastCheck?.verified);
    expect(await deadlineState(handle)).toBe('OK');
    expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.Stage)).toBe('SEIZED');

    // Someone points the zone back at the shop: the next check sees it.
    t.world.dns.set(seized.domain, { NS: oldNameservers, A: ['127.0.0.2'] });
    const alert = await alertOf(handle, 'regression');
    expect(alert.message).toContain(`dns: ${t.world.dns.address}: NS ${oldNameservers.join(', ')}`);
    // The zone is not the banner's: the HTTP check does not knock on whatever it names.
    expect(alert.message).toContain('http: not asked: DNS sends visitors to 127.0.0.2');
    await waitFor('DeadlineState BREACHED', async () => (await deadlineState(handle)) === 'BREACHED');
    const mail = await waitFor('the alert mailed to the coordinator', () => coordinatorMail(t.world).find((m) => m.subject.includes('regression')));
    expect(mail.text).toContain(seized.domain);
    expect(mail.text).toContain('the seizure no longer holds');

    // One alert per regression, not one per failed check.
    await waitFor('two more failed checks', async () => { const s = await status(handle); return s.checksRun >= regressionCheck(s) + 2; });
    expect((await status(handle)).alerts.filter((a) => a.kind === 'regression')).toHaveLength(1);

    t.world.dns.set(seized.domain, { NS: seizureNameservers, A: ['127.0.0.1'] });
    await waitFor('the regression resolved', async () => !(await status(handle)).failing);
    expect((await status(handle)).timeline.map((e) => e.action)).toContain('re-verification passes again: the regression is resolved');
    await waitFor('DeadlineState OK again', async () => (await deadlineState(handle)) === 'OK');

    // Continue-as-new kept the state: same workflow ID, a later run, the alert keys carried over.
    const now = await waitFor('a continued run', async () => { const s = await status(handle); return s.run >= 2 && s; });
    expect(now.raised).toEqual(expect.arrayContaining([expect.stringMatching(/^regression:/)]));
    expect((await t.env.client.workflow.getHandle(custodyWorkflowId(seized.domain), firstRunId).describe()).status.name).toBe('CONTINUED_AS_NEW');
    await handle.terminate('test over');
  });
});

/** The check that raised the regression alert (its key is `regression:<check number>`). */
function regressionCheck(s: { alerts: { kind: string; key: string }[] }): number {
  return Number(s.alerts.find((a) => a.kind === 'regression')!.key.split(':')[1]);
}

test('the expiration date: an alert as it comes near, a renewal recorded, and alerts on redemptionPeriod and pendingDelete', async () => {
  const expires = new Date(Date.now() + 4000).toISOString();
  const seized = seizedDomain(t.world, { expires });
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await startCustody(t.env, taskQueue, seized, { reverifyEvery: '1h', expiryAlertBefore: '2s' }, { expiresAt: expires });
    const started = Date.now();
    const alert = await alertOf(handle, 'expiry-near');
    expect(Date.parse(alert.at)).toBeGreaterThanOrEqual(Date.parse(expires) - 2000 - 50);
    expect(Date.now() - started).toBeGreaterThan(1000); // it waited for the date to come near
    expect(alert).toMatchObject({ dueBy: expires, message: expect.stringContaining('have the registry renew it') });
    await waitFor('DeadlineState DUE_SOON', async () => (await deadlineState(handle)) === 'DUE_SOON');
    await waitFor('the expiry alert mailed', () => coordinatorMail(t.world).find((m) => m.subject.includes('expiry near')));

    // The registry renews it for a year: recorded at the next check (asked for now).
    const renewed = new Date(Date.now() + 365 * 86_400_000).toISOString();
    t.world.rdap.addDomain({ domain: seized.domain, registrar, nameservers: oldNameservers, expires: renewed });
    t.world.rdap.seize(seized.domain, seizureNameservers);
    await handle.signal(reverifyNowSignal);
    const afterRenewal = await waitFor('the renewal', async () => { const s = await status(handle); return s.renewals.length === 1 && s; });
    expect(afterRenewal.renewals[0]).toMatchObject({ from: expires, to: renewed });
    await waitFor('DeadlineState OK after the renewal', async () => (await deadlineState(handle)) === 'OK');

    // Then the registry puts it into redemption, then pending delete: each is an alert.
    for (const [epp, kind] of [['redemptionPeriod', 'redemption-period'], ['pendingDelete', 'pending-delete']] as const) {
      t.world.rdap.addDomain({ domain: seized.domain, registrar, nameservers: oldNameservers, expires: renewed, statuses: [epp] });
      t.world.rdap.seize(seized.domain, seizureNameservers);
      await handle.signal(reverifyNowSignal);
      expect((await alertOf(handle, kind)).message).toContain(`the registry shows ${epp}`);
    }
    expect(await deadlineState(handle)).toBe('BREACHED');
    await handle.terminate('test over');
  });
});
