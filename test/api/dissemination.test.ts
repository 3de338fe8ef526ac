import { casePackage } from '../helpers/case-fixtures';
import { disseminationStatusQuery, type DisseminationStatus } from '../../domain/dissemination';
import { recordHistory } from '../helpers/record-history';
import { unique } from '../helpers/temporal';
import { waitFor } from '../helpers/wait';
import { ackPathIn, formBody, formState } from './ack-form';
import { useApiTest, type ApiWorld } from './api-world';
import { addShop, shopUrl } from './domains';

// The follow-up is seconds here (TAKEDOWN_DISSEMINATION_FOLLOW_UP is 30d in production): long enough to record an outcome first.
const t = useApiTest({ disseminationFollowUp: '4s' });

const recipient = (email: string) => ({ kind: 'field-office', organisation: 'HSI Newark field office', name: 'Duty agent', email });
const mailsTo = (api: ApiWorld, email: string) => api.world.sink.messages.filter((m) => m.envelope.to.includes(email));

/** A triaged lead of the agent's naming one new domain. */
async function triagedLead(api: ApiWorld) {
  const domain = `${unique('dissem-shop-')}.com`;
  const lead = (await api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Counterfeit handbags shipped from New Jersey', domains: [domain], text: 'The seller ships from Newark.' } })).json();
  expect((await api.call('rivera', { method: 'POST', url: `/api/leads/${lead.leadId}/triage` })).statusCode).toBe(200);
  return { leadId: lead.leadId as string, domain };
}

/** The recipient's browser: opens the link, then posts the outcome form with the page's cookie and CSRF field. */
async function recordOutcome(api: ApiWorld, link: string, outcome: string, name = 'SA Jordan Blake', form?: { cookie: string; csrf: string }) {
  const page = await api.call(null, { method: 'GET', url: link });
  expect(page.statusCode).toBe(200);
  const { cookie, csrf } = form ?? formState(page);
  return api.call(null, { method: 'POST', url: link, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, kind: 'outcome', outcome, name, email: 'jblake@newark.example', reference: 'NWK-2026-77' }) });
}

const statusOf = (api: ApiWorld, dissemination: { workflowId: string }) => api.env.client.workflow.getHandle(dissemination.workflowId).query(disseminationStatusQuery) as Promise<DisseminationStatus>;

test('a lead disseminated: its notice lands once, its link records "opened an investigation" with who and when, and no reminder follows', async () => {
  const { api } = t;
  const email = `${unique('duty-')}@newark.example`;
  const { leadId, domain } = await triagedLead(api);

  const sent = await api.call('rivera', { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: recipient(email), note: 'The seller ships from your district.' } });
  expect(sent.statusCode).toBe(201);
  const { dissemination, lead } = sent.json();
  // Its own workflow, whose ID no other engine user's DIS-<n> can take (test worlds share one engine).
  expect(dissemination.workflowId).toMatch(new RegExp(`^dissemination:${dissemination.disseminationId}:[0-9a-f]{8}$`));
  // The lead moves with the verified actor, and says to whom.
  expect(lead).toMatchObject({ state: 'DISSEMINATED', stateChangedBy: { id: 'rivera', role: 'agent' } });
  expect(lead.history.at(-1).reason).toContain(`${dissemination.disseminationId} to HSI Newark field office`);

  const mail = await waitFor('the dissemination notice', () => mailsTo(api, email)[0]);
  expect(mail.parsed.subject).toBe(`Lead ${leadId} passed to HSI Newark field office: Counterfeit handbags shipped from New Jersey`);
  expect(mail.parsed.text).toContain(domain);
  expect(mail.parsed.text).toContain('The seller ships from your district.');
  const link = ackPathIn(mail.parsed.text!);

  // The page offers the four outcomes; recording one thanks the recipient.
  const page = await api.call(null, { method: 'GET', url: link });
  for (const label of ['Opened an investigation', 'Took enforcement action', 'Filed litigation', 'No action']) expect(page.body).toContain(label);
  const before = Date.now();
  const form = formState(page);
  const recorded = await recordOutcome(api, link, 'investigation-opened', 'SA Jordan Blake', form);
  expect(recorded.statusCode).toBe(200);
  expect(recorded.body).toContain('We have recorded "Opened an investigation"');

  // Recorded once: the page now says what was recorded, and the form posted again is refused.
  expect((await api.call(null, { method: 'GET', url: link })).body).toContain('Recorded already: Opened an investigation, by SA Jordan Blake');
  const again = await recordOutcome(api, link, 'no-action', 'Someone else', form);
  expect(again.statusCode).toBe(409);
  expect(again.body).toContain(`an outcome was recorded already for ${dissemination.disseminationId}`);

  const listed = (await api.call('rivera', { method: 'GET', url: `/api/leads/${leadId}/disseminations` })).json().disseminations;
  expect(listed).toHaveLength(1);
  expect(listed[0]).toMatchObject({ disseminationId: dissemination.disseminationId, sentBy: { id: 'rivera' }, recipient: { email }, outcome: { outcome: 'investigation-opened', by: { name: 'SA Jordan Blake', email: 'jblake@newark.example' }, reference: 'NWK-2026-77' } });
  expect(Date.parse(listed[0].outcome.at)).toBeGreaterThanOrEqual(before - 1000);

  // The workflow took the outcome and ended; past the follow-up period no reminder went: the notice reached the recipient once.
  await waitFor('the dissemination ended', async () => (await statusOf(api, dissemination)).ended === 'outcome');
  const status = await statusOf(api, dissemination);
  expect(status.outcome).toMatchObject({ outcome: 'investigation-opened', by: { name: 'SA Jordan Blake' } });
  await new Promise((resolve) => setTimeout(resolve, 5000));
  expect(mailsTo(api, email)).toHaveLength(1);
  await recordHistory('dissemination', api.env.client.workflow.getHandle(dissemination.workflowId));
}, 60_000);

test('a link used the moment its mail lands, before the workflow has recorded the notice, is honoured once the record comes', async () => {
  const { api } = t;
  const email = `${unique('quick-')}@newark.example`;
  const { leadId } = await triagedLead(api);
  // The receiving server keeps the mail but holds its answer: the send has not reported back, so nothing is recorded.
  let release = () => {};
  const answered = new Promise<void>((resolve) => (release = resolve));
  api.world.sink.holdAnswer = (message) => (message.envelope.to.includes(email) ? answered : Promise.resolve());
  try {
    const { dissemination } = (await api.call('rivera', { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: recipient(email), note: 'Quick.' } })).json();
    const mail = await waitFor('the dissemination notice', () => mailsTo(api, email)[0]);
    expect((await statusOf(api, dissemination)).notices).toEqual([]);

    let settled = false;
    const page = api.call(null, { method: 'GET', url: ackPathIn(mail.parsed.text!) }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(settled).toBe(false);
    release();
    // The page waits for the record rather than answering "the case holds no notice".
    const opened = await page;
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Opened an investigation');
  } finally {
    release();
    delete api.world.sink.holdAnswer;
  }
});

test('nothing recorded within the follow-up period: one reminder, marked as such, whose own link still records the outcome', async () => {
  const { api } = t;
  const email = `${unique('quiet-')}@agency.example`;
  const { leadId } = await triagedLead(api);
  const { dissemination } = (await api.call('patel', { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: { ...recipient(email), kind: 'agency', organisation: 'CBP Office of Trade' }, note: 'Shipments of these goods may pass your ports.' } })).json();

  const reminder = await waitFor('the reminder', () => mailsTo(api, email)[1], 30_000);
  expect(mailsTo(api, email)).toHaveLength(2);
  expect(reminder.parsed.subject).toMatch(/^Reminder: Lead /);
  expect(reminder.parsed.text).toContain(`REMINDER 1: we sent this notice on`);
  const first = ackPathIn(mailsTo(api, email)[0]!.parsed.text!);
  const second = ackPathIn(reminder.parsed.text!);
  expect(second).not.toBe(first);
  expect((await recordOutcome(api, second, 'no-action', 'Trade desk')).statusCode).toBe(200);
  await waitFor('the dissemination ended with its outcome', async () => (await statusOf(api, dissemination)).ended === 'outcome');
  expect((await statusOf(api, dissemination)).outcome).toMatchObject({ outcome: 'no-action', noticeId: `${dissemination.disseminationId}/renotice-1` });
  await recordHistory('dissemination.reminder', api.env.client.workflow.getHandle(dissemination.workflowId));
}, 60_000);

test('bad requests are refused naming the field and change nothing; partners and counsel may not disseminate', async () => {
  const { api } = t;
  const fresh = (await api.call('rivera', { method: 'POST', url: '/api/leads', payload: { summary: 'Not triaged yet', text: 'a forum seller' } })).json();
  const untriaged = await api.call('rivera', { method: 'POST', url: `/api/leads/${fresh.leadId}/disseminate`, payload: { recipient: recipient('x@y.example'), note: 'pass it on' } });
  expect(untriaged.statusCode).toBe(409);
  expect(untriaged.json().error).toMatchObject({ code: 'WRONG_STATE', message: `lead ${fresh.leadId} cannot go from NEW to DISSEMINATED: from NEW it may go to TRIAGED; triage it first` });

  const { leadId } = await triagedLead(api);
  const bad = await api.call('rivera', { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: { kind: 'embassy', organisation: 'X', name: '', email: 'not-an-address' }, note: '' } });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'recipient.kind': ['one of field-office, agency, partner'], 'recipient.name': ['name the person or desk it goes to'], 'recipient.email': ['one e-mail address the notice goes to'], note: ['say in a few words why it is passed on and what you ask of them'] } });
  // Closing a lead as DISSEMINATED by hand is no longer offered: it comes with its notice.
  const byHand = await api.call('rivera', { method: 'POST', url: `/api/leads/${leadId}/state`, payload: { state: 'DISSEMINATED', reason: 'told them by phone' } });
  expect(byHand.statusCode).toBe(400);
  expect(byHand.json().error.fields.state[0]).toContain('DISSEMINATED with its notice: POST /api/leads/{leadId}/disseminate');
  for (const user of ['vantage', 'okafor'] as const) {
    const refused = await api.call(user, { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: recipient('x@y.example'), note: 'pass it on' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ROLE_NOT_ALLOWED');
  }
  // Another team's agent may not disseminate a lead it may not read.
  const theirs = await api.call('moreau', { method: 'POST', url: `/api/leads/${leadId}/disseminate`, payload: { recipient: recipient('x@y.example'), note: 'pass it on' } });
  expect(theirs.statusCode).toBe(403);
  expect(theirs.json().error.code).toBe('NOT_A_MEMBER');
  expect((await api.call('rivera', { method: 'GET', url: `/api/leads/${leadId}` })).json().state).toBe('TRIAGED');
  expect((await api.call('rivera', { method: 'GET', url: `/api/leads/${leadId}/disseminations` })).json().disseminations).toEqual([]);
});

test("a case's findings disseminated by a member: the notice lists its targets and where each stands; a non-member is refused", async () => {
  const { api } = t;
  const domain = addShop(api.world);
  const pkg = casePackage([shopUrl(api.world, domain)]);
  expect((await api.call('rivera', { method: 'POST', url: '/api/cases', payload: pkg })).statusCode).toBe(201);
  await waitFor('the case lists its target', async () => (await api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}` })).json().targets?.length === 1);
  const email = `${unique('partner-desk-')}@platform.example`;
  const body = { recipient: { kind: 'partner', organisation: 'Example Marketplace trust and safety', name: 'LE response team', email }, note: 'The same seller lists on your marketplace.' };

  // Another team's agent is answered as for a case that does not exist, so case IDs cannot be probed.
  const outsider = await api.call('moreau', { method: 'POST', url: `/api/cases/${pkg.caseId}/disseminate`, payload: body });
  const nowhere = await api.call('moreau', { method: 'POST', url: `/api/cases/${casePackage([shopUrl(api.world, addShop(api.world))]).caseId}/disseminate`, payload: body });
  expect(outsider.statusCode).toBe(404);
  expect(outsider.json().error.code).toBe('NOT_FOUND');
  expect(nowhere.statusCode).toBe(404);
  expect(nowhere.json().error.code).toBe(outsider.json().error.code);

  const sent = await api.call('rivera', { method: 'POST', url: `/api/cases/${pkg.caseId}/disseminate`, payload: body });
  expect(sent.statusCode).toBe(201);
  expect(sent.json().dissemination).toMatchObject({ caseId: pkg.caseId, recipient: { kind: 'partner', email }, sentBy: { id: 'rivera' } });
  const mail = await waitFor('the notice of the case findings', () => mailsTo(api, email)[0]);
  expect(mail.parsed.subject).toBe(`Case findings ${pkg.caseId} passed to Example Marketplace trust and safety: ${pkg.title}`);
  expect(mail.parsed.text).toMatch(new RegExp(`Targets: ${domain.replace(/\./g, '\\.')} \\([A-Z_]+\\)`));
  expect((await api.call('rivera', { method: 'GET', url: `/api/cases/${pkg.caseId}/disseminations` })).json().disseminations.map((d: { disseminationId: string }) => d.disseminationId)).toEqual([sent.json().dissemination.disseminationId]);
});
