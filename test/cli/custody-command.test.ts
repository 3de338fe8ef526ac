import type { CustodyStatus } from '../../domain/custody';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { domainInCustody, today } from '../api/custody-fixtures';
import { useCliTest } from './cli-world';

const cli = useCliTest();
const { takedown, login } = cli;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  await login('rivera');
  await login('okafor');
});

test('custody from the command line: list, show, record each kind of fact, re-verify, release', async () => {
  const { domain, caseId } = await domainInCustody(cli.t.api);

  const listed = await waitFor('the domain listed', async () => { const r = await takedown('rivera', ['custody', 'list', '--case', caseId, '--stage', 'SEIZED']); return r.out.includes(domain) && r; });
  expect(listed.out.split('\n')[0]).toMatch(/^DOMAIN +STAGE +CASE +DEADLINE +NEXT DEADLINE +ENDED$/);
  expect(listed.out).toMatch(new RegExp(`^${escape(domain)} +SEIZED +${escape(caseId)} +OK `, 'm'));
  expect(JSON.parse((await takedown('rivera', ['custody', 'list', '--case', caseId, '--json'])).out)).toEqual([expect.objectContaining({ domain, stage: 'SEIZED', running: true })]);

  // The agent records the personal notice (two recipients) and the publication: the clocks appear.
  const notice = await takedown('rivera', ['custody', 'record', domain, 'personal-notice', '--sent-on', today(), '--to', 'registrant (by mail)', '--to', 'registrar']);
  expect(notice).toMatchObject({ code: 0, err: '' });
  expect(notice.out).toMatch(new RegExp(`^${escape(domain)}: personal notice recorded; IN_CUSTODY\\n  personal notice due +\\d{4}-`));
  const published = await takedown('rivera', ['custody', 'record', domain, 'publication', '--first-day', today()]);
  expect(published.out).toMatch(/^ {2}publication ends +\d{4}-.*\n {2}claim deadline +\d{4}-/m);

  // Refusals print the API's code and the option at fault, and exit 1.
  const badDate = await takedown('rivera', ['custody', 'record', domain, 'claim', '--claimant', 'Registrant LLC', '--filed-on', 'soon']);
  expect(badDate.code).toBe(1);
  expect(badDate.err).toMatch(/^takedown: VALIDATION_FAILED: .*\n {2}--filed-on: a date \(YYYY-MM-DD\) or an ISO date-time\n$/);
  const notCounsel = await takedown('rivera', ['custody', 'record', domain, 'forfeiture-order', '--ordered-on', today()]);
  expect(notCounsel.code).toBe(1);
  expect(notCounsel.err).toContain('ROLE_NOT_ALLOWED');

  // Counsel: a claim, a sealed extension of the complaint clock, the complaint.
  expect((await takedown('okafor', ['custody', 'record', domain, 'claim', '--claimant', 'Registrant LLC', '--filed-on', today()])).out).toMatch(/complaint due +\d{4}-/);
  const extended = await takedown('okafor', ['custody', 'record', domain, 'extension', '--clock', 'complaint', '--until', '2099-01-31', '--order', '26-MJ-04417 (sealed)', '--sealed']);
  expect(extended.out).toMatch(/complaint due +2099-01-31T00:00:00.000Z/);
  expect((await takedown('okafor', ['custody', 'record', domain, 'complaint', '--filed-on', today(), '--docket', '1:26-cv-01234'])).code).toBe(0);

  expect((await takedown('rivera', ['custody', 'reverify', domain])).out).toBe(`${domain}: re-verification asked for; \`takedown custody show ${domain}\` shows its result\n`);
  await waitFor('the re-verification', async () => ((JSON.parse((await takedown('rivera', ['custody', 'show', domain, '--json'])).out) as CustodyStatus).lastCheck));

  const shown = await takedown('rivera', ['custody', 'show', domain.toUpperCase()]);
  expect(shown.code).toBe(0);
  expect(shown.out).toContain(`${domain}: IN_CUSTODY (case ${caseId}: Counterfeit luxury handbags sold online)`);
  expect(shown.out).toMatch(/^ {2}banner +seizure$/m);
  expect(shown.out).toMatch(/^ {2}last check +verified at .*: registry ok; dns ok; http ok$/m);
  expect(shown.out).toMatch(new RegExp(`^ {2}personal notice +sent on ${today()} to registrant \\(by mail\\), registrar \\(recorded by Special Agent Dana Rivera\\)$`, 'm'));
  expect(shown.out).toMatch(/^ {2}extension +sealed, complaint until 2099-01-31 \(order 26-MJ-04417 \(sealed\)\) \(recorded by AUSA Grace Okafor\)$/m);
  expect(shown.out).toMatch(/^ {2}complaint +filed on .*, docket 1:26-cv-01234/m);

  expect((await takedown('okafor', ['custody', 'record', domain, 'release', '--reason', 'the claim was upheld'])).code).toBe(0);
  const released = await waitFor('RELEASED', async () => { const r = await takedown('okafor', ['custody', 'show', domain]); return r.out.includes(': RELEASED') && r; });
  expect(released.out).toMatch(/^ {2}release +the claim was upheld; ordered .*released /m);
});

test('wrong arguments and unknown domains', async () => {
  expect((await takedown('rivera', ['custody'])).code).toBe(64);
  expect((await takedown('rivera', ['custody', 'show'])).code).toBe(64);
  const unknownFact = await takedown('rivera', ['custody', 'record', 'shop.example.com', 'confession']);
  expect(unknownFact.code).toBe(64);
  expect(unknownFact.err).toContain('unknown fact "confession"; one of personal-notice, publication, claim, complaint, judicial-notice, judicial-publication, judicial-claim, judicial-answer, extension, hardship-request, hardship-petition, hardship-decision, forfeiture-order, forfeiture-confirmation, release');
  const wrongOption = await takedown('rivera', ['custody', 'record', 'shop.example.com', 'claim', '--docket', 'X']);
  expect(wrongOption).toMatchObject({ code: 64, err: expect.stringContaining('claim takes --claimant, --filed-on; not --docket') });
  expect((await takedown('rivera', ['custody', 'record', 'shop.example.com', 'claim', '--claimant'])).code).toBe(64);
  const help = await takedown('rivera', ['custody', 'help']);
  expect(help.out).toContain('extension --clock personal-notice|complaint --until DATE [--sealed] --order ORDER');

  const never = `${unique('never-seized-')}.com`;
  expect(await takedown('rivera', ['custody', 'show', never])).toMatchObject({ code: 1, err: `takedown: NOT_FOUND: ${never} is not in custody: no seized domain of that name\n` });
  expect((await takedown('rivera', ['custody', 'reverify', '192.0.2.1'])).err).toContain('TARGET_IP_ADDRESS');
});
