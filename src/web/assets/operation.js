// One operation for coordinators: what became of every row, its cases and their state, its timeline;
// refreshed every few seconds while its cases are starting.
import { api, badge, h, load, main, page, render, table, timelineTable, when } from './app.js';

let timer;

async function refresh() {
  const op = await api('GET', `/api/operations/${encodeURIComponent(page.operationid)}`);
  render(main,
    h('h1', {}, `Operation ${op.operationId} `, badge(op.state)),
    h('p', {}, op.title, ` · opened by ${op.openedBy.name}`),
    h('div', { class: 'stats' },
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.total)), 'rows'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.planned)), 'targets in cases'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.refused)), 'refused'),
      h('div', { class: 'stat' }, h('b', {}, String(op.rows.repeats)), 'repeated')),
    h('p', {}, h('a', { href: '/dashboard' }, 'Dashboard'), ': filter it by this operation to follow its targets by stage.'),
    h('h2', {}, 'Cases'),
    table(null, [
      ['Case', (c) => h('a', { href: `/cases/${encodeURIComponent(c.caseId)}` }, c.caseId)], ['Targets', (c) => String(c.targets), { num: true }],
      ['State', (c) => c.state], ['Started', (c) => when(c.startedAt)], ['Note', (c) => c.error ?? ''],
    ], op.cases, 'No case: every row was refused or repeated.'),
    h('h2', {}, 'Rows not planned'),
    table(null, [['Row', (r) => String(r.line), { num: true }], ['Input', (r) => r.input], ['Status', (r) => r.status], ['Why', (r) => r.error?.message ?? '']], op.answered, 'Every row is in a case.'),
    h('h2', {}, 'Timeline'),
    timelineTable(op.timeline));
  clearTimeout(timer);
  if (op.state !== 'STARTED') timer = setTimeout(() => void refresh().catch(() => undefined), 3000);
}

load(refresh);
