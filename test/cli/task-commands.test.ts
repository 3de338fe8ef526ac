import fs from 'node:fs';
import path from 'node:path';
import { casePackage } from '../helpers/case-fixtures';
import { recordHistory } from '../helpers/record-history';
import { waitFor } from '../helpers/wait';
import { noRegistryShop, preservationViaPortal, startInstagram, target } from '../api/task-targets';
import type { PlatformSite } from '../helpers/platform-site';
import { useCliTest } from './cli-world';

const cli = useCliTest();
const { takedown, login } = cli;
let site: PlatformSite;
beforeAll(async () => { site = await startInstagram(cli.t.api); });
afterAll(async () => { await site?.close(); });

test('the manual lookup from the command line: listed under `takedown tasks`, refused with the missing field, then entered', async () => {
  await login('rivera');
  const shop = noRegistryShop(cli.t.api);
  const pkg = casePackage([shop.link]);
  const pkgFile = path.join(cli.dir, `${pkg.caseId}.json`);
  fs.writeFileSync(pkgFile, JSON.stringify(pkg));
  expect((await takedown('rivera', ['open-case', pkgFile])).code).toBe(0);

  // The task is listed (OpenTasks, one visibility query) with its case, kind, deadline and the command that does it.
  const listed = await waitFor('the manual-lookup task listed', async () => { const r = await takedown('rivera', ['tasks', '--case', pkg.caseId]); return r.out.includes(shop.domain) && r; }, 60_000);
  expect(listed.out.split('\n')[0]).toMatch(/^TARGET +TASK +CASE +DUE +DO IT WITH$/);
  expect(listed.out).toMatch(new RegExp(`^${shop.domain.replace(/\./g, '\\.')} +manual-lookup +${pkg.caseId} +\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z +takedown record-registration ${shop.domain.replace(/\./g, '\\.')}`, 'm'));
  const json = JSON.parse((await takedown('rivera', ['tasks', '--case', pkg.caseId, '--json'])).out) as { kind: string; target: string; caseId: string; dueBy: string; href: string }[];
  expect(json).toEqual([expect.objectContaining({ kind: 'manual-lookup', target: shop.domain, caseId: pkg.caseId, href: `/targets/${shop.domain}#task` })]);
  expect(Date.parse(json[0]!.dueBy)).toBeGreaterThan(Date.now());

  // Counsel do no such task: their list is empty.
  await login('okafor');
  expect((await takedown('okafor', ['tasks', '--case', pkg.caseId])).out).toBe('no open tasks\n');

  const fields = ['--registry', 'Guyana Registry (.gy)', '--abuse-email', 'abuse@registrar.gy', '--nameserver', 'ns1.host.gy', '--nameserver', 'ns2.host.gy', '--status', 'clientTransferProhibited', '--expires', '2027-05-01', '--iana-id', '1234', '--found-at', 'registry.gy web WHOIS, 2026-12-01'];
  const missing = await takedown('rivera', ['record-registration', shop.domain, ...fields]);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/VALIDATION_FAILED: .*registrar/);
  expect((await target(cli.t.api, shop.domain)).stage).toBe('LOOKUP');

  const entered = await takedown('rivera', ['record-registration', shop.domain, ...fields, '--registrar', 'Caribbean Names Ltd.']);
  expect(entered).toMatchObject({ code: 0, out: `${shop.domain}: registration recorded by hand; the target goes on with it\n` });
  const moved = await waitFor('the target past LOOKUP', async () => { const s = await target(cli.t.api, shop.domain); return s.stage !== 'LOOKUP' && s; });
  expect(moved.registration).toMatchObject({ source: 'manual', registry: { name: 'Guyana Registry (.gy)' }, registrar: { name: 'Caribbean Names Ltd.', ianaId: '1234', abuseEmail: 'abuse@registrar.gy' }, nameservers: ['ns1.host.gy', 'ns2.host.gy'], statuses: ['clientTransferProhibited'], events: { expires: '2027-05-01' } });
  expect(moved.timeline.find((e) => e.action.startsWith('registration entered by hand'))?.actor.name).toBe('Special Agent Dana Rivera');
  expect(moved.task).toBeUndefined();
  // A history with the task published in OpenTasks (patched 'open-tasks-attribute') for the replay tests.
  await recordHistory('domain-seizure.manual-lookup', cli.t.api.env.client.workflow.getHandle(`domain:${shop.domain}`));
  await waitFor('the task gone from the list', async () => (await takedown('rivera', ['tasks', '--case', pkg.caseId])).out === 'no open tasks\n');
  // Done once: a second entry is refused.
  expect((await takedown('rivera', ['record-registration', shop.domain, ...fields, '--registrar', 'Other'])).err).toContain('WRONG_STATE');
});

test('the portal submission from the command line: the checklist says where to record it, and the record starts the preservation', async () => {
  await login('rivera');
  // A preservation of an hour with the reminder an hour before its end: extending it is due at once.
  const { pkg, key } = await preservationViaPortal(cli.t.api, site, { preservationPeriod: '1h', preservationReminderBefore: '1h' });
  const listed = await waitFor('the portal task listed', async () => { const r = await takedown('rivera', ['tasks', '--case', pkg.caseId]); return r.out.includes(key) && r; }, 60_000);
  expect(listed.out).toContain(`takedown record-portal-submission ${key} --kind preservation --reference REF`);
  const tasked = await target(cli.t.api, key);
  expect(tasked.task?.checklist?.items.at(-1)).toBe(`Quote case ${pkg.caseId}, then record the portal's reference number and the time you submitted in Takedown: the form "Record the portal submission" on the target's page (/targets/${key}, listed under My tasks), or \`takedown record-portal-submission ${key} --kind preservation --reference REF --submitted-at TIME\``);

  const future = await takedown('rivera', ['record-portal-submission', key, '--reference', 'META-LE-1', '--submitted-at', new Date(Date.now() + 3_600_000).toISOString()]);
  expect(future.code).toBe(1);
  expect(future.err).toMatch(/VALIDATION_FAILED: .*future/);

  const submittedAt = new Date(Date.now() - 60_000).toISOString();
  const recorded = await takedown('rivera', ['record-portal-submission', key, '--reference', 'META-LE-1', '--submitted-at', submittedAt]);
  expect(recorded).toMatchObject({ code: 0, out: `${key}: preservation request recorded (portal reference META-LE-1, submitted ${submittedAt})\n` });
  const preserved = await waitFor('the preservation on record', async () => { const s = await target(cli.t.api, key); return s.profile?.preservation && s; });
  expect(preserved.profile!.preservation).toMatchObject({ channel: 'portal', reference: 'META-LE-1', requestedAt: submittedAt });
  expect(preserved.profile!.submissions).toEqual([expect.objectContaining({ kind: 'preservation', reference: 'META-LE-1', actor: expect.objectContaining({ id: 'rivera' }) })]);

  // Reminded, the agent finds the extension on the task list, due when the preservation ends.
  const due = await waitFor('the extension listed', async () => {
    const tasks = JSON.parse((await takedown('rivera', ['tasks', '--case', pkg.caseId, '--json'])).out) as { kind: string; target: string; dueBy: string }[];
    return tasks.find((t) => t.kind === 'preservation-extension');
  });
  expect(due).toMatchObject({ target: key, dueBy: new Date(Date.parse(submittedAt) + 3_600_000).toISOString() });
  expect((await takedown('rivera', ['tasks', '--case', pkg.caseId])).out).toContain(`takedown extend-preservation ${key}`);

  // The one extension, as renewed in the portal: its reference is required.
  const noReference = await takedown('rivera', ['extend-preservation', key]);
  expect(noReference.code).toBe(1);
  expect(noReference.err).toMatch(/reference/);
  const extended = await takedown('rivera', ['extend-preservation', key, '--reference', 'META-LE-1-EXT']);
  expect(extended.code).toBe(0);
  expect(extended.out).toMatch(new RegExp(`^${key}: preservation extended to \\d{4}-`));
  await waitFor('the extension off the list', async () => !(await takedown('rivera', ['tasks', '--case', pkg.caseId])).out.includes('preservation-extension'));
  await recordHistory('profile-takedown.portal-preservation', cli.t.api.env.client.workflow.getHandle(`profile:${key}`));
});

test('a filter on a stage that does not exist is refused naming the stages; a case whose every line is refused does not open or use up its ID', async () => {
  await login('patel');
  const bogus = await takedown('patel', ['list', '--stage', 'BOGUS']);
  expect(bogus.code).toBe(1);
  expect(bogus.out).toBe('');
  expect(bogus.err).toContain('VALIDATION_FAILED');
  expect(bogus.err).toContain('unknown stage "BOGUS"; accepted: LOOKUP, EVIDENCE, LEGAL_REVIEW');
  expect(bogus.err).toContain('SEIZED');
  const bogusCases = await cli.t.api.call('patel', { method: 'GET', url: '/api/cases?stage=DRAFT,OPEN' });
  expect(bogusCases.statusCode).toBe(400);
  expect(bogusCases.json().error.fields.stage).toEqual([expect.stringContaining('unknown case stage "OPEN"; accepted: DRAFT, IN_REVIEW')]);

  await login('rivera');
  const pkg = casePackage(['203.0.113.9', 'http://']);
  const pkgFile = path.join(cli.dir, `${pkg.caseId}.json`);
  fs.writeFileSync(pkgFile, JSON.stringify(pkg));
  const refused = await takedown('rivera', ['open-case', pkgFile]);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('every target was refused, so the case was not opened');
  expect(refused.err).toMatch(/ {2}targets\.0: TARGET_IP_ADDRESS: /);
  expect(refused.err).toMatch(/ {2}targets\.1: TARGET_/);
  expect((await cli.t.api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).statusCode).toBe(404);

  // The ID is still free: the same case with one real target opens.
  fs.writeFileSync(pkgFile, JSON.stringify({ ...pkg, targets: ['203.0.113.9', noRegistryShop(cli.t.api).link] }));
  expect((await takedown('rivera', ['open-case', pkgFile])).out).toBe(`opened case ${pkg.caseId} (workflow case:${pkg.caseId})\n`);
});

test('the OpenAPI document describes the task routes, and the filters with the values they accept', async () => {
  const doc = (await cli.t.api.call(null, { method: 'GET', url: '/docs/json' })).json();
  expect(doc.paths['/api/tasks'].get.summary).toContain('open tasks the signed-in role does');
  for (const path of ['/api/targets/{target}/registration', '/api/targets/{target}/portal-submission', '/api/targets/{target}/preservation/extend']) expect(doc.paths[path].post).toBeDefined();
  const stage = (doc.paths['/api/targets'].get.parameters as { name: string; description?: string }[]).find((p) => p.name === 'stage');
  expect(stage?.description).toContain('LOOKUP, EVIDENCE, LEGAL_REVIEW');
});
