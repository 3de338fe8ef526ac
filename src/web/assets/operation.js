// One operation for coordinators: how it moves (its targets by stage now and over time, who needs a person,
// refusals, when the machine side should be through), what became of every row, its cases, its timeline.
// Refreshes itself: every 5 s while it starts its cases, every 15 s after.
import { api, badge, h, load, main, page, render, table, timelineTable, when } from './app.js';
import { barChart, stackedAreaChart } from './chart.js';

const working = ['STARTING', 'LOOKUP', 'EVIDENCE', 'LEGAL_REVIEW', 'PRESERVATION', 'WARRANT', 'NOTICE', 'COMPLIANCE', 'VERIFICATION'];
const outcomes = ['SEIZED', 'REMOVED', 'FORFEITED', 'RELEASED', 'REJECTED', 'EXCLUDED', 'WITHDRAWN', 'NOT_REGISTERED', 'REVIEW_EXPIRED', 'WARRANT_EXPIRED', 'FAILED_NEEDS_ATTENTION'];
const waitingBand = { key: 'NOT_STARTED_YET', label: 'in cases not started' };
/** One colour per stage whatever else is shown, so a band keeps its colour from one refresh to the next. */
const colours = {
  NOT_STARTED_YET: '#c9d1dc', STARTING: '#9aa5b4', LOOKUP: '#7fa6d9', EVIDENCE: '#4f7cc0', LEGAL_REVIEW: '#c08a2e', PRESERVATION: '#d6a74b', WARRANT: '#8a5a00',
  NOTICE: '#7d5ba6', COMPLIANCE: '#a988c9', VERIFICATION: '#3c8d9c', SEIZED: '#1d6b3a', REMOVED: '#6b8e23', FORFEITED: '#2f4858', RELEASED: '#5a6576',
  REJECTED: '#8c6d62', EXCLUDED: '#b09a90', WITHDRAWN: '#c9b8a8', NOT_REGISTERED: '#d9d2c5', REVIEW_EXPIRED: '#c9757c', WARRANT_EXPIRED: '#b8545d', FAILED_NEEDS_ATTENTION: '#a3222b',
};

let timer;

/** Bands bottom up: targets not started yet, the working stages in order, then the outcomes; only those ever counted. */
function bandsOf(points) {
  const seen = new Set(points.flatMap((p) => Object.keys(p.values).filter((k) => p.values[k] > 0)));
  const known = [...working, ...outcomes];
  const stages = [...known, ...[...seen].filter((s) => !known.includes(s) && s !== waitingBand.key)].filter((s) => seen.has(s));
  return [...(seen.has(waitingBand.key) ? [waitingBand] : []), ...stages.map((s) => ({ key: s, label: s }))].map((b) => ({ ...b, colour: colours[b.key] }));
}

const pointOf = (sample) => ({ at: sample.at, values: { ...sample.byStage, [waitingBand.key]: sample.waiting } });

function estimateStat(machine) {
  const headline = machine.state === 'done' ? 'through' : machine.state === 'estimated' ? when(machine.finishAt) : 'unknown';
  return h('div', { class: 'stat', 'data-stat': 'machine' }, h('b', {}, headline), 'machine side (lookup and evidence) ', h('small', {}, machine.basis));
}

function needsPersonStat(needs) {
  const parts = [
    needs.failed ? `${needs.failed} failed (FAILED_NEEDS_ATTENTION)` : null,
    needs.breached ? `${needs.breached} past a deadline` : null,
    needs.manualLookup ? `${needs.manualLookup} manual lookup(s)` : null,
    needs.portalSubmission ? `${needs.portalSubmission} portal submission(s)` : null,
  ].filter(Boolean);
  const more = needs.allChecked ? '' : '; not every target in LOOKUP or NOTICE was checked for a task, so there may be more';
  return h('div', { class: `stat${needs.total ? ' alert' : ''}`, 'data-stat': 'needs-person' }, h('b', {}, String(needs.total)), 'need a person ',
    h('small', {}, parts.length ? parts.join(', ') + more : `none${more}`));
}

function progressSection(progress) {
  const points = [...progress.series.samples, progress.now].map(pointOf);
  const bands = bandsOf(points);
  const { chart, legend } = stackedAreaChart(`Targets of ${progress.operationId} by stage over time`, points, bands);
  const now = progress.now;
  const nowRows = [...(now.waiting ? [{ label: 'not started', value: now.waiting }] : []),
    ...bands.filter((b) => b !== waitingBand).map((b) => ({ label: b.key, value: now.byStage[b.key] ?? 0, tone: b.key === 'FAILED_NEEDS_ATTENTION' ? 'trouble' : outcomes.includes(b.key) ? 'terminal' : '' }))];
  return [
    h('div', { class: 'stats' },
      h('div', { class: 'stat', 'data-stat': 'targets' }, h('b', {}, String(now.total)), 'targets started ', h('small', {}, `${now.running} running, ${now.waiting} in cases not started yet`)),
      needsPersonStat(progress.needsPerson),
      h('div', { class: `stat${progress.refused ? ' alert' : ''}`, 'data-stat': 'refused' }, h('b', {}, String(progress.refused)), 'rows refused ', h('small', {}, `${progress.rows.repeats} repeated; both listed below`)),
      estimateStat(progress.machine)),
    h('section', { class: 'card', 'aria-labelledby': 'over-time' },
      h('h2', { id: 'over-time' }, 'Targets by stage over time'),
      h('p', { class: 'hint' }, `${progress.series.samples.length} count(s) kept by the operation${progress.series.everyMs ? `, one every ${Math.round(progress.series.everyMs / 1000)} s` : ''}, and one taken now (${when(now.at)}).`),
      chart, legend),
    h('section', { class: 'card', 'aria-labelledby': 'by-stage-now' },
      h('h2', { id: 'by-stage-now' }, 'Targets by stage now'),
      nowRows.length ? barChart(`Targets of ${progress.operationId} by stage now`, nowRows) : h('p', { class: 'hint' }, 'No target has started yet.')),
  ];
}

async function refresh() {
  const id = encodeURIComponent(page.operationid);
  const [op, progress] = await Promise.all([api('GET', `/api/operations/${id}`), api('GET', `/api/operations/${id}/progress`)]);
  render(main,
    h('h1', {}, `Operation ${op.operationId} `, badge(op.state)),
    h('p', {}, op.title, ` · opened by ${op.openedBy.name}`),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.total)), 'rows'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.planned)), 'targets in cases'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.refused)), 'refused'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.repeats)), 'repeated')),
    h('h2', {}, 'How it moves'),
    progressSection(progress),
    h('p', { class: 'hint', role: 'status' }, `Updated ${when(progress.now.at)}; this page refreshes itself.`),
    h('p', {}, h('a', { href: '/dashboard' }, 'Dashboard'), ': filter it by this operation to follow its targets, deadlines and escalations.'),
    h('h2', {}, 'Cases'),
    table(null, [
      ['Case', (c) => h('a', { href: `/cases/${encodeURIComponent(c.caseId)}` }, c.caseId)], ['Targets', (c) => String(c.targets), { num: true }],
      ['State', (c) => c.state], ['Started', (c) => when(c.startedAt)], ['Note', (c) => c.error ?? ''],
    ], op.cases, 'No case: every row was refused or repeated.'),
    h('h2', {}, 'Rows not planned'),
    table(null, [['Row', (r) => String(r.line), { num: true }], ['Input', (r) => r.input], ['Status', (r) => r.status], ['Why', (r) => r.error?.message ?? '']], op.answered, 'Every row is in a case.'),
    h('h2', {}, 'Timeline'),
    timelineTable(op.timeline));
  schedule(op.state === 'STARTED' ? 15_000 : 5_000);
}

function schedule(ms) {
  clearTimeout(timer);
  timer = setTimeout(() => void refresh().catch(() => schedule(ms)), ms);
}

load(refresh);
