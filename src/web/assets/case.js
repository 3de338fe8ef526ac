// One case for the agent: where it stands, its targets, adding targets, submitting, amending, withdrawing.
import { disseminateForm, disseminationsTable } from './dissemination.js';
import { api, badge, deadline, errorBox, field, h, keepCurrent, lines, liveNormalize, load, main, may, onSubmit, page, render, table, targetColumns, targetLink, timelineTable } from './app.js';

const caseId = page.caseid;
const amendable = ['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'REVIEW_EXPIRED'];
const live = (stage) => !['SEIZED', 'REJECTED', 'EXCLUDED', 'WITHDRAWN', 'NOT_REGISTERED', 'REVIEW_EXPIRED', 'WARRANT_EXPIRED', 'FAILED_NEEDS_ATTENTION', 'REMOVED', 'FORFEITED', 'RELEASED', 'DUPLICATE', 'NOT_STARTED'].includes(stage);

function reportTable(report) {
  return h('div', {},
    h('p', { role: 'status' }, `${report.counts.started} started, ${report.counts.refused} refused, ${report.counts.duplicate} duplicate.`),
    table('Every row and what became of it', [
      ['Row', (r) => String(r.line), { num: true }],
      ['Input', (r) => h('code', {}, r.input)],
      ['Result', (r) => badge(r.status)],
      ['Target or reason', (r) => r.error ? r.error.message : r.key ?? ''],
    ], report.rows));
}

function addTargetsForm(status) {
  const text = h('textarea', { name: 'targets', rows: 3 });
  const checked = h('ul', { class: 'normalized', 'aria-live': 'polite', 'aria-label': 'Targets as they will be added' });
  const report = h('div');
  const form = h('form', { class: 'card', 'aria-labelledby': 'add-title' }, h('h2', { id: 'add-title' }, 'Add targets'),
    field('Targets (one per line)', text, 'Domains, web links or profile links'), checked,
    h('button', { type: 'submit' }, 'Add targets'), h('div', { class: 'status', tabindex: '-1' }), report);
  liveNormalize(text, checked);
  onSubmit(form, async (data) => {
    const result = await api('POST', `/api/cases/${caseId}/targets`, { targets: lines(data.get('targets')) });
    render(report, reportTable(result));
    text.value = '';
    setTimeout(refresh, 800);
    return null;
  });

  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,text/csv,application/json', required: true });
  const importReport = h('div');
  const importForm = h('form', { class: 'card', 'aria-labelledby': 'import-title' }, h('h2', { id: 'import-title' }, 'Import targets from a file'),
    field('CSV or JSON file', file, 'CSV with a "target" column (or targets in the first column), or a JSON array'),
    h('button', { type: 'submit' }, 'Import'), h('div', { class: 'status', tabindex: '-1' }), importReport);
  onSubmit(importForm, async () => {
    const chosen = file.files[0];
    const content = await chosen.text();
    const format = /\.json$/i.test(chosen.name) || chosen.type === 'application/json' ? 'json' : 'csv';
    render(importReport, reportTable(await api('POST', `/api/cases/${caseId}/targets/import`, { format, content })));
    setTimeout(refresh, 800);
    return null;
  });
  return amendable.includes(status.stage) ? [form, importForm] : [];
}

function caseActions(status) {
  const forms = [];
  if (status.stage === 'DRAFT') {
    const submit = h('form', { class: 'card' }, h('h2', {}, 'Legal review'), h('p', {}, `Send package version ${status.packageVersion} to counsel. Counsel decide once for the whole case.`),
      h('button', { type: 'submit' }, 'Submit for legal review'), h('div', { class: 'status', tabindex: '-1' }));
    onSubmit(submit, async () => { const round = await api('POST', `/api/cases/${caseId}/submit`); setTimeout(refresh, 500); return `Submitted: review round ${round.round}.`; });
    forms.push(submit);
  }
  if (status.stage === 'REVIEW_EXPIRED') {
    const reopen = h('form', { class: 'card' }, h('h2', {}, 'The review expired'), field('Why reopen it', h('input', { name: 'reason', required: true })),
      h('button', { type: 'submit' }, 'Reopen the review'), h('div', { class: 'status', tabindex: '-1' }));
    onSubmit(reopen, async (data) => { const round = await api('POST', `/api/cases/${caseId}/reopen`, { reason: data.get('reason') }); setTimeout(refresh, 500); return `Reopened: round ${round.round}.`; });
    forms.push(reopen);
  }
  if (amendable.includes(status.stage)) {
    const pkg = status.packageVersions.at(-1).package;
    const amend = h('form', { class: 'card' }, h('details', {}, h('summary', {}, 'Amend the package'),
      field('Title', h('input', { name: 'title', value: pkg.title })),
      field('Offence', h('input', { name: 'offence', value: pkg.offence })),
      field('Evidence summary', h('textarea', { name: 'evidence.summary', rows: 3 }, pkg.evidence.summary)),
      field('What the amendment changes', h('input', { name: 'note', required: true })),
      h('button', { type: 'submit' }, 'Save a new version'), h('div', { class: 'status', tabindex: '-1' })));
    onSubmit(amend, async (data) => {
      const next = { ...pkg, title: data.get('title'), offence: data.get('offence'), evidence: { ...pkg.evidence, summary: data.get('evidence.summary') } };
      const version = await api('PUT', `/api/cases/${caseId}/package`, { package: next, note: data.get('note') });
      setTimeout(refresh, 500);
      return `Saved as version ${version.version}.`;
    });
    forms.push(amend);
  }
  return forms;
}

function withdrawControl(target) {
  if (!live(target.stage)) return '';
  const form = h('form', { class: 'inline' }, h('details', {}, h('summary', {}, 'Withdraw'),
    field(`Why withdraw ${target.key}`, h('input', { name: 'reason', required: true, id: `withdraw-${target.key}` })),
    h('button', { type: 'submit', class: 'danger' }, 'Withdraw'), h('div', { class: 'status', tabindex: '-1' })));
  onSubmit(form, async (data) => { await api('POST', `/api/cases/${caseId}/targets/${encodeURIComponent(target.key)}/withdraw`, { reason: data.get('reason') }); setTimeout(refresh, 500); return 'Withdrawn.'; });
  return form;
}

/** The case's targets waiting for a person (OpenTasks), each linking to its form; for the roles that do them. */
async function openTasks() {
  if (!may('targetTasks')) return null;
  const { tasks } = await api('GET', `/api/tasks?case=${encodeURIComponent(caseId)}`);
  if (tasks.length === 0) return null;
  return [h('h2', {}, 'Waiting for a person'),
    table(null, [['Target', (t) => targetLink(t.target)], ['Task', (t) => h('a', { href: t.href }, t.kind)], ['Deadline', (t) => deadline(t.dueBy)], ['Why', (t) => t.reason]], tasks)];
}

// Those who may disseminate also see where the case's findings went and what came of them.
const disseminations = async () => (may('disseminate') ? (await api('GET', `/api/cases/${encodeURIComponent(caseId)}/disseminations`)).disseminations : null);
const fetchCase = () => Promise.all([api('GET', `/api/cases/${encodeURIComponent(caseId)}`), openTasks().catch(() => null), disseminations().catch(() => null)]);
const refresh = async () => draw(await fetchCase());

function draw([status, tasks, sent]) {
  const pkg = status.packageVersions.at(-1).package;
  const lastDecision = status.decisions.at(-1);
  render(main,
    h('h1', {}, `Case ${status.caseId} `, badge(status.stage)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Title'), h('dd', {}, pkg.title),
      h('dt', {}, 'Opened by'), h('dd', {}, status.openedBy.name),
      h('dt', {}, 'Package'), h('dd', {}, `version ${status.packageVersion}`),
      h('dt', {}, 'Review'), h('dd', {}, status.round ? `round ${status.round}${status.review ? ` (${status.review.state}${status.review.escalated ? ', escalated' : ''})` : ''}` : 'not submitted'),
      lastDecision ? [h('dt', {}, 'Last decision'), h('dd', {}, `${lastDecision.decision.decision} by ${lastDecision.actor.name}${lastDecision.decision.changes ? `: ${lastDecision.decision.changes}` : lastDecision.decision.reason ? `: ${lastDecision.decision.reason}` : ''}`)] : null,
      status.warrants.length ? [h('dt', {}, 'Warrants'), h('dd', {}, status.warrants.map((w) => `${w.warrant.docket} (${w.warrant.court})`).join('; '))] : null),
    h('h2', {}, 'Targets'),
    table(null, [
      ...targetColumns,
      ['', (t) => withdrawControl(t)],
    ], status.targets),
    tasks,
    caseActions(status),
    addTargetsForm(status),
    sent?.length ? [h('h2', {}, 'Disseminations'), disseminationsTable(sent)] : null,
    may('disseminate') ? disseminateForm("Disseminate the case's findings", 'Passes its targets and where each stands to another field office, agency or partner, with a link where they record what came of it.',
      `/api/cases/${encodeURIComponent(caseId)}/disseminate`, () => refresh()) : null,
    h('h2', {}, 'Timeline'),
    timelineTable(status.timeline));
}

load(refresh).catch((error) => render(main, errorBox(error)));
// Stages move on their own (lookups, notices, verification): the page follows them while nobody is typing.
keepCurrent(fetchCase, draw);
