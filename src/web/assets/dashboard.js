// The coordinator's dashboard: targets by stage (chart), deadlines near and breached, escalations,
// response times per registrar, registry and platform; refreshed every few seconds so stages move.
import { api, badge, h, load, main, render, table, targetLink, when } from './app.js';
import { barChart } from './chart.js';

const working = ['LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'];
const outcomes = ['SEIZED', 'REMOVED', 'FORFEITED', 'RELEASED', 'REJECTED', 'EXCLUDED', 'WITHDRAWN', 'NOT_REGISTERED', 'REVIEW_EXPIRED', 'WARRANT_EXPIRED', 'FAILED_NEEDS_ATTENTION'];
const filters = { operation: '', case: '' };
let paused = false;
let timer;

function stageRows(byStage) {
  const known = [...working, ...outcomes];
  const extra = Object.keys(byStage).filter((s) => !known.includes(s));
  return [...known, ...extra].map((label) => ({ label, value: byStage[label] ?? 0, tone: label === 'FAILED_NEEDS_ATTENTION' ? 'trouble' : outcomes.includes(label) ? 'terminal' : '' }));
}

function filterForm() {
  const form = h('form', { class: 'card actions', role: 'search', 'aria-label': 'Filter the dashboard' },
    h('div', {}, h('label', { for: 'f-operation' }, 'Operation'), h('input', { id: 'f-operation', name: 'operation', value: filters.operation })),
    h('div', {}, h('label', { for: 'f-case' }, 'Case'), h('input', { id: 'f-case', name: 'case', value: filters.case })),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: (e) => { paused = !paused; e.target.textContent = paused ? 'Resume updates' : 'Pause updates'; e.target.setAttribute('aria-pressed', String(paused)); } }, paused ? 'Resume updates' : 'Pause updates'),
    h('a', { href: `/api/report?format=csv${filters.operation ? `&operation=${encodeURIComponent(filters.operation)}` : ''}${filters.case ? `&case=${encodeURIComponent(filters.case)}` : ''}`, download: 'takedown-report.csv' }, 'Export CSV'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    filters.operation = String(data.get('operation') ?? '').trim();
    filters.case = String(data.get('case') ?? '').trim();
    void refresh();
  });
  return form;
}

async function refresh() {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
  const [metrics, listing, leads] = await Promise.all([api('GET', `/api/metrics${query ? `?${query}` : ''}`), api('GET', `/api/targets?limit=100${query ? `&${query}` : ''}`), api('GET', '/api/tips?limit=10')]);
  const focused = document.activeElement?.id;
  render(main,
    h('h1', {}, 'Dashboard'),
    filterForm(),
    filters.operation ? h('p', {}, h('a', { href: `/operations/${encodeURIComponent(filters.operation)}` }, `Operation ${filters.operation}`), ': every row of its list, its cases and their state.') : null,
    h('p', { class: 'hint', role: 'status' }, `Updated ${when(metrics.generatedAt)}`),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('b', {}, String(metrics.targets.total)), 'targets'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.cases.total)), 'cases'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.targets.byStage.SEIZED ?? 0)), 'seized'),
      h('div', { class: 'stat' }, h('b', {}, metrics.timeToSeizure.medianHours === undefined ? '—' : `${metrics.timeToSeizure.medianHours} h`), 'median time to seizure'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.deadlines.breached.length)), 'deadlines breached'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.escalations.length)), 'escalations'),
      // Counted by Temporal itself: failed, timed-out and terminated runs as well as our FAILED_NEEDS_ATTENTION.
      h('div', { class: 'stat' }, h('b', {}, String(metrics.attention.needsPerson.total)), 'need a person'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.attention.stalled.total)), 'stalled'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.banner.hits)), 'banner hits'),
      h('div', { class: 'stat' }, h('b', {}, String(metrics.banner.tips)), 'tips received')),
    h('section', { class: 'card', 'aria-labelledby': 'by-stage' }, h('h2', { id: 'by-stage' }, 'Targets by stage'), barChart('Targets by stage', stageRows(metrics.targets.byStage))),
    custodySection(metrics.custody),
    h('div', { class: 'two' },
      h('section', {}, h('h2', {}, 'Deadlines near'), deadlineTable(metrics.deadlines.near, 'No deadline is near.')),
      h('section', {}, h('h2', {}, 'Deadlines breached'), deadlineTable(metrics.deadlines.breached, 'No deadline has been breached.'))),
    h('h2', {}, 'Response times'),
    table(null, [
      ['Party', (r) => r.party], ['Name', (r) => r.name], ['Notices', (r) => String(r.notices), { num: true }], ['Acknowledged', (r) => String(r.acknowledged), { num: true }],
      ['Median (h)', (r) => (r.medianHours ?? '—').toString(), { num: true }], ['Slowest (h)', (r) => (r.maxHours ?? '—').toString(), { num: true }], ['Breaches', (r) => String(r.breaches), { num: true }],
    ], metrics.responseTimes, 'No notice has been sent yet.'),
    h('h2', {}, 'Escalations'),
    table(null, [['Case', (e) => e.caseId], ['When', (e) => when(e.at)], ['What', (e) => e.action]], metrics.escalations, 'No escalations.'),
    h('div', { class: 'two' },
      h('section', {}, h('h2', {}, 'Seizure banners'), table(null, [['Domain', (d) => targetLink(d.domain)], ['Hits', (d) => String(d.hits), { num: true }], ['Tips', (d) => String(d.tips), { num: true }], ['Last tip', (d) => when(d.lastTipAt)]], metrics.banner.domains.slice(0, 20), 'No banner has been visited yet.')),
      h('section', {}, h('h2', {}, 'Latest tips'), table(null, [['Received', (t) => when(t.receivedAt)], ['Domain', (t) => t.domain], ['Tip', (t) => t.message], ['Contact', (t) => [t.name, t.contact].filter(Boolean).join(', ')]], leads.tips, 'No tips yet.'))),
    h('h2', {}, 'Targets'),
    table(null, [
      ['Target', (t) => targetLink(t.key)], ['Stage', (t) => badge(t.stage)], ['Case', (t) => h('a', { href: `/cases/${encodeURIComponent(t.caseId ?? '')}` }, t.caseId ?? '')],
      ['Registrar', (t) => t.registrar ?? ''], ['TLD', (t) => t.tld ?? t.platform ?? ''], ['Deadline', (t) => (t.deadlineState ? badge(t.deadlineState) : '')],
    ], listing.targets, 'No targets yet.'));
  if (focused) document.getElementById(focused)?.focus();
}

/** After seizure: how many domains are held, being returned, forfeited or returned, and their deadlines. */
function custodySection(custody) {
  const count = (stage) => String(custody.byStage[stage] ?? 0);
  const rows = [...custody.breached, ...custody.near];
  return h('section', { 'aria-labelledby': 'after-seizure' }, h('h2', { id: 'after-seizure' }, 'After seizure'),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('b', {}, count('SEIZED')), 'in custody'),
      h('div', { class: 'stat' }, h('b', {}, count('RELEASING')), 'being returned'),
      h('div', { class: 'stat' }, h('b', {}, count('FORFEITED')), 'forfeited'),
      h('div', { class: 'stat' }, h('b', {}, count('RELEASED')), 'returned')),
    table(null, [['Domain', (c) => h('a', { href: `/custody/${encodeURIComponent(c.domain)}` }, c.domain)], ['Stage', (c) => badge(c.stage)], ['Deadline', (c) => badge(c.deadlineState)], ['Due', (c) => when(c.deadlineAt)], ['Case', (c) => c.caseId ?? '']],
      rows, 'No custody deadline is near or breached.'),
    h('p', {}, h('a', { href: '/custody' }, 'All seized domains in custody'), ': re-verification, expiry and the forfeiture clocks of every seized domain.'));
}

const deadlineTable = (rows, empty) => table(null, [['Target', (t) => targetLink(t.key)], ['Stage', (t) => badge(t.stage)], ['Due', (t) => when(t.deadlineAt)], ['Registrar', (t) => t.registrar ?? '']], rows, empty);

async function tick() {
  if (!paused && !main.contains(document.activeElement?.closest('form') ?? null)) await refresh().catch(() => undefined);
  timer = setTimeout(tick, 5000);
}

load(async () => {
  await refresh();
  clearTimeout(timer);
  timer = setTimeout(tick, 5000);
});
