// "My tasks": every open task the signed-in role does (manual lookups, portal submissions, preservation
// extensions), soonest deadline first, each linking to the form on its target's page. Kept current.
import { api, badge, deadline, h, keepCurrent, load, main, may, render, table } from './app.js';

const kinds = { 'manual-lookup': 'Enter the registration found by hand', 'portal-submission': 'Submit in the platform\'s portal and record it', 'preservation-extension': 'Extend the preservation' };

const fetchTasks = async () => (await api('GET', '/api/tasks')).tasks;

function draw(tasks) {
  render(main,
    h('h1', {}, 'My tasks'),
    may('targetTasks') ? null : h('p', { class: 'hint' }, 'Your role does none of these tasks (manual lookups, portal submissions, preservation extensions are for agents and supervisors).'),
    h('p', { role: 'status' }, tasks.length === 1 ? '1 open task.' : `${tasks.length} open tasks.`),
    table(null, [
      ['Target', (t) => h('a', { href: t.href }, t.target)],
      ['Case', (t) => (t.caseId ? h('a', { href: `/cases/${encodeURIComponent(t.caseId)}` }, t.caseId) : '')],
      ['Task', (t) => h('a', { href: t.href }, kinds[t.kind] ?? t.kind)],
      ['Kind', (t) => t.kind],
      ['Stage', (t) => badge(t.stage)],
      ['Deadline', (t) => deadline(t.dueBy)],
      ['Why', (t) => t.reason],
    ], tasks, 'Nothing waits for you.'));
}

load(async () => draw(await fetchTasks()));
keepCurrent(fetchTasks, draw);
