import { openDatabase } from '../../lib/store/database';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { classify, classifyPayment, leadSubmissionSchema, namesInText, normalizeNamed, requireTransition } from '../../domain/leads';
import { paymentAccountKey } from '../../domain/payment-accounts';
import { leadFromXarf, leadsFromCsv } from '../../src/api/leads/intake';
import { createLeadStore, mayReadLead } from '../../src/api/leads/store';
import { createTipStore } from '../../src/banner/tips';

const rivera: Actor = { id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent', team: 'miami-ipr' };
const moreau: Actor = { id: 'moreau', name: 'Special Agent Luc Moreau', role: 'agent', team: 'newark-ipr' };
const patel: Actor = { id: 'patel', name: 'Coordinator Asha Patel', role: 'coordinator', team: 'ipr-center' };
const vantage: Actor = { id: 'vantage', name: 'Vantage Brands', role: 'partner', team: 'vantage-brands' };
const paysafe: Actor = { id: 'paysafe', name: 'PaySafe', role: 'partner', team: 'paysafe-trust' };

const refusal = (fn: () => unknown): TakedownError => {
  try { fn(); } catch (error) { if (error instanceof TakedownError) return error; throw error; }
  throw new Error('expected a refusal');
};

test('the state machine: NEW only to TRIAGED, TRIAGED to the four ends, the ends nowhere; each refusal names where the lead may go', () => {
  expect(() => requireTransition('LEAD-1', 'NEW', 'TRIAGED')).not.toThrow();
  for (const end of ['ACTIONED', 'DISSEMINATED', 'DECLINED', 'DUPLICATE'] as const) expect(() => requireTransition('LEAD-1', 'TRIAGED', end)).not.toThrow();
  const early = refusal(() => requireTransition('LEAD-1', 'NEW', 'ACTIONED'));
  expect(early.code).toBe('WRONG_STATE');
  expect(early.message).toBe('lead LEAD-1 cannot go from NEW to ACTIONED: from NEW it may go to TRIAGED; triage it first');
  const late = refusal(() => requireTransition('LEAD-1', 'DECLINED', 'TRIAGED'));
  expect(late.message).toBe('lead LEAD-1 cannot go from DECLINED to TRIAGED: DECLINED is final');
  expect(late.fields).toEqual({ state: ['DECLINED → TRIAGED is not allowed; DECLINED is final'] });
});

test('free text: the domains and profile links it names, normalised once each; what is not a target stays only in the text', () => {
  const text = 'They moved from Fake-Bags.COM to https://www.fake-bags.com/shop and https://instagram.com/fakebags_outlet. Also 10.0.0.1, e.g. and a mail to x@y.';
  expect(namesInText(text)).toEqual({ domains: ['Fake-Bags.COM'], profiles: ['https://instagram.com/fakebags_outlet'] });
  expect(namesInText('no names here at all')).toEqual({ domains: [], profiles: [] });
});

test('deconfliction says what holds each target: seized, active, past, new; refused and payment items are not targets', () => {
  const item = normalizeNamed('domain', 'https://Shop-A.com/x');
  expect(item).toMatchObject({ key: 'shop-a.com', workflowId: 'domain:shop-a.com', targetKind: 'domain' });
  expect(classify(item, { running: false, caseId: 'HSI-1', stage: 'SEIZED' })).toMatchObject({ status: 'seized', caseId: 'HSI-1', note: 'already seized in case HSI-1 (SEIZED)' });
  expect(classify(item, { running: true, caseId: 'HSI-2', stage: 'LEGAL_REVIEW' })).toMatchObject({ status: 'active', note: 'active in case HSI-2 (LEGAL_REVIEW)' });
  expect(classify(item, { running: false, caseId: 'HSI-3', stage: 'WITHDRAWN' })).toMatchObject({ status: 'past', note: 'a past target of case HSI-3 (ended WITHDRAWN)' });
  expect(classify(item, { running: false, inCustody: { caseId: 'HSI-4', stage: 'FORFEITED' } })).toMatchObject({ status: 'seized', caseId: 'HSI-4' });
  expect(classify(item, { running: false })).toMatchObject({ status: 'new' });
  expect(classify(normalizeNamed('domain', '192.0.2.1'), undefined)).toMatchObject({ status: 'refused' });
  expect(classify(normalizeNamed('payment', 'visa: M-1'), undefined)).toMatchObject({ status: 'not-a-target' });
});

test('a submission must name something or say something; attachments are by reference', () => {
  const empty = leadSubmissionSchema.safeParse({ summary: 'nothing' });
  expect(empty.success).toBe(false);
  expect(empty.error!.issues[0]).toMatchObject({ path: ['domains'], message: 'name at least one domain, profile or payment account, or say what you know in text' });
  const inline = leadSubmissionSchema.safeParse({ summary: 'a lead', text: 'x', attachments: [{ name: 'photo.jpg' }] });
  expect(inline.error!.issues[0]).toMatchObject({ path: ['attachments', 0, 'url'] });
});

test('the store: visibility by role and team, triage assigns the team, state changes carry the verified actor, refusals change nothing', () => {
  const leads = createLeadStore(openDatabase(':memory:'));
  const at = '2026-12-01T10:00:00.000Z';
  const own = leads.add({ source: 'partner', partner: 'vantage-brands', submittedBy: vantage, receivedAt: at, submission: leadSubmissionSchema.parse({ summary: 'Counterfeit bags', domains: ['bags.com'] }) });
  const other = leads.add({ source: 'partner', partner: 'paysafe-trust', submittedBy: paysafe, receivedAt: at, submission: leadSubmissionSchema.parse({ summary: 'Merchant', text: 'merchant sells fakes' }) });
  const newark = leads.add({ source: 'agent', team: 'newark-ipr', submittedBy: moreau, receivedAt: at, submission: leadSubmissionSchema.parse({ summary: 'Own finding', domains: ['n.com'] }) });
  const ids = (actor: Actor) => leads.list({ readableBy: actor, limit: 10 }).map((l) => l.leadId).sort();
  expect(ids(vantage)).toEqual([own.leadId]);
  expect(ids(paysafe)).toEqual([other.leadId]);
  expect(ids(rivera)).toEqual([own.leadId, other.leadId].sort());
  expect(ids(moreau)).toEqual([own.leadId, other.leadId, newark.leadId].sort());
  expect(ids(patel)).toHaveLength(3);
  expect(mayReadLead(vantage, other)).toBe(false);

  const triaged = leads.triage(own.leadId, rivera, [{ kind: 'domain', input: 'bags.com', key: 'bags.com', workflowId: 'domain:bags.com', status: 'new', note: 'new' }], '2026-12-01T11:00:00.000Z');
  expect(triaged).toMatchObject({ state: 'TRIAGED', team: 'miami-ipr', stateChangedBy: { id: 'rivera', role: 'agent' }, stateChangedAt: '2026-12-01T11:00:00.000Z' });
  expect(ids(moreau)).not.toContain(own.leadId);

  const wrong = refusal(() => leads.setState(newark.leadId, moreau, 'DECLINED', 'not ours', at));
  expect(wrong.message).toContain('cannot go from NEW to DECLINED');
  expect(leads.get(newark.leadId).state).toBe('NEW');
  const actioned = leads.actioned(own.leadId, rivera, 'HSI-9', [{ workflowId: 'domain:bags.com', key: 'bags.com' }], at);
  expect(actioned.state).toBe('ACTIONED');
  expect(leads.forTarget('domain:bags.com').map((l) => l.leadId)).toEqual([own.leadId]);
  expect(actioned.history.map((h) => `${h.action}:${h.to}:${h.actor.id}`)).toEqual(['submitted:NEW:vantage', 'triaged:TRIAGED:rivera', 'targets:ACTIONED:rivera']);
  expect(refusal(() => leads.get('LEAD-999')).code).toBe('NOT_FOUND');
});

test('banner tips become leads once each, parsed or not; retention deletes old leads and tips but keeps a lead that became a target', () => {
  const db = openDatabase(':memory:');
  const tips = createTipStore(db);
  const leads = createLeadStore(db);
  const old = '2020-01-01T00:00:00.000Z';
  tips.add({ domain: 'seized.com', caseRef: 'SZ-1', receivedAt: old, message: 'Same seller at seized.com and new-shop.com', clientHash: 'h' });
  tips.add({ domain: 'seized.com', caseRef: 'SZ-1', receivedAt: old, message: 'They are still selling, I do not know where', name: 'A. Shopper', clientHash: 'h' });
  tips.add({ domain: 'seized.com', caseRef: 'SZ-1', receivedAt: new Date().toISOString(), message: 'recent', clientHash: 'h' });
  expect(leads.syncTips()).toBe(3);
  expect(leads.syncTips()).toBe(0);
  const [recent, vague, named] = leads.list({ readableBy: patel, limit: 10 });
  expect(named).toMatchObject({ source: 'banner', domains: ['seized.com', 'new-shop.com'], state: 'NEW', reference: 'TIP-1', tip: { domain: 'seized.com', caseRef: 'SZ-1' } });
  expect(vague).toMatchObject({ domains: [], text: 'They are still selling, I do not know where', tip: { name: 'A. Shopper' } });
  leads.triage(named!.leadId, rivera, [], old);
  leads.actioned(named!.leadId, rivera, 'HSI-1', [{ workflowId: 'domain:new-shop.com', key: 'new-shop.com' }], old);
  expect(leads.applyRetention(new Date(), 30 * 86_400_000)).toEqual({ leadsDeleted: 1, tipsDeleted: 2 });
  expect(leads.syncTips()).toBe(0);
  expect(leads.list({ readableBy: patel, limit: 10 }).map((l) => l.leadId)).toEqual([recent!.leadId, named!.leadId]);
});

test('XARF v4: a report becomes a lead; a bad one is refused naming the field and what is accepted', () => {
  const report = {
    Version: '4', ReporterInfo: { ReporterOrg: 'Vantage Brands', ReporterContactEmail: 'referrals@vantage-brands.example' },
    Report: { ReportID: 'VB-2026-77', ReportClass: 'Content', ReportType: 'Counterfeit', SourceType: 'Uri', Source: ['https://cheap-bags.com/item/1', 'https://x.com/cheapbags'], Description: 'Counterfeit handbags', Attachment: [{ Description: 'test purchase', Url: 'https://files.vantage.example/p.jpg' }] },
  };
  expect(leadFromXarf(report)).toMatchObject({ summary: 'Vantage Brands: Content/Counterfeit', reference: 'VB-2026-77', domains: ['https://cheap-bags.com/item/1'], profiles: ['https://x.com/cheapbags'], attachments: [{ name: 'test purchase', url: 'https://files.vantage.example/p.jpg' }] });
  const ip = refusal(() => leadFromXarf({ ...report, Report: { ...report.Report, SourceType: 'IPv4', Source: '192.0.2.1' } }));
  expect(ip.code).toBe('VALIDATION_FAILED');
  expect(ip.fields).toEqual({ 'Report.SourceType': ['accepted source types: Uri, Url, Domain (an IP address or an e-mail address is not a target)'] });
  expect(refusal(() => leadFromXarf({ Version: '4', Report: report.Report })).fields).toHaveProperty(['ReporterInfo']);
  expect(leadFromXarf({ xarf_version: '4.0.0', report_id: 'r1', reporter: { org: 'Platform T&S' }, category: 'content', type: 'brand_infringement', url: 'https://shop.example.com/x' })).toMatchObject({ domains: ['https://shop.example.com/x'], reference: 'r1' });
});

test('CSV: one lead per row; one bad row refuses the whole upload, naming its line and column', () => {
  const good = 'summary,domains,profiles,payment_processor,payment_account\nBags,a.com;b.com,,visa,M-77\n"Shoes, fake",,https://instagram.com/fakeshoes,,\n';
  expect(leadsFromCsv(good)).toMatchObject([{ line: 2, submission: { domains: ['a.com', 'b.com'], paymentAccounts: [{ processor: 'visa', account: 'M-77' }] } }, { line: 3, submission: { summary: 'Shoes, fake' } }]);
  const bad = refusal(() => leadsFromCsv('summary,domains,payment_processor\nBags,a.com,\nx,,visa\n'));
  expect(bad.fields).toEqual({ 'rows.3.summary': ['say in a few words what the lead is about'], 'rows.3.payment_account': ['payment_processor and payment_account go together'], 'rows.3.domains': ['name at least one domain, profile or payment account, or say what you know in text'] });
  expect(refusal(() => leadsFromCsv('summary,shop\nx,y\n')).fields).toEqual({ 'content.header': ['unknown column "shop"; accepted: summary, domains, profiles, payment_processor, payment_account, text, reference, attachment_url'] });
  expect(refusal(() => leadsFromCsv(`summary,text\n${'Lead,t\n'.repeat(501)}`)).message).toContain('at most 500 rows per upload (this file has 501)');
});

test('payment accounts: compared however spelled; named elsewhere says where, named nowhere says so; the store finds the other leads', () => {
  expect(paymentAccountKey({ processor: ' Visa ', account: 'm-44 11' })).toBe(paymentAccountKey({ processor: 'visa', account: 'M-4411' }));
  expect(paymentAccountKey({ processor: 'visa', account: 'M-4411' })).not.toBe(paymentAccountKey({ processor: 'mastercard', account: 'M-4411' }));
  const item = normalizeNamed('payment', 'visa: M-4411');
  expect(classifyPayment(item, { leads: [], cases: [] })).toMatchObject({ status: 'not-a-target', note: 'a payment account named nowhere else: disseminate it to its processor' });
  expect(classifyPayment(item, { leads: ['LEAD-3'], cases: [{ caseId: 'HSI-1', target: 'shop.com' }] })).toMatchObject({ status: 'named-elsewhere', note: 'a payment account also named by lead LEAD-3, case HSI-1 (a purchase from shop.com)' });
  // Cases that did not answer were not searched: the note says how many, never "nowhere else" alone.
  expect(classifyPayment(item, { leads: [], cases: [] }, 2)).toMatchObject({ status: 'not-a-target', note: 'a payment account named nowhere else; 2 cases did not answer in time and could not be searched: triage again before disseminating it' });
  expect(classifyPayment(item, { leads: ['LEAD-3'], cases: [] }, 1).note).toBe('a payment account also named by lead LEAD-3; 1 case did not answer in time and could not be searched: triage again');

  const leads = createLeadStore(openDatabase(':memory:'));
  const at = '2026-12-01T10:00:00.000Z';
  const add = (processor: string, account: string) => leads.add({ source: 'partner', partner: 'paysafe-trust', submittedBy: paysafe, receivedAt: at, submission: leadSubmissionSchema.parse({ summary: 'Merchant', paymentAccounts: [{ processor, account }] }) }).leadId;
  const [a, b] = [add('VISA', 'm-4411'), add('visa', 'M 4411')];
  add('mastercard', 'M-4411');
  const c = add('visa', 'M-4411');
  expect(leads.leadsNamingAccount(paymentAccountKey({ processor: 'visa', account: 'M-4411' }), c)).toEqual([a]);
  expect(leads.leadsNamingAccount(paymentAccountKey({ processor: 'visa', account: 'M4411' }), c)).toEqual([b]);
});
