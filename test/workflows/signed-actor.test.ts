import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  confirmForfeitureUpdate, custodyStatusQuery, recordClaimUpdate, recordComplaintUpdate, recordExtensionUpdate, recordForfeitureOrderUpdate, recordHardshipDecisionUpdate,
  recordHardshipPetitionUpdate, recordHardshipRequestUpdate, recordPersonalNoticeUpdate, recordPublicationUpdate, releaseDomainUpdate,
} from '../../domain/custody';
import { caseStatusQuery } from '../../domain/case';
import { extendPreservationUpdate, recordPortalSubmissionUpdate } from '../../domain/profile-takedown';
import { provideRegistrationUpdate, targetStatusQuery } from '../../domain/target';
import { workflowIds } from '../../domain/ids';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage, counsel } from '../helpers/case-fixtures';
import { unsignedClient } from '../helpers/signed-actor';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { seizedDomain, startCustody } from './custody-helpers';
import { openProfileCase, platformHosts, startProfileWorld } from './profile-world';

// Every workflow Update that carries a person's decision refuses it unless the API signed it: here the
// custody facts and the target tasks (the case's and the review's are in test/api/signed-actor.test.ts).
// The test environment's client signs as the API does; unsignedClient() is an attacker's.
const t = useWorkflowTest(startProfileWorld);

const unsigned = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(error).toMatchObject({ cause: { type: 'ACTOR_SIGNATURE_INVALID', message: expect.stringMatching(/carries no signature of the API/) } });
};

test('custody: every legal fact sent straight to Temporal unsigned is refused and changes nothing; signed it is taken', async () => {
  const seized = seizedDomain(t.world);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    await startCustody(t.env, taskQueue, seized, { reverifyEvery: '1h' });
    const custody = unsignedClient(t.env).workflow.getHandle(`custody:${seized.domain}`);
    const today = new Date().toISOString();
    const facts = [
      [recordPersonalNoticeUpdate, { sentOn: today, to: ['registrant'] }], [recordPublicationUpdate, { firstDay: today }], [recordClaimUpdate, { filedOn: today, claimant: 'X' }],
      [recordComplaintUpdate, { filedOn: today }], [recordExtensionUpdate, { clock: 'personal-notice', until: today, order: 'o' }], [recordHardshipRequestUpdate, { filedOn: today }],
      [recordHardshipPetitionUpdate, { filedOn: today }], [recordHardshipDecisionUpdate, { decidedOn: today, granted: false }], [recordForfeitureOrderUpdate, { orderedOn: today }],
      [confirmForfeitureUpdate, {}], [releaseDomainUpdate, { reason: 'a forged release' }],
    ] as const;
    for (const [update, body] of facts) await unsigned(custody.executeUpdate(update as typeof releaseDomainUpdate, { args: [{ actor: counsel, ...body } as never] }));
    const status = await custody.query(custodyStatusQuery);
    expect(status).toMatchObject({ state: 'IN_CUSTODY', forfeiture: {} });
    expect(status.forfeiture.release).toBeUndefined();

    const signed = t.env.client.workflow.getHandle(`custody:${seized.domain}`);
    const view = await signed.executeUpdate(recordPersonalNoticeUpdate, { args: [{ actor: agent, sentOn: today, to: ['registrant (by mail)'] }] });
    expect(view.forfeiture.personalNotice).toMatchObject({ to: ['registrant (by mail)'] });
  });
});

test('target tasks: a registration entered by hand, a portal submission and a preservation extension are refused unsigned', async () => {
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  const pkg = casePackage([noRegistry]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    // A domain whose registry is unknown waits for the agent's manual lookup.
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
    await waitFor('the target opened', async () => (await handle.query(caseStatusQuery)).targets.length === 1);
    const domain = unsignedClient(t.env).workflow.getHandle(`domain:${noRegistry}`);
    await waitFor('the manual-lookup task', async () => (await domain.query(targetStatusQuery)).task);
    const record = { registry: { name: 'Guyana .gy registry' }, registrar: { name: 'Registrar of Georgetown', abuseEmail: 'attacker@evil.example' }, nameservers: ['ns1.pharma-host.example'], foundAt: 'made up' };
    await unsigned(domain.executeUpdate(provideRegistrationUpdate, { args: [{ actor: agent, record }] }));
    expect(await domain.query(targetStatusQuery)).toMatchObject({ stage: 'LOOKUP', task: { kind: 'manual-lookup' } });

    // A profile listens for both from its start; signed, the same message meets the workflow's own check instead.
    const seller = unique('kicks.');
    t.world.site.live(platformHosts.tiktok, `/@${seller}`);
    await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.tiktok, `/@${seller}`)], { requestedActions: ['takedown', 'preservation'] });
    const profileId = `profile:tiktok:${seller}`;
    const profile = unsignedClient(t.env).workflow.getHandle(profileId);
    const submission = { actor: agent, kind: 'takedown' as const, reference: 'TT-1', submittedAt: new Date().toISOString() };
    await unsigned(profile.executeUpdate(recordPortalSubmissionUpdate, { args: [submission] }));
    await unsigned(profile.executeUpdate(extendPreservationUpdate, { args: [{ actor: agent }] }));
    await expect(t.env.client.workflow.getHandle(profileId).executeUpdate(recordPortalSubmissionUpdate, { args: [submission] })).rejects.toMatchObject({ cause: { type: 'WRONG_STATE' } });
  });
});
