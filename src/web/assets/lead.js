// One lead: what it names and who sent it, triage (deconfliction against every active and past target), and
// what becomes of it: a new case from its new targets, its targets added to an open case, or closed
// (disseminated, declined, duplicate). Its history says who changed it and when; its targets link to their pages.
import { api, badge, field, h, keepCurrent, lines, load, main, may, onSubmit, page, render, table, targetLink, timelineTable, when } from './app.js';
import { disseminateForm, disseminationsTable } from './dissemination.js';

const leadId = page.leadid;
// Staff who may disseminate also see where the lead was passed on and what came of it.
const fetchLead = async () => {
  const lead = await api('GET', `/api/leads/${encodeURIComponent(leadId)}`);
  if (may('disseminate')) lead.disseminations = (await api('GET', `/api/leads/${encodeURIComponent(leadId)}/disseminations`)).disseminations;
  return lead;
};
const caseLink = (caseId) => h('a', { href: `/cases/${encodeURIComponent(caseId)}` }, caseId);

// What deconfliction found, in the words an agent uses: a target held by a case is a duplicate of it.
const statusLabel = { new: 'NEW', active: 'DUPLICATE', seized: 'DUPLICATE', past: 'PAST', refused: 'refused', 'not-a-target': 'NOTE', 'named-elsewhere': 'NAMED ELSEWHERE' };

function findingsTable(findings) {
  return table('What the lead names, checked against every active and past target', [
    ['As given', (f) => h('code', {}, f.input)],
    ['Target', (f) => f.key ?? ''],
    ['Finding', (f) => badge(statusLabel[f.status] ?? f.status)],
    ['Case', (f) => (f.caseId ? caseLink(f.caseId) : '')],
    ['Note', (f) => f.note],
  ], findings, 'The lead names no domain, profile or payment account: read its text.');
}

function newCaseForm(lead, fresh) {
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-case-title' },
    h('h2', { id: 'new-case-title' }, 'Open a case from this lead'),
    h('p', { class: 'hint' }, `Takes ${fresh.map((f) => f.key).join(', ')}; each target keeps its link to ${lead.leadId}.`),
    h('div', { class: 'two' },
      h('div', {},
        field('Case ID', h('input', { name: 'caseId', required: true, placeholder: 'HSI-NY-2026-0142' }), 'Letters, digits and dashes'),
        field('Title', h('input', { name: 'title', required: true, value: lead.summary.slice(0, 120) })),
        field('Offence', h('input', { name: 'offence', required: true, value: 'Trafficking in counterfeit goods' })),
        field('Statutes (one per line)', h('textarea', { name: 'statutes', rows: 2 }, '18 U.S.C. § 2320\n18 U.S.C. § 2323'))),
      h('div', {},
        field('Evidence summary', h('textarea', { name: 'evidence.summary', rows: 3, required: true }, `${lead.leadId} (${lead.source}${lead.reference ? `, ${lead.reference}` : ''}): ${lead.text || lead.summary}`.slice(0, 2000))),
        field('Contact name', h('input', { name: 'contact.name', required: true })),
        field('Contact e-mail', h('input', { name: 'contact.email', type: 'email', required: true })))),
    h('button', { type: 'submit' }, 'Open case'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const profiles = fresh.some((f) => f.targetKind === 'profile');
    const opened = await api('POST', `/api/leads/${encodeURIComponent(leadId)}/case`, {
      caseId: String(data.get('caseId')).trim(), title: data.get('title'), offence: data.get('offence'), statutes: lines(data.get('statutes')),
      evidence: { summary: data.get('evidence.summary'), undercoverPurchases: [], rightsHolderConfirmations: [] },
      requestedActions: profiles ? ['seizure', 'takedown'] : ['seizure'],
      contact: { name: data.get('contact.name'), email: data.get('contact.email') },
    });
    draw(opened.lead, `Case ${opened.caseId} opened with ${opened.lead.targets.map((t) => t.key).join(', ')}.`);
    return null;
  });
  return form;
}

function addToCaseForm() {
  const form = h('form', { class: 'card', 'aria-labelledby': 'add-case-title' }, h('h2', { id: 'add-case-title' }, 'Add its new targets to an open case'),
    field('Case ID of the open case', h('input', { name: 'caseId', id: 'add-to-case-id', required: true })), h('button', { type: 'submit' }, 'Add to case'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const result = await api('POST', `/api/leads/${encodeURIComponent(leadId)}/add-to-case`, { caseId: String(data.get('caseId')).trim() });
    draw(result.lead, `${result.counts.started} started, ${result.counts.refused} refused, ${result.counts.duplicate} duplicate.`);
    return null;
  });
  return form;
}

function closeForm() {
  const form = h('form', { class: 'card', 'aria-labelledby': 'close-title' }, h('h2', { id: 'close-title' }, 'Close the lead'),
    h('fieldset', { class: 'check' }, h('legend', {}, 'Outcome'),
      ['DECLINED', 'DUPLICATE'].map((s) => h('label', {}, h('input', { type: 'radio', name: 'state', value: s, required: true }), s))),
    field('Reason', h('textarea', { name: 'reason', rows: 2, required: true })), h('button', { type: 'submit' }, 'Close lead'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const lead = await api('POST', `/api/leads/${encodeURIComponent(leadId)}/state`, { state: data.get('state'), reason: data.get('reason') });
    draw(lead, `Lead ${lead.leadId} is ${lead.state}.`);
    return null;
  });
  return form;
}

function triageButton(lead) {
  const form = h('form', { class: 'card', 'aria-labelledby': 'triage-title' }, h('h2', { id: 'triage-title' }, lead.state === 'NEW' ? 'Triage' : 'Check again'),
    h('p', { class: 'hint' }, 'Normalises what the lead names and checks each against every active and past target.'),
    h('button', { type: 'submit' }, lead.state === 'NEW' ? 'Triage' : 'Check again'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async () => { draw(await api('POST', `/api/leads/${encodeURIComponent(leadId)}/triage`), 'Triaged.'); return null; });
  return form;
}

let said = '';
function draw(lead, flash) {
  if (flash) said = flash;
  const partner = page.role === 'partner';
  const fresh = (lead.findings ?? []).filter((f) => f.status === 'new' && f.key);
  render(main,
    h('h1', {}, `${lead.leadId} `, badge(lead.state)),
    said ? h('div', { class: 'success', role: 'status' }, said) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Summary'), h('dd', {}, lead.summary),
      h('dt', {}, 'Source'), h('dd', {}, lead.source, lead.reference ? ` (${lead.reference})` : '', lead.tip ? [' — a tip on the banner of ', h('code', {}, lead.tip.domain), lead.tip.name ? `, from ${lead.tip.name}` : '', lead.tip.contact ? ` (${lead.tip.contact})` : ''] : ''),
      h('dt', {}, 'Received'), h('dd', {}, when(lead.receivedAt), lead.submittedBy ? ` from ${lead.submittedBy.name}` : ''),
      h('dt', {}, 'State'), h('dd', {}, lead.state, ' since ', when(lead.stateChangedAt), lead.stateChangedBy ? ` (${lead.stateChangedBy.name})` : ''),
      partner ? null : [h('dt', {}, 'Team'), h('dd', {}, lead.team ?? 'unassigned')],
      lead.domains.length ? [h('dt', {}, 'Domains'), h('dd', {}, lead.domains.join(', '))] : null,
      lead.profiles.length ? [h('dt', {}, 'Profiles'), h('dd', {}, lead.profiles.join(', '))] : null,
      lead.paymentAccounts.length ? [h('dt', {}, 'Payment accounts'), h('dd', {}, lead.paymentAccounts.map((p) => `${p.processor}: ${p.account}`).join(', '))] : null,
      lead.attachments.length ? [h('dt', {}, 'Attachments'), h('dd', {}, lead.attachments.map((a) => (a.url ? h('a', { href: a.url, rel: 'noreferrer' }, a.name) : `${a.name} (SHA-256 ${a.sha256})`)))] : null),
    lead.text ? [h('h2', {}, 'What the reporter says'), h('p', { class: 'message' }, lead.text)] : null,
    partner ? null : [
      lead.findings ? [h('h2', {}, 'Triage'), findingsTable(lead.findings)] : null,
      lead.targets?.length ? [h('h2', {}, 'Targets from this lead'), table(null, [['Target', (t) => targetLink(t.key)], ['Case', (t) => caseLink(t.caseId)], ['Linked', (t) => `${when(t.linkedAt)} by ${t.linkedBy}`]], lead.targets)] : null,
      may('triageLead') && ['NEW', 'TRIAGED'].includes(lead.state) ? triageButton(lead) : null,
      lead.state === 'TRIAGED' && fresh.length && may('openCase') ? newCaseForm(lead, fresh) : null,
      lead.state === 'TRIAGED' && fresh.length && may('addTargets') ? addToCaseForm() : null,
      lead.state === 'TRIAGED' && may('disseminate')
        ? disseminateForm('Disseminate the lead', 'Passes it to another field office, agency or partner: a notice with a link where they record what came of it, and a reminder if nothing is recorded in time.',
          `/api/leads/${encodeURIComponent(leadId)}/disseminate`, async (result, to) => draw(await fetchLead(), `${result.dissemination.disseminationId} sent to ${to.organisation}; ${result.lead.leadId} is ${result.lead.state}.`))
        : null,
      lead.state === 'TRIAGED' && may('triageLead') ? closeForm() : null,
      lead.disseminations?.length ? [h('h2', {}, 'Disseminations'), disseminationsTable(lead.disseminations)] : null,
      h('h2', {}, 'History'),
      timelineTable(lead.history.map((e) => ({ at: e.at, actor: e.actor, action: e.from ? `${e.from} → ${e.to}` : e.to, detail: e.detail, reason: e.reason })))],
  );
}

load(async () => draw(await fetchLead()));
keepCurrent(fetchLead, (lead) => draw(lead));
