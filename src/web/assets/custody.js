// Seized domains in custody, for coordinators: stage, deadline state and the next deadline, the nearest first.
import { api, badge, h, load, main, render, table, when } from './app.js';

const views = [['in custody', 'SEIZED,RELEASING'], ['forfeited', 'FORFEITED'], ['released', 'RELEASED'], ['all', '']];
const filters = { stage: 'SEIZED,RELEASING', case: '', deadline: '' };

function filterForm() {
  const select = (name, label, options) => h('div', {}, h('label', { for: `f-${name}` }, label),
    h('select', { id: `f-${name}`, name }, options.map(([text, value]) => h('option', { value, selected: filters[name] === value }, text))));
  const form = h('form', { class: 'card actions', role: 'search', 'aria-label': 'Filter seized domains' },
    select('stage', 'Show', views),
    h('div', {}, h('label', { for: 'f-case' }, 'Case'), h('input', { id: 'f-case', name: 'case', value: filters.case })),
    select('deadline', 'Deadline', [['any', ''], ['due soon', 'DUE_SOON'], ['breached', 'BREACHED'], ['OK', 'OK']]),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    for (const key of Object.keys(filters)) filters[key] = String(data.get(key) ?? '').trim();
    void load(refresh);
  });
  return form;
}

/** The nearest deadline first; domains without one (custody ended) last. */
const byDeadline = (a, b) => (Date.parse(a.deadlineAt ?? '') || Infinity) - (Date.parse(b.deadlineAt ?? '') || Infinity);

async function refresh() {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
  const { domains } = await api('GET', `/api/custody?${query}`);
  render(main,
    h('h1', {}, 'Seized domains in custody'),
    h('p', { class: 'hint' }, 'Each seized domain is re-verified on a schedule and its forfeiture clocks are kept until it is forfeited or released.'),
    filterForm(),
    table(null, [
      ['Domain', (d) => h('a', { href: `/custody/${encodeURIComponent(d.domain)}` }, d.domain)],
      ['Stage', (d) => badge(d.stage)],
      ['Deadline', (d) => (d.deadlineState ? badge(d.deadlineState) : '')],
      ['Next deadline', (d) => when(d.deadlineAt)],
      ['Case', (d) => (d.caseId ? h('a', { href: `/cases/${encodeURIComponent(d.caseId)}` }, d.caseId) : '')],
      ['Ended', (d) => when(d.closedAt)],
    ], [...domains].sort(byDeadline), 'No seized domain matches.'));
}

load(refresh);
