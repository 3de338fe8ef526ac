// Leads: the list the signed-in person may see (a partner: its own, with their state; staff: their team's and the
// unassigned), and the forms to submit one: typed in, a CSV file, or a XARF v4 report. Kept current.
import { api, badge, field, h, keepCurrent, lines, load, main, may, onSubmit, page, render, table, when } from './app.js';

const partner = page.role === 'partner';
const fetchLeads = async () => (await api('GET', '/api/leads')).leads;
const readFile = (input) => new Promise((resolve, reject) => {
  const file = input.files?.[0];
  if (!file) return reject(new Error('Choose a file first.'));
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result));
  reader.onerror = () => reject(reader.error);
  reader.readAsText(file);
});

function submitForm() {
  const form = h('form', { class: 'card', 'aria-labelledby': 'submit-title' },
    h('h2', { id: 'submit-title' }, partner ? 'Refer a lead' : 'Record a lead'),
    h('div', { class: 'two' },
      h('div', {},
        field('Summary', h('input', { name: 'summary', required: true, maxlength: 300 }), 'A few words: what is sold, by whom'),
        field('Domains or web links (one per line)', h('textarea', { name: 'domains', rows: 3 })),
        field('Profile links (one per line)', h('textarea', { name: 'profiles', rows: 2 })),
        field('Payment accounts (one per line, processor: account)', h('textarea', { name: 'payments', rows: 2 }), 'e.g. visa: M-4411')),
      h('div', {},
        field('What you know', h('textarea', { name: 'text', rows: 5 })),
        field('Attachment links (one per line)', h('textarea', { name: 'attachments', rows: 2 }), 'Where the files are kept (https links); files are not uploaded here'),
        field('Your reference (optional)', h('input', { name: 'reference', maxlength: 200 })))),
    h('button', { type: 'submit' }, 'Submit lead'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const payments = lines(data.get('payments')).map((l) => { const [processor, ...rest] = l.split(':'); return { processor: processor.trim(), account: rest.join(':').trim() }; });
    const attachments = lines(data.get('attachments')).map((url) => ({ name: url.split('/').pop() || 'attachment', url }));
    const reference = String(data.get('reference') ?? '').trim();
    const lead = await api('POST', '/api/leads', {
      summary: data.get('summary'), domains: lines(data.get('domains')), profiles: lines(data.get('profiles')), paymentAccounts: payments,
      text: String(data.get('text') ?? ''), attachments, ...(reference ? { reference } : {}),
    });
    form.reset();
    setTimeout(refresh, 300);
    return `Lead ${lead.leadId} received.`;
  });
  return form;
}

function fileForm(kind) {
  const file = h('input', { type: 'file', name: 'file', accept: kind === 'csv' ? '.csv,text/csv' : '.json,application/json', required: true });
  const title = kind === 'csv' ? 'Upload leads from a CSV file' : 'Upload a XARF v4 report';
  const hint = kind === 'csv' ? 'Header row: summary, domains, profiles, payment_processor, payment_account, text, reference, attachment_url; at most 500 rows; all rows or none'
    : 'JSON with Version, ReporterInfo and Report (ReportClass, ReportType, SourceType Uri/Url/Domain, Source)';
  const form = h('form', { class: 'card', 'aria-labelledby': `${kind}-title` }, h('h2', { id: `${kind}-title` }, title),
    field(kind === 'csv' ? 'CSV file' : 'XARF report (JSON)', file, hint), h('button', { type: 'submit' }, 'Upload'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async () => {
    const content = await readFile(file);
    let answer;
    if (kind === 'csv') answer = (await api('POST', '/api/leads/csv', { content })).leads;
    else {
      let report;
      try { report = JSON.parse(content); } catch (error) { throw Object.assign(new Error(`The file is not JSON: ${error.message}`), { fields: { file: ['not JSON'] } }); }
      answer = [await api('POST', '/api/leads/xarf', report)];
    }
    form.reset();
    setTimeout(refresh, 300);
    return `${answer.length === 1 ? `Lead ${answer[0].leadId}` : `${answer.length} leads`} received.`;
  });
  return form;
}

const list = h('div');
function draw(leads) {
  render(list,
    h('p', { role: 'status' }, leads.length === 1 ? '1 lead.' : `${leads.length} leads.`),
    table(null, [
      ['Lead', (l) => h('a', { href: `/leads/${encodeURIComponent(l.leadId)}` }, l.leadId)],
      ['Received', (l) => when(l.receivedAt)],
      ['Source', (l) => l.source],
      ['Summary', (l) => l.summary],
      ['Names', (l) => [...l.domains, ...l.profiles].join(', ')],
      ['State', (l) => badge(l.state)],
      partner ? ['Since', (l) => when(l.stateChangedAt)] : ['Team', (l) => l.team ?? 'unassigned'],
    ], leads, partner ? 'You have not referred a lead yet.' : 'No leads yet.'));
}
const refresh = async () => draw(await fetchLeads());

load(async () => {
  render(main,
    h('h1', {}, partner ? 'Your referrals' : 'Leads'),
    partner ? h('p', { class: 'hint' }, 'Leads your organisation sent, and where each stands: NEW (received), TRIAGED (being looked at), ACTIONED (became targets), DISSEMINATED (passed to another office, agency or partner), DECLINED or DUPLICATE.') : null,
    list,
    may('submitLead') ? [submitForm(), fileForm('csv'), fileForm('xarf')] : null);
  await refresh();
});
keepCurrent(fetchLeads, draw);
