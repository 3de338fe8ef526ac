import fs from 'node:fs';
import path from 'node:path';
import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { addShop, shopUrl } from '../api/domains';
import { useCliTest } from './cli-world';

const cli = useCliTest();
const { takedown, login } = cli;

test('`takedown leads`: a partner submits a XARF report and follows it; an agent triages it and opens a case from it; refusals are named', async () => {
  const shop = addShop(cli.t.api.world, 'cli-lead-shop-');
  const report = {
    Version: '4', ReporterInfo: { ReporterOrg: 'Vantage Brands', ReporterContactEmail: 'referrals@vantage-brands.example' },
    Report: { ReportID: 'VB-CLI-1', ReportClass: 'Content', ReportType: 'Counterfeit', SourceType: 'Uri', Source: shopUrl(cli.t.api.world, shop), Description: 'Counterfeit handbags' },
  };
  const reportFile = path.join(cli.dir, 'report.json');
  fs.writeFileSync(reportFile, JSON.stringify(report));

  expect((await login('vantage')).code).toBe(0);
  const submitted = await takedown('vantage', ['leads', 'submit', '--xarf', reportFile]);
  expect(submitted).toMatchObject({ code: 0, err: '' });
  const leadId = /^(LEAD-\d+) NEW: Vantage Brands: Content\/Counterfeit\n$/.exec(submitted.out)?.[1];
  expect(leadId).toBeDefined();
  const mine = await takedown('vantage', ['leads', 'list']);
  expect(mine.out.split('\n')[0]).toMatch(/^LEAD +STATE +SOURCE +RECEIVED +NAMES +SUMMARY$/);
  expect(mine.out).toMatch(new RegExp(`^${leadId} +NEW +partner `, 'm'));

  // A bad report: the field, why, what is accepted; exit 1.
  fs.writeFileSync(reportFile, JSON.stringify({ ...report, Report: { ...report.Report, SourceType: 'Email', Source: 'seller@example.com' } }));
  const bad = await takedown('vantage', ['leads', 'submit', '--xarf', reportFile]);
  expect(bad.code).toBe(1);
  expect(bad.err).toContain('takedown: VALIDATION_FAILED: the XARF report is invalid');
  expect(bad.err).toContain('  Report.SourceType: accepted source types: Uri, Url, Domain');

  // The agent triages it and opens a case from it in one step.
  await login('rivera');
  const triaged = await takedown('rivera', ['leads', 'triage', leadId!]);
  expect(triaged.code).toBe(0);
  expect(triaged.out.split('\n')[1]).toMatch(/^AS GIVEN +TARGET +FINDING +CASE +NOTE$/);
  expect(triaged.out).toMatch(new RegExp(`${shop.replace(/\./g, '\\.')} +new +new: in no active or past case`));
  const { targets: _none, ...pkg } = casePackage(['unused.com'], { evidence: { summary: 'A rights holder referral names the shop.', undercoverPurchases: [], rightsHolderConfirmations: [] } });
  const pkgFile = path.join(cli.dir, 'package.json');
  fs.writeFileSync(pkgFile, JSON.stringify(pkg));
  const opened = await takedown('rivera', ['leads', 'open-case', leadId!, pkgFile]);
  expect(opened).toMatchObject({ code: 0, out: `case ${pkg.caseId} opened from ${leadId} with ${shop}; ${leadId} is ACTIONED\n` });
  await waitFor('the target in the new case', async () => (await cli.t.api.call('rivera', { method: 'GET', url: `/api/targets/${shop}` })).json().caseId === pkg.caseId);
  const shown = await takedown('rivera', ['leads', 'show', leadId!]);
  expect(shown.out).toMatch(new RegExp(`^${shop.replace(/\./g, '\\.')} +${pkg.caseId} `, 'm'));
  expect(shown.out).toMatch(/TRIAGED -> ACTIONED/);

  // The state machine's refusal, named; the partner sees ACTIONED and is refused another's lead.
  const closed = await takedown('rivera', ['leads', 'close', leadId!, '--state', 'declined', '--reason', 'changed my mind']);
  expect(closed.code).toBe(1);
  expect(closed.err).toContain(`WRONG_STATE: lead ${leadId} cannot go from ACTIONED to DECLINED: ACTIONED is final`);
  expect((await takedown('vantage', ['leads', 'show', leadId!])).out).toMatch(new RegExp(`^${leadId} +ACTIONED +partner \\(VB-CLI-1\\)`));
  await login('paysafe');
  const other = await takedown('paysafe', ['leads', 'show', leadId!]);
  expect(other.code).toBe(1);
  expect(other.err).toContain('FORBIDDEN: PaySafe Trust & Safety (payment processor) may see only the leads its organisation (paysafe-trust) submitted');
  expect((await takedown('paysafe', ['leads', 'frobnicate'])).code).toBe(64);
}, 120_000);

test('`takedown leads disseminate` passes a triaged lead on by notice; `disseminations` lists it until the outcome is recorded', async () => {
  await login('rivera');
  const lead = (await cli.t.api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Fake perfume sellers in New Jersey', text: 'a market stall and a web shop' } })).json();
  expect((await cli.t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).statusCode).toBe(200);
  const email = `cli-duty-${Date.now()}@newark.example`;

  const missing = await takedown('rivera', ['leads', 'disseminate', lead.leadId, '--to', email]);
  expect(missing.code).toBe(64);
  expect(missing.err).toContain('takedown leads: disseminate takes a lead ID, --to, --org, --name and --note');

  const sent = await takedown('rivera', ['leads', 'disseminate', lead.leadId, '--to', email, '--org', 'HSI Newark', '--name', 'Duty agent', '--note', 'The stall is in your district.']);
  expect(sent.code).toBe(0);
  expect(sent.out).toMatch(new RegExp(`^DIS-\\d+: notice to ${email.replace(/\./g, '\\.')} \\(HSI Newark\\); ${lead.leadId} is DISSEMINATED\\n$`));
  await waitFor('the notice in the sink', () => cli.t.api.world.sink.messages.find((m) => m.envelope.to.includes(email)));

  const listed = await takedown('rivera', ['leads', 'disseminations', lead.leadId]);
  expect(listed.code).toBe(0);
  expect(listed.out.split('\n')[0]).toMatch(/^ID +SENT +TO +BY +OUTCOME +RECORDED BY +AT$/);
  const row = listed.out.split('\n')[1]!;
  expect(row).toMatch(/^DIS-\d+ /);
  expect(row).toContain(`HSI Newark <${email}>`);
  expect(row).toContain('none yet');
});
