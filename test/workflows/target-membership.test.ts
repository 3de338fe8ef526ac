import { workflowIds } from '../../domain/ids';
import { provideRegistrationUpdate, targetStatusQuery } from '../../domain/target';
import { setCaseMembershipUpdate } from '../../domain/case';
import { caseWorkflow } from '../../workflows/case/case';
import { agent, casePackage, coordinator, otherTeamAgent } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { startWorld } from '../helpers/world';

/**
 * The tasks people do on a target itself (here the manual lookup) are checked against the case's team by the
 * target's own validator, not only by the API: a signed action of an agent of another team is refused. When a
 * coordinator moves the case to another team, the target hears of it and follows.
 */
const t = useWorkflowTest(startWorld);
const record = { registry: { name: 'Guyana .gy registry' }, registrar: { name: 'Registrar of Georgetown', abuseEmail: 'abuse@gy-registrar.example' }, nameservers: ['ns1.pharma-host.example'], foundAt: 'registry web WHOIS, 2026-11-28' };

test("a target refuses another team's agent, and follows the case to its new team", async () => {
  const noRegistry = `${unique('fake-pharma-')}.gy`;
  const pkg = casePackage([noRegistry]);
  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const handle = await t.env.client.workflow.start(caseWorkflow, { taskQueue, workflowId: workflowIds.case(pkg.caseId), args: [{ package: pkg, openedBy: agent }] });
    const target = t.env.client.workflow.getHandle(`domain:${noRegistry}`);
    await waitFor('the manual-lookup task', async () => (await target.query(targetStatusQuery).catch(() => undefined))?.task?.kind === 'manual-lookup');

    // Moreau (newark-ipr) holds a signed action, as the API would sign it, but the case is Miami's.
    await expect(target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: otherTeamAgent, record }] }))
      .rejects.toMatchObject({ cause: { type: 'NOT_A_MEMBER', message: expect.stringContaining(`case ${pkg.caseId} belongs to team miami-ipr; you are in team newark-ipr`) } });

    // The coordinator moves the case to Newark. The case has told its targets before the change answers, so the
    // target now refuses Miami's agent.
    await handle.executeUpdate(setCaseMembershipUpdate, { args: [{ actor: coordinator, team: 'newark-ipr' }] });
    await expect(target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: agent, record }] }))
      .rejects.toMatchObject({ cause: { type: 'NOT_A_MEMBER', message: expect.stringContaining('belongs to team newark-ipr; you are in team miami-ipr') } });
    expect((await target.query(targetStatusQuery)).registration).toBeUndefined();
    await target.executeUpdate(provideRegistrationUpdate, { args: [{ actor: otherTeamAgent, record }] });
    const moved = await waitFor('legal review', async () => { const s = await target.query(targetStatusQuery); return s.stage === 'LEGAL_REVIEW' && s; });
    expect(moved.registration).toMatchObject({ source: 'manual', enteredBy: { id: otherTeamAgent.id } });
    await handle.cancel();
  });
}, 120_000);
