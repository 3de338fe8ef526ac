// An agent's cases, and the form to open one (targets normalised live as they are typed).
import { api, badge, field, h, liveNormalize, load, main, onSubmit, page, render, table, when, lines } from './app.js';
import { evidenceAndContactFields } from './package-fields.js';

function openCaseForm() {
  const targets = h('textarea', { name: 'targets', rows: 4, required: true });
  const checked = h('ul', { class: 'normalized', 'aria-live': 'polite', 'aria-label': 'Targets as they will be added' });
  const today = new Date().toISOString().slice(0, 10);
  const form = h('form', { class: 'card', 'aria-labelledby': 'open-case-title' },
    h('h2', { id: 'open-case-title' }, 'Open a case'),
    h('div', { class: 'two' },
      h('div', {},
        field('Case ID', h('input', { name: 'caseId', required: true, placeholder: 'HSI-NY-2026-0142' }), 'Letters, digits and dashes'),
        field('Title', h('input', { name: 'title', required: true })),
        field('Offence', h('input', { name: 'offence', required: true, value: 'Trafficking in counterfeit goods' })),
        field('Statutes (one per line)', h('textarea', { name: 'statutes', rows: 3 }, '18 U.S.C. § 2320\n18 U.S.C. § 2323'), 'Cited as "18 U.S.C. § 2320"'),
        field('Targets (one per line)', targets, 'Domains, web links or profile links, as pasted'),
        checked),
      h('div', {},
        ...evidenceAndContactFields({ today, required: true }),
        field('Operation ID (optional)', h('input', { name: 'operationId' })),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'nonDisclosure' }), 'Non-disclosure order'))),
    h('button', { type: 'submit' }, 'Open case'),
    h('div', { class: 'status', tabindex: '-1' }));
  liveNormalize(targets, checked);

  onSubmit(form, async (data) => {
    const targetList = lines(data.get('targets'));
    const optional = (name) => (String(data.get(name) ?? '').trim() || undefined);
    const purchase = optional('purchase.orderReference') ? [{ date: data.get('purchase.date'), orderReference: data.get('purchase.orderReference'), item: data.get('purchase.item'), target: targetList[0] ?? '' }] : [];
    const confirmation = optional('confirmation.rightsHolder') ? [{ rightsHolder: data.get('confirmation.rightsHolder'), confirmedOn: data.get('confirmation.confirmedOn'), reference: data.get('confirmation.reference') }] : [];
    const body = {
      caseId: String(data.get('caseId')).trim(), title: data.get('title'), offence: data.get('offence'), statutes: lines(data.get('statutes')), targets: targetList,
      evidence: { summary: data.get('evidence.summary'), undercoverPurchases: purchase, rightsHolderConfirmations: confirmation },
      requestedActions: data.getAll('requestedActions'),
      contact: { name: data.get('contact.name'), email: data.get('contact.email'), phone: optional('contact.phone') },
      operationId: optional('operationId'), nonDisclosure: data.get('nonDisclosure') === 'on',
    };
    const opened = await api('POST', '/api/cases', body);
    location.assign(`/cases/${encodeURIComponent(opened.caseId)}`);
    return `Case ${opened.caseId} opened.`;
  });
  return form;
}

load(async () => {
  const mine = page.role === 'agent';
  const { cases } = await api('GET', `/api/cases${mine ? '?mine=true' : ''}`);
  render(main,
    h('h1', {}, mine ? 'My cases' : 'Cases'),
    table(null, [
      ['Case', (c) => h('a', { href: `/cases/${encodeURIComponent(c.caseId)}` }, c.caseId)],
      ['Title', (c) => c.title ?? ''],
      ['Stage', (c) => badge(c.stage)],
      ['Opened by', (c) => c.openedBy?.name ?? ''],
      ['Opened', (c) => when(c.startedAt)],
    ], cases, 'No cases yet: open one below.'),
    page.role === 'agent' || page.role === 'supervisor' ? openCaseForm() : null);
});
