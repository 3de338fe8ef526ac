import { casePackage } from '../helpers/case-fixtures';
import { waitFor } from '../helpers/wait';
import { useApiTest } from './api-world';
import { addShop, shopUrl } from './domains';

const t = useApiTest();

const xarfReport = (sources: string[]) => ({
  Version: '4',
  ReporterInfo: { ReporterOrg: 'Vantage Brands', ReporterContactName: 'Referrals desk', ReporterContactEmail: 'referrals@vantage-brands.example' },
  Disclosure: true,
  Report: {
    ReportID: `VB-${Date.now()}`, ReportClass: 'Content', ReportType: 'Counterfeit', Date: '2026-11-30T09:00:00Z', SourceType: 'Uri', Source: sources,
    Description: 'Counterfeit Vantage handbags sold with our trademarks.', Attachment: [{ Description: 'test purchase photo', Url: 'https://files.vantage-brands.example/VB-1.jpg' }],
  },
});

/** How many leads the store holds in all (the coordinator sees every one). */
const leadCount = async () => (await t.api.call('patel', { method: 'GET', url: '/api/leads?limit=1000' })).json().leads.length as number;

test('a partner submits a XARF report with its own token, sees its lead and its state, and nothing else', async () => {
  const submitted = await t.api.call('vantage', { method: 'POST', url: '/api/leads/xarf', payload: xarfReport(['https://cheap-vantage-bags.com/item/7', 'https://instagram.com/vantage_outlet_deals']) });
  expect(submitted.statusCode).toBe(201);
  const lead = submitted.json();
  expect(lead).toMatchObject({ source: 'partner', state: 'NEW', summary: 'Vantage Brands: Content/Counterfeit', domains: ['https://cheap-vantage-bags.com/item/7'], profiles: ['https://instagram.com/vantage_outlet_deals'], attachments: [{ name: 'test purchase photo' }] });
  // A partner sees what it sent and where it stands: not who worked it, nor our findings.
  expect(lead).not.toHaveProperty('history');
  expect(lead).not.toHaveProperty('findings');

  const own = await t.api.call('vantage', { method: 'GET', url: `/api/leads/${lead.leadId}` });
  expect(own.statusCode).toBe(200);
  expect(own.json()).toMatchObject({ leadId: lead.leadId, state: 'NEW' });
  expect((await t.api.call('vantage', { method: 'GET', url: '/api/leads' })).json().leads.map((l: { leadId: string }) => l.leadId)).toEqual([lead.leadId]);

  // Staff triage it; the partner sees the new state (and who did it stays ours).
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).statusCode).toBe(200);
  expect((await t.api.call('vantage', { method: 'GET', url: `/api/leads/${lead.leadId}` })).json()).toMatchObject({ state: 'TRIAGED' });

  // Another partner's lead, and anything else: 403 in the catalogue's shape.
  const theirs = (await t.api.call('paysafe', { method: 'POST', url: '/api/leads', payload: { summary: 'Merchant account selling fakes', paymentAccounts: [{ processor: 'visa', account: 'M-4411' }] } })).json();
  const refused = await t.api.call('vantage', { method: 'GET', url: `/api/leads/${theirs.leadId}` });
  expect(refused.statusCode).toBe(403);
  expect(refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: `Vantage Brands (rights holder) may see only the leads its organisation (vantage-brands) submitted; ${theirs.leadId} is not one of them` } });
  for (const [method, url] of [['GET', '/api/cases'], ['GET', '/api/targets'], ['GET', '/api/custody'], ['GET', '/api/metrics'], ['GET', '/api/tasks'], ['POST', `/api/leads/${lead.leadId}/triage`], ['POST', `/api/leads/${lead.leadId}/state`]] as const) {
    const response = await t.api.call('vantage', { method, url, ...(method === 'POST' ? { payload: {} } : {}) });
    expect([url, response.statusCode]).toEqual([url, 403]);
    expect(response.json().error.code).toBe('ROLE_NOT_ALLOWED');
  }
});

test('bad input is refused naming the field, why and what is accepted, and changes nothing', async () => {
  const before = await leadCount();
  const noName = await t.api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'x', attachments: [{ name: 'photo.jpg' }] } });
  expect(noName.statusCode).toBe(400);
  expect(noName.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { summary: ['say in a few words what the lead is about'], 'attachments.0.url': ['an attachment needs a url or a sha256 to find it by'] } });

  const ip = await t.api.call('vantage', { method: 'POST', url: '/api/leads/xarf', payload: { ...xarfReport([]), Report: { ...xarfReport([]).Report, SourceType: 'IPv4', Source: '192.0.2.7' } } });
  expect(ip.statusCode).toBe(400);
  expect(ip.json().error.fields).toEqual({ 'Report.SourceType': ['accepted source types: Uri, Url, Domain (an IP address or an e-mail address is not a target)'] });

  const csv = await t.api.call('vantage', { method: 'POST', url: '/api/leads/csv', payload: { content: 'summary,domains\nGood lead,good-shop.com\n,\n' } });
  expect(csv.statusCode).toBe(400);
  expect(csv.json().error.fields).toEqual({ 'rows.3.summary': ['say in a few words what the lead is about'], 'rows.3.domains': ['name at least one domain, profile or payment account, or say what you know in text'] });

  const big = await t.api.call('vantage', { method: 'POST', url: '/api/leads', payload: { summary: 'too big', text: 'x'.repeat(70 * 1024) } });
  expect(big.statusCode).toBe(413);
  expect(big.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/^a lead may be at most 64 KiB \(65536 bytes\); this one is \d+ bytes$/) });
  expect(await leadCount()).toBe(before);

  // A good CSV: every row a lead.
  const good = await t.api.call('vantage', { method: 'POST', url: '/api/leads/csv', payload: { content: 'summary,domains,reference\nBags,bag-shop-1.com;bag-shop-2.com,VB-9\n"Shoes, fake",shoe-shop.com,VB-10\n' } });
  expect(good.statusCode).toBe(201);
  expect(good.json().leads.map((l: { line: number; domains: string[] }) => [l.line, l.domains])).toEqual([[2, ['bag-shop-1.com', 'bag-shop-2.com']], [3, ['shoe-shop.com']]]);
  expect(await leadCount()).toBe(before + 2);
});

test('the state machine: refused transitions are named, and a refused change leaves the lead as it was', async () => {
  const lead = (await t.api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Own finding', text: 'a seller on a forum' } })).json();
  expect(lead).toMatchObject({ source: 'agent', team: 'miami-ipr', state: 'NEW', submittedBy: { id: 'rivera' } });
  const early = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/state`, payload: { state: 'DECLINED', reason: 'nothing to act on' } });
  expect(early.statusCode).toBe(409);
  expect(early.json().error).toMatchObject({ code: 'WRONG_STATE', message: `lead ${lead.leadId} cannot go from NEW to DECLINED: from NEW it may go to TRIAGED; triage it first` });
  const notAState = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/state`, payload: { state: 'ACTIONED', reason: 'done' } });
  expect(notAState.statusCode).toBe(400);
  expect(notAState.json().error.fields.state[0]).toContain('one of DECLINED, DUPLICATE');
  expect((await t.api.call('rivera', { method: 'GET', url: `/api/leads/${lead.leadId}` })).json().state).toBe('NEW');

  expect((await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).json()).toMatchObject({ state: 'TRIAGED', findings: [] });
  const declined = (await t.api.call('chen', { method: 'POST', url: `/api/leads/${lead.leadId}/state`, payload: { state: 'DECLINED', reason: 'no domain or profile to act on' } })).json();
  expect(declined).toMatchObject({ state: 'DECLINED', stateChangedBy: { id: 'chen', role: 'supervisor' } });
  expect(declined.history.at(-1)).toMatchObject({ action: 'state', from: 'TRIAGED', to: 'DECLINED', reason: 'no domain or profile to act on', actor: { id: 'chen' } });
  const again = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` });
  expect(again.statusCode).toBe(409);
  expect(again.json().error.message).toBe(`lead ${lead.leadId} cannot go from DECLINED to TRIAGED: DECLINED is final`);
  const noCase = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/case`, payload: { ...casePackage(['unused.com']), targets: undefined } });
  expect(noCase.statusCode).toBe(409);
  expect(noCase.json().error.message).toContain('cannot go from DECLINED to ACTIONED');
});

test('membership: staff see their team\'s and unassigned leads; triage makes a lead the triager\'s team\'s', async () => {
  const newark = (await t.api.call('moreau', { method: 'POST', url: '/api/leads', payload: { summary: 'Newark finding', domains: ['newark-only-shop.com'] } })).json();
  const refused = await t.api.call('rivera', { method: 'GET', url: `/api/leads/${newark.leadId}` });
  expect(refused.statusCode).toBe(403);
  expect(refused.json().error).toEqual({ code: 'NOT_A_MEMBER', message: `Special Agent Dana Rivera may not see lead ${newark.leadId}: it is team newark-ipr's; you are in team miami-ipr` });
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/leads/${newark.leadId}/triage` })).statusCode).toBe(403);
  expect((await t.api.call('patel', { method: 'GET', url: `/api/leads/${newark.leadId}` })).statusCode).toBe(200);
  expect((await t.api.call('rivera', { method: 'GET', url: '/api/leads?limit=1000' })).json().leads.map((l: { leadId: string }) => l.leadId)).not.toContain(newark.leadId);

  const unassigned = (await t.api.call('vantage', { method: 'POST', url: '/api/leads', payload: { summary: 'Referral', domains: ['referred-shop.com'] } })).json();
  expect((await t.api.call('moreau', { method: 'GET', url: `/api/leads/${unassigned.leadId}` })).statusCode).toBe(200);
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/leads/${unassigned.leadId}/triage` })).json()).toMatchObject({ team: 'miami-ipr' });
  expect((await t.api.call('moreau', { method: 'GET', url: `/api/leads/${unassigned.leadId}` })).statusCode).toBe(403);
});

test('triage deconflicts against the engine, a new case takes the new targets in one step, an open case the next lead\'s; targets link back', async () => {
  // A target active in a case already.
  const active = addShop(t.api.world, 'active-shop-');
  const pkg = casePackage([shopUrl(t.api.world, active)]);
  expect((await t.api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the active target at legal review', async () => (await t.api.call('rivera', { method: 'GET', url: `/api/targets/${active}` })).json().stage === 'LEGAL_REVIEW');

  const fresh = addShop(t.api.world, 'fresh-shop-');
  const lead = (await t.api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Two shops of one seller', domains: [`HTTPS://${active.toUpperCase()}/bags`, shopUrl(t.api.world, fresh), '192.0.2.8'] } })).json();
  const triaged = (await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).json();
  expect(triaged.findings.map((f: { key?: string; status: string; caseId?: string; note: string }) => [f.key, f.status, f.caseId])).toEqual([[active, 'active', pkg.caseId], [fresh, 'new', undefined], [undefined, 'refused', undefined]]);
  expect(triaged.findings[0].note).toBe(`active in case ${pkg.caseId} (LEGAL_REVIEW)`);

  // Asking for the active one is refused by name; the default takes the new one only.
  const { targets: _unused, ...newPkg } = casePackage(['x.com'], { evidence: { summary: 'A referral and a test purchase name the same seller.', undercoverPurchases: [], rightsHolderConfirmations: [] } });
  const wrongPick = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/case`, payload: { ...newPkg, targets: [active] } });
  expect(wrongPick.statusCode).toBe(400);
  expect(wrongPick.json().error.fields['targets.0'][0]).toBe(`"${active}" is active in case ${pkg.caseId} (LEGAL_REVIEW); only new targets are added`);
  const opened = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/case`, payload: newPkg });
  expect(opened.statusCode).toBe(201);
  expect(opened.json()).toMatchObject({ caseId: newPkg.caseId, lead: { state: 'ACTIONED', targets: [{ key: fresh, caseId: newPkg.caseId, linkedBy: 'rivera' }] } });
  await waitFor('the new case holds the lead\'s target', async () => (await t.api.call('rivera', { method: 'GET', url: `/api/targets/${fresh}` })).json().caseId === newPkg.caseId);
  expect((await t.api.call('rivera', { method: 'GET', url: `/api/leads?target=${fresh}` })).json().leads.map((l: { leadId: string }) => l.leadId)).toEqual([lead.leadId]);

  // A second lead's new target goes into that open case.
  const third = addShop(t.api.world, 'third-shop-');
  const next = (await t.api.call('vantage', { method: 'POST', url: '/api/leads', payload: { summary: 'Same seller again', domains: [shopUrl(t.api.world, third), fresh] } })).json();
  expect((await t.api.call('rivera', { method: 'POST', url: `/api/leads/${next.leadId}/triage` })).json().findings.map((f: { status: string }) => f.status)).toEqual(['new', 'active']);
  const added = await t.api.call('rivera', { method: 'POST', url: `/api/leads/${next.leadId}/add-to-case`, payload: { caseId: newPkg.caseId } });
  expect(added.statusCode).toBe(200);
  expect(added.json()).toMatchObject({ counts: { started: 1 }, lead: { state: 'ACTIONED', targets: [{ key: third, caseId: newPkg.caseId }] } });
  // The partner sees ACTIONED, not the case.
  expect((await t.api.call('vantage', { method: 'GET', url: `/api/leads/${next.leadId}` })).json()).toEqual(expect.objectContaining({ state: 'ACTIONED' }));
  expect((await t.api.call('vantage', { method: 'GET', url: `/api/leads/${next.leadId}` })).json()).not.toHaveProperty('targets');
}, 120_000);

test('partners are held to their submission rate, with a clear error', async () => {
  const send = () => t.api.call('paysafe', { method: 'POST', url: '/api/leads', payload: { summary: 'rate check', text: 'x' } });
  const answers = [];
  for (let i = 0; i < 31; i++) answers.push(await send());
  const last = answers.at(-1)!;
  expect(answers.filter((a) => a.statusCode === 201).length).toBeLessThanOrEqual(30);
  expect(last.statusCode).toBe(429);
  expect(last.json().error.code).toBe('TOO_MANY_REQUESTS');
  expect(last.json().error.message).toMatch(/^at most 30 lead submissions a minute per sign-in; try again in/);
});

test('a lead that names nothing but whose text does names what its text names, as a tip does; one that names things keeps only those', async () => {
  const fromText = (await t.api.call('vantage', { method: 'POST', url: '/api/leads', payload: { summary: 'Fake sneakers', text: 'Our brand team found counterfeit-sneakers-outlet.com and https://www.instagram.com/sneaker_fakes_deals selling fakes.' } })).json();
  expect(fromText).toMatchObject({ domains: ['counterfeit-sneakers-outlet.com'], profiles: ['https://www.instagram.com/sneaker_fakes_deals'] });
  const named = (await t.api.call('vantage', { method: 'POST', url: '/api/leads', payload: { summary: 'Fake bags', domains: ['fake-bags-outlet.com'], text: 'also seen on other-fakes.com' } })).json();
  expect(named).toMatchObject({ domains: ['fake-bags-outlet.com'], profiles: [] });
});
