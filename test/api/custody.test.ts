import type { CustodyStatus, ForfeitureView } from '../../domain/custody';
import { bannerRequest } from '../banner/http';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { useApiTest, type Username } from './api-world';
import { domainInCustody, seizeThroughCase, today } from './custody-fixtures';

const t = useApiTest();

const show = async (domain: string): Promise<CustodyStatus> => (await t.api.call('patel', { method: 'GET', url: `/api/custody/${encodeURIComponent(domain)}` })).json();
const record = (user: Username, domain: string, path: string, payload: unknown = {}) => t.api.call(user, { method: 'POST', url: `/api/custody/${encodeURIComponent(domain)}/${path}`, payload });
const listed = async (query: string) => (await t.api.call('patel', { method: 'GET', url: `/api/custody?${query}` })).json().domains as { domain: string; stage?: string; running: boolean; deadlineState?: string; caseId?: string }[];
const days = (from: string, to: string | undefined) => (Date.parse(to!) - Date.parse(from)) / 86_400_000;

test('a domain seized through its case comes into custody: listed by its case, shown with the warrant', async () => {
  const { domain, pkg } = await seizeThroughCase(t.api);
  const rows = await waitFor('the seized domain listed in custody', async () => { const r = await listed(`case=${pkg.caseId}`); return r.length === 1 && r; }, 60_000);
  expect(rows[0]).toMatchObject({ domain, caseId: pkg.caseId, stage: 'SEIZED', running: true });
  expect(await show(domain)).toMatchObject({ domain, caseId: pkg.caseId, caseTitle: pkg.title, state: 'IN_CUSTODY', warrant: { docket: '26-MJ-04417', sealed: false } });
  // The exported report shows what became of the target after SEIZED.
  const report = (await t.api.call('patel', { method: 'GET', url: `/api/report?format=json&case=${pkg.caseId}` })).json().targets;
  expect(report).toEqual([expect.objectContaining({ key: domain, stage: 'SEIZED', custodyStage: 'SEIZED', custodyDeadlineState: 'OK' })]);
}, 90_000);

test('a seized domain in custody: listed, shown, the agent records notice and publication, may not record a court order, has it re-verified', async () => {
  const { domain, caseId } = await domainInCustody(t.api);

  const rows = await waitFor('the domain listed in custody', async () => { const r = await listed(`case=${caseId}&stage=SEIZED`); return r.length === 1 && r; });
  expect(rows[0]).toMatchObject({ domain, caseId, stage: 'SEIZED', deadlineState: 'OK', running: true, workflowId: `custody:${domain}` });
  expect(await listed(`case=${caseId}&stage=FORFEITED,RELEASED`)).toEqual([]);
  expect(await listed(`case=${caseId}&deadline=BREACHED`)).toEqual([]);

  // The domain as people type it: upper case, or a link to the shop.
  const status = await show(`https://${domain.toUpperCase()}/shop`);
  expect(status).toMatchObject({ domain, caseId, state: 'IN_CUSTODY', bannerMode: 'seizure', forfeiture: { claims: [], extensions: [] } });
  expect(days(status.seizedAt, status.clocks.personalNoticeDue)).toBe(60);

  // The actor is the token's, never the body's.
  const notice = await record('rivera', domain, 'personal-notice', { sentOn: today(), to: ['registrant (by mail)', 'registrar'], actor: { id: 'okafor', name: 'X', role: 'counsel' } });
  expect(notice.statusCode).toBe(200);
  expect((notice.json() as ForfeitureView).forfeiture.personalNotice).toMatchObject({ sentOn: today(), to: ['registrant (by mail)', 'registrar'], actor: { id: 'rivera', role: 'agent' } });
  const published = (await record('rivera', domain, 'publication', { firstDay: today() })).json() as ForfeitureView;
  expect(published.forfeiture.publication).toMatchObject({ firstDay: today(), site: 'www.forfeiture.gov' });
  expect(days(today(), published.clocks.publicationEnds)).toBe(30);
  expect(days(today(), published.clocks.claimDeadline)).toBe(60);

  // A malformed date is refused by the API, naming the field; nothing reaches the workflow.
  const malformed = await record('rivera', domain, 'claims', { claimant: 'Registrant', filedOn: 'next tuesday' });
  expect(malformed.statusCode).toBe(400);
  expect(malformed.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { filedOn: [expect.stringContaining('a date (YYYY-MM-DD)')] } });

  // A court's order is counsel's: the agent is refused before the workflow, and nothing changes.
  const order = await record('rivera', domain, 'forfeiture-order', { orderedOn: today(), docket: '26-CV-0001' });
  expect(order.statusCode).toBe(403);
  expect(order.json().error).toMatchObject({ code: 'ROLE_NOT_ALLOWED', message: expect.stringContaining('only counsel or supervisor') });
  const after = await show(domain);
  expect(after.state).toBe('IN_CUSTODY');
  expect(after.forfeiture.order).toBeUndefined();
  expect(after.forfeiture.claims).toEqual([]);

  // Re-verification on demand: registry, zone and banner, each check recorded.
  expect((await record('patel', domain, 'reverify')).statusCode).toBe(202);
  const checked = await waitFor('the re-verification', async () => (await show(domain)).lastCheck);
  expect(checked).toMatchObject({ verified: true, state: 'verified' });
  expect(checked.checks.map((c) => c.name).sort()).toEqual(['dns', 'http', 'registry']);
});

test('counsel records a claim, an extension and the complaint; the workflow refusals keep their codes; a release ends custody and the banner', async () => {
  const { domain, caseId } = await domainInCustody(t.api);
  const banner = () => bannerRequest(t.api.world.banner.url, { host: domain });
  expect((await banner()).status).toBe(200);

  const claimed = (await record('okafor', domain, 'claims', { claimant: 'Registrant LLC', filedOn: today() })).json() as ForfeitureView;
  expect(claimed.forfeiture.claims).toEqual([expect.objectContaining({ claimant: 'Registrant LLC', timely: true, actor: expect.objectContaining({ id: 'okafor' }) })]);
  expect(days(today(), claimed.clocks.complaintDue)).toBe(90);

  // Refused by the workflow's own validator (the API cannot know the deadline): its code, status and field.
  const early = await record('okafor', domain, 'extensions', { clock: 'complaint', until: today(), sealed: true, order: '26-MJ-04417 (sealed)' });
  expect(early.statusCode).toBe(400);
  expect(early.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('must end after the current deadline'), fields: { until: [expect.stringContaining('must be after')] } });
  const until = new Date(Date.parse(claimed.clocks.complaintDue!) + 30 * 86_400_000).toISOString();
  const extended = (await record('lindqvist', domain, 'extensions', { clock: 'complaint', until, sealed: true, order: '26-MJ-04417 (sealed)' })).json() as ForfeitureView;
  expect(extended.clocks.complaintDue).toBe(until);
  expect(extended.forfeiture.extensions[0]).toMatchObject({ clock: 'complaint', sealed: true, actor: { id: 'lindqvist' } });

  expect((await record('okafor', domain, 'complaint', { filedOn: today(), docket: '1:26-cv-01234' })).json().forfeiture.complaint).toMatchObject({ docket: '1:26-cv-01234' });
  const twice = await record('okafor', domain, 'complaint', { filedOn: today(), docket: '1:26-cv-01234' });
  expect(twice.statusCode).toBe(409);
  expect(twice.json().error).toMatchObject({ code: 'WRONG_STATE', message: 'the complaint is recorded already' });

  // The release: custody ends RELEASED (through RELEASING when the registry must restore the domain), the banner stops answering.
  const released = await record('okafor', domain, 'release', { reason: 'the claim was upheld' });
  expect(released.statusCode).toBe(200);
  expect(released.json().forfeiture.release).toMatchObject({ reason: 'the claim was upheld', actor: { id: 'okafor' } });
  const ended = await waitFor('custody RELEASED', async () => { const s = await show(domain); return s.state === 'RELEASED' && s; });
  expect(ended.bannerMode).toBe('removed');
  expect((await banner()).status).toBe(404);
  await waitFor('listed as RELEASED', async () => (await listed(`case=${caseId}`))[0]?.stage === 'RELEASED');
  expect((await listed(`case=${caseId}`))[0]).toMatchObject({ domain, running: false });

  // An ended custody takes no more facts.
  const late = await record('okafor', domain, 'claims', { claimant: 'Someone else', filedOn: today() });
  expect(late.statusCode).toBe(409);
  expect(late.json().error).toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining(`custody of ${domain} has ended (RELEASED)`) });
});

test('hardship (§983(f)): the agent records the request and the petition, counsel the ruling; a grant releases the domain', async () => {
  const { domain } = await domainInCustody(t.api);
  const requested = await record('rivera', domain, 'hardship/request', { claimant: 'Lux Outlet LLC', filedOn: today(), basis: 'the domain carries the e-mail of a lawful repair business' });
  expect(requested.statusCode).toBe(200);
  expect(days(today(), (requested.json() as ForfeitureView).clocks.hardshipResponseDue)).toBe(15);
  const vague = await record('rivera', domain, 'hardship/request', { claimant: 'Someone', filedOn: today(), basis: 'hardship' });
  expect(vague.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { basis: [expect.stringContaining('§983(f)(1)')] } });

  const byAgent = await record('rivera', domain, 'hardship/decision', { by: 'agency', outcome: 'granted', decidedOn: today(), reason: 'agents do not decide' });
  expect(byAgent.statusCode).toBe(403);
  const denied = (await record('okafor', domain, 'hardship/decision', { by: 'agency', outcome: 'denied', decidedOn: today(), reason: 'the domain was used to sell counterfeits (§983(f)(8)(D))' })).json() as ForfeitureView;
  expect(denied.forfeiture.hardship?.response).toMatchObject({ outcome: 'denied', actor: { id: 'okafor' } });
  expect(denied.clocks.hardshipResponseDue).toBeUndefined();
  const petitioned = (await record('rivera', domain, 'hardship/petition', { filedOn: today(), docket: '1:26-cv-09911' })).json() as ForfeitureView;
  expect(days(today(), petitioned.clocks.hardshipRulingDue)).toBe(30);

  const granted = await record('lindqvist', domain, 'hardship/decision', { by: 'court', outcome: 'granted', decidedOn: today(), reason: 'the business cannot operate without it' });
  expect(granted.json().forfeiture.release).toMatchObject({ reason: 'hardship release granted by the court (1:26-cv-09911) under 18 U.S.C. §983(f): the business cannot operate without it', actor: { id: 'lindqvist' } });
  const ended = await waitFor('custody RELEASED', async () => { const s = await show(domain); return s.state === 'RELEASED' && s; });
  expect(ended.forfeiture.hardship?.courtPetition?.ruling).toMatchObject({ outcome: 'granted' });
});

test('a domain never in custody is not found; what is not a domain is refused with its normalisation code', async () => {
  const never = `${unique('never-seized-')}.com`;
  for (const response of [await t.api.call('patel', { method: 'GET', url: `/api/custody/${never}` }), await record('okafor', never, 'release', { reason: 'not ours' }), await record('patel', never, 'reverify')]) {
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({ code: 'NOT_FOUND', message: `${never} is not in custody: no seized domain of that name` });
  }
  const ip = await t.api.call('patel', { method: 'GET', url: '/api/custody/192.0.2.1' });
  expect(ip.statusCode).toBe(422);
  expect(ip.json().error.code).toBe('TARGET_IP_ADDRESS');
  const profile = await t.api.call('patel', { method: 'GET', url: `/api/custody/${encodeURIComponent('https://x.com/some_seller')}` });
  expect(profile.statusCode).toBe(404);
  expect(profile.json().error.message).toContain('only a seized domain is held in custody');
  const anonymous = await t.api.call(null, { method: 'GET', url: '/api/custody' });
  expect(anonymous.statusCode).toBe(401);
});

test('the OpenAPI document describes the custody routes with the domain schemas', async () => {
  const doc = (await t.api.call(null, { method: 'GET', url: '/docs/json' })).json();
  expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/custody')).sort()).toEqual([
    '/api/custody', '/api/custody/{domain}', '/api/custody/{domain}/claims', '/api/custody/{domain}/complaint', '/api/custody/{domain}/extensions',
    '/api/custody/{domain}/forfeiture-order', '/api/custody/{domain}/forfeiture/confirm', '/api/custody/{domain}/hardship/decision', '/api/custody/{domain}/hardship/petition', '/api/custody/{domain}/hardship/request', '/api/custody/{domain}/judicial/answers', '/api/custody/{domain}/judicial/claims', '/api/custody/{domain}/judicial/notice', '/api/custody/{domain}/judicial/publication', '/api/custody/{domain}/personal-notice', '/api/custody/{domain}/publication', '/api/custody/{domain}/release', '/api/custody/{domain}/reverify',
  ]);
  const extension = doc.paths['/api/custody/{domain}/extensions'].post.requestBody.content['application/json'].schema;
  expect(extension.required).toEqual(expect.arrayContaining(['clock', 'until', 'sealed', 'order']));
  expect(extension.properties.clock.enum).toEqual(['personal-notice', 'complaint']);
});
