import { addTargetsUpdate, withdrawTargetUpdate } from '../../domain/case';
import { searchAttributes } from '../../domain/search-attributes';
import { startTargets } from '../../activities/targets/start-targets';
import { caseStatus, registerDomains } from '../helpers/case-actions';
import { agent } from '../helpers/case-fixtures';
import { unique, useWorkflowTest, withWorker } from '../helpers/temporal';
import { openProfileCase, platformHosts, startProfileWorld } from './profile-world';

const t = useWorkflowTest(startProfileWorld);

test('a second takedown of the same profile (or domain) while one is active is refused, naming the case that holds it', async () => {
  const seller = unique('dupe.');
  t.world.site.live(platformHosts.tiktok, `/@${seller}`);
  const [domain] = registerDomains(t.world, 1) as [string];
  const profileKey = `tiktok:${seller}`;

  await withWorker(t.env, t.bundle, t.world.activities, async (taskQueue) => {
    const first = await openProfileCase(t.env, taskQueue, [t.world.site.link(platformHosts.tiktok, `/@${seller}`), `http://${domain}:${t.world.shop.port}/`]);

    // Other spellings of the same profile and domain, added to a second case: flagged with the first case's ID.
    const second = await openProfileCase(t.env, taskQueue, [`http://${registerDomains(t.world, 1)[0]}:${t.world.shop.port}/`]);
    const rows = await second.handle.executeUpdate(addTargetsUpdate, { args: [{ actor: agent, targets: [`https://m.tiktok.com/@${seller.toUpperCase()}`, `https://www.${domain}/shop`] }] });
    expect(rows.map((r) => [r.status, r.key, r.error?.code])).toEqual([['duplicate', profileKey, 'DUPLICATE_TARGET'], ['duplicate', domain, 'DUPLICATE_TARGET']]);
    for (const row of rows) expect(row.error!.message).toContain(`already active in case ${first.pkg.caseId}`);
    expect(rows[0]!.error!.message).toContain('at LEGAL_REVIEW');

    const status = await caseStatus(second.handle);
    for (const key of [profileKey, domain]) {
      const entry = status.targets.find((t) => t.key === key)!;
      expect(entry).toMatchObject({ stage: 'DUPLICATE', note: expect.stringContaining(`already active in case ${first.pkg.caseId}`) });
    }
    expect(status.timeline.map((e) => e.action)).toEqual(expect.arrayContaining([`target ${profileKey} is already active in case ${first.pkg.caseId} (workflow profile:${profileKey}, at LEGAL_REVIEW); not duplicated`]));

    // The duplicate started nothing: the running workflow is still the first case's.
    const holder = await t.env.client.workflow.getHandle(`profile:${profileKey}`).describe();
    expect(holder.typedSearchAttributes.get(searchAttributes.CaseId)).toBe(first.pkg.caseId);

    // Starting the first case's targets again (its start activity retried): held by that same case, they
    // count as started and nothing is duplicated; from any other case they are reported with their holder.
    const again = (caseId: string) => startTargets(t.env.client, { caseId, taskQueue, common: {}, targets: [`profile:${profileKey}`, `domain:${domain}`].map((workflowId) => ({ workflowId, workflowType: workflowId.startsWith('domain:') ? 'domainSeizureWorkflow' : 'profileTakedownWorkflow', own: {} })) });
    expect(await again(first.pkg.caseId)).toEqual({ started: 2, duplicates: [] });
    expect((await again('HSI-OTHER-1')).duplicates.map((d) => [d.workflowId, d.caseId]).sort()).toEqual([[`domain:${domain}`, first.pkg.caseId], [`profile:${profileKey}`, first.pkg.caseId]]);

    for (const handle of [first.handle, second.handle]) {
      for (const t of (await caseStatus(handle)).targets.filter((t) => t.stage === 'LEGAL_REVIEW')) await handle.executeUpdate(withdrawTargetUpdate, { args: [{ actor: agent, target: t.key, reason: 'test over' }] });
    }
    await Promise.all([first.handle.result(), second.handle.result()]);
  });
});
