import fs from 'node:fs';
import path from 'node:path';
import type { CaseStatusView } from '../../domain/case-view';
import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { addShop, shopUrl } from '../api/domains';
import { useCliTest } from './cli-world';

const cli = useCliTest();
const { takedown, login } = cli;

test('the agent and counsel work a case from the command line, through the API only', async () => {
  expect(await login('rivera')).toMatchObject({ code: 0, out: `signed in as Special Agent Dana Rivera (agent) at ${cli.t.api.baseUrl}\n` });
  const sessionFile = path.join(cli.dir, 'rivera', 'session.json');
  expect(fs.statSync(sessionFile).mode & 0o777).toBe(0o600);

  const shop = addShop(cli.t.api.world);
  const pkg = casePackage([shopUrl(cli.t.api.world, shop)]);
  const pkgFile = path.join(cli.dir, 'package.json');
  fs.writeFileSync(pkgFile, JSON.stringify(pkg));
  expect(await takedown('rivera', ['open-case', pkgFile])).toMatchObject({ code: 0, out: `opened case ${pkg.caseId} (workflow case:${pkg.caseId})\n` });

  const second = addShop(cli.t.api.world, 'replica-watches-');
  const csv = path.join(cli.dir, 'targets.csv');
  fs.writeFileSync(csv, `target\n${shopUrl(cli.t.api.world, second)}\n203.0.113.9\n`);
  const added = await takedown('rivera', ['add-targets', pkg.caseId, csv]);
  expect(added.code).toBe(2); // a row was refused: reported, and the status says so
  expect(added.out).toMatch(new RegExp(`^2 +started +${second.replace(/\./g, '\\.')}$`, 'm'));
  expect(added.out).toMatch(/^3 +refused +TARGET_IP_ADDRESS: /m);
  expect(added.err).toBe('1 started, 1 refused, 0 duplicate\n');

  await waitFor('both targets at legal review', async () => ((await cli.t.api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json() as CaseStatusView).targets.every((t) => t.stage === 'LEGAL_REVIEW'));
  const status = await takedown('rivera', ['status', pkg.caseId]);
  expect(status.out).toContain(`case ${pkg.caseId}: DRAFT`);
  expect(status.out).toMatch(new RegExp(`${shop.replace(/\./g, '\\.')} +domain +LEGAL_REVIEW +Example Registrar, Inc\\.`));
  expect((await takedown('rivera', ['submit', pkg.caseId])).out).toBe(`case ${pkg.caseId}: review round 1 opened on package version 2\n`);

  // The agent may not decide: the API's refusal is printed with its code, exit 1.
  const refused = await takedown('rivera', ['decide', pkg.caseId, 'approve']);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('ROLE_NOT_ALLOWED');

  await login('okafor');
  const missingReason = await takedown('okafor', ['decide', pkg.caseId, 'reject']);
  expect(missingReason.code).toBe(1);
  expect(missingReason.err).toContain('  reason: ');
  const decided = await takedown('okafor', ['decide', pkg.caseId, 'approve', '--exclude', `${second}=sold by a different seller`]);
  expect(decided).toMatchObject({ code: 0, out: `case ${pkg.caseId}: round 1 approve (package version 2) by AUSA Grace Okafor\n` });

  // The case passes the decision to each target; the target's timeline shows who approved it.
  const target = await waitFor('the approval on the target', async () => { const r = await takedown('okafor', ['status', shop]); return r.out.includes('AUSA Grace Okafor (counsel): legal review: approved') && r; });
  expect(target.out).toMatch(new RegExp(`^domain:${shop.replace(/\./g, '\\.')}: (WARRANT|LEGAL_REVIEW) \\(case ${pkg.caseId}\\)`));

  await login('patel');
  const listed = await waitFor('excluded target listed', async () => { const r = await takedown('patel', ['list', '--case', pkg.caseId, '--stage', 'EXCLUDED']); return r.out.includes(second) && r; });
  expect(listed.out.split('\n')[0]).toMatch(/^TARGET +STAGE +CASE +REGISTRAR +TLD +DEADLINE$/);
  const json = JSON.parse((await takedown('patel', ['list', '--case', pkg.caseId, '--json'])).out) as { key: string }[];
  expect(json.map((t) => t.key).sort()).toEqual([shop, second].sort());
  const report = await takedown('patel', ['report', '--format', 'csv', '--case', pkg.caseId]);
  expect(report.out.split('\r\n')[0]).toContain('workflowId,key,kind,caseId');
  expect(report.out).toContain(`domain:${second},${second},domain,${pkg.caseId},,EXCLUDED`);
  const reportFile = path.join(cli.dir, 'report.json');
  expect((await takedown('patel', ['report', '--format', 'json', '--case', pkg.caseId, '--out', reportFile])).code).toBe(0);
  expect(JSON.parse(fs.readFileSync(reportFile, 'utf8')).targets).toHaveLength(2);
});

test('without a session, with a wrong password, or with bad arguments, the CLI says so', async () => {
  const none = await takedown('nobody', ['list']);
  expect(none).toMatchObject({ code: 1, err: 'takedown: not signed in: run `takedown login` (or set TAKEDOWN_TOKEN)\n' });
  const wrong = await takedown('rivera2', ['login', '--user', 'rivera', '--password-stdin'], 'nope\n');
  expect(wrong).toMatchObject({ code: 1, err: 'takedown: SIGN_IN_FAILED: unknown user or wrong password\n' });
  expect((await takedown('rivera', ['decide', 'X-1'])).code).toBe(64);
  expect((await takedown('rivera', ['list', '--colour', 'red'])).code).toBe(64);

  // A token from elsewhere (an organisation's provider) is checked by the API before it is saved.
  const token = await takedown('tokened', ['login', '--token', cli.t.api.tokens.chen]);
  expect(token.out).toBe(`signed in as SSA Wei Chen (supervisor) at ${cli.t.api.baseUrl}\n`);
  const forged = await takedown('forged', ['login', '--token', `${cli.t.api.tokens.chen}x`]);
  expect(forged.code).toBe(1);
  expect(forged.err).toContain('run `takedown login`');
  expect(fs.existsSync(path.join(cli.dir, 'forged', 'session.json'))).toBe(false);

  process.env.TAKEDOWN_API_URL = 'http://127.0.0.1:9';
  const unreachable = await takedown('rivera', ['list']);
  process.env.TAKEDOWN_API_URL = cli.t.api.baseUrl;
  expect(unreachable.code).toBe(1);
  expect(unreachable.err).toContain('cannot reach the API at http://127.0.0.1:9');
});

test('`takedown logout` has the API revoke the token, so a copy of it is refused too', async () => {
  expect((await cli.login('lindqvist')).code).toBe(0);
  const { token } = JSON.parse(fs.readFileSync(path.join(cli.dir, 'lindqvist', 'session.json'), 'utf8')) as { token: string };
  const asToken = () => fetch(`${cli.t.api.baseUrl}/api/session`, { headers: { authorization: `Bearer ${token}` } });
  expect((await asToken()).status).toBe(200);
  expect(await takedown('lindqvist', ['logout'])).toMatchObject({ code: 0, out: 'signed out\n' });
  expect(fs.existsSync(path.join(cli.dir, 'lindqvist', 'session.json'))).toBe(false);
  expect((await asToken()).status).toBe(401);
});

test("an agent of another team: `status` of the case is answered as for a case that does not exist, `list` leaves its targets out", async () => {
  await login('rivera');
  await login('moreau');
  const shop = addShop(cli.t.api.world);
  const pkg = casePackage([shopUrl(cli.t.api.world, shop)]);
  expect((await cli.t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the target listed', async () => (await takedown('rivera', ['list', '--case', pkg.caseId])).out.includes(shop));

  const refused = await takedown('moreau', ['status', pkg.caseId]);
  expect(refused.code).toBe(1);
  const missing = await takedown('moreau', ['status', `${pkg.caseId}-NONE`]);
  expect(refused.err).toContain('NOT_FOUND');
  expect(refused.err).not.toContain('miami-ipr');
  expect(refused.err.replaceAll(pkg.caseId, `${pkg.caseId}-NONE`)).toBe(missing.err);
  expect((await takedown('moreau', ['list', '--case', pkg.caseId])).err).toContain('NOT_FOUND');
  const listed = await takedown('moreau', ['list']);
  expect(listed.code).toBe(0);
  expect(listed.out).not.toContain(shop);
});
