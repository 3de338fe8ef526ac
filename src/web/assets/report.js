// The strategy's report for a chosen period: the numbers and their charts (our own SVG charts, chart.js), the
// CSV export, and a printable page (the browser's print, with the print stylesheet). Reads GET /api/report/period.
import { api, field, h, load, main, render, table } from './app.js';
import { barChart } from './chart.js';

const params = new URLSearchParams(location.search);
const iso = (d) => d.toISOString().slice(0, 10);
const quarterAgo = () => { const d = new Date(); d.setUTCDate(d.getUTCDate() - 90); return iso(d); };
const period = { from: params.get('from') ?? quarterAgo(), to: params.get('to') ?? iso(new Date()) };
const outcomeLabels = { 'investigation-opened': 'Opened an investigation', 'enforcement-action': 'Took enforcement action', 'litigation-filed': 'Filed litigation', 'no-action': 'No action', 'none-yet': 'None recorded yet' };

const rowsOf = (record, labels = {}) => Object.entries(record).map(([key, value]) => ({ label: labels[key] ?? key, value }));
const figure = (title, rows) => h('figure', { class: 'report-chart' }, barChart(title, rows), h('figcaption', {}, title));
const numbers = (caption, pairs) => table(caption, [['Measure', (p) => p[0]], ['Value', (p) => String(p[1] ?? '')]], pairs);

function periodForm() {
  const form = h('form', { class: 'card actions no-print', role: 'search', 'aria-label': 'Choose the period', method: 'get', action: '/report' },
    h('div', {}, field('From', h('input', { name: 'from', type: 'date', value: period.from, required: true }))),
    h('div', {}, field('To', h('input', { name: 'to', type: 'date', value: period.to, required: true }))),
    h('button', { type: 'submit' }, 'Show'),
    h('a', { href: `/api/report/period?from=${period.from}&to=${period.to}&format=csv`, download: `takedown-report-${period.from}-to-${period.to}.csv` }, 'Export CSV'),
    h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print'));
  return form;
}

function draw(r) {
  render(main,
    h('h1', {}, `Report ${r.period.from} to ${r.period.to}`),
    periodForm(),
    h('p', { class: 'hint' }, `Generated ${r.generatedAt}. Days are UTC; both ends are included.`),
    r.completeness.note ? h('p', { class: 'error', role: 'alert' }, r.completeness.note) : null,
    h('h2', {}, 'Enforcement'),
    figure('Domains and profiles', [{ label: 'Domains seized', value: r.domains.seized }, { label: 'Domains forfeited', value: r.domains.forfeited }, { label: 'Domains returned', value: r.domains.returned }, { label: 'Profiles removed', value: r.profiles.removed }]),
    numbers('Payment processors', [['Termination notices sent', r.payments.noticesSent], ['Confirmed as actioned by the processor', r.payments.confirmedActioned], ['Payment accounts terminated', 'not recorded']]),
    h('p', { class: 'hint' }, r.payments.note),
    h('h2', {}, 'Time from case opening to seizure'),
    figure('Seizures by time from case opening', r.timeToSeizure.buckets.map((b) => ({ label: b.label, value: b.count }))),
    numbers('Time to seizure', [['Seizures', r.timeToSeizure.count], ['Median (hours)', r.timeToSeizure.medianHours], ['90th percentile (hours)', r.timeToSeizure.p90Hours], ['Longest (hours)', r.timeToSeizure.maxHours]]),
    h('h2', {}, 'Response times'),
    table('Registrars, registries, partners, platforms and processors: notices sent in the period', [['Party', (x) => x.party], ['Name', (x) => x.name], ['Notices', (x) => String(x.notices)], ['Acknowledged', (x) => String(x.acknowledged)], ['Median hours', (x) => String(x.medianHours ?? '')], ['Past deadline', (x) => String(x.breaches)]], r.responseTimes, 'No notices sent in the period.'),
    h('h2', {}, 'Leads'),
    figure('Leads received by source', rowsOf(r.leads.bySource)),
    figure('Leads from receipt to dissemination', [{ label: 'Received', value: r.leads.received }, { label: 'Triaged', value: r.leads.triaged }, { label: 'Actioned', value: r.leads.actioned }, { label: 'Disseminated', value: r.leads.disseminated }, { label: 'Case findings disseminated', value: r.leads.caseFindingsDisseminated }]),
    figure('Dissemination outcomes', rowsOf(r.leads.outcomes, outcomeLabels)),
    h('h2', {}, 'Seizure banners'),
    numbers('Banner reach', [['Hits', r.banner.hits], ['Tips', r.banner.tips]]),
    h('h2', {}, 'Outreach and education'),
    // Counts of events and outcomes on one scale; attendance (people) on its own.
    figure('Outreach events and outcomes', [...rowsOf(r.outreach.byKind), { label: 'Outcomes', value: r.outreach.outcomes }]),
    figure('Outreach attendance', [{ label: 'Attendance', value: r.outreach.attendance }]),
    r.outreach.outcomes ? figure('Outreach outcomes by kind', rowsOf(r.outreach.outcomesByKind)) : null,
  );
}

load(async () => draw(await api('GET', `/api/report/period?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`)));
