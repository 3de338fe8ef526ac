// Operations for coordinators: the list, and the form that starts one from a pasted list or a CSV/JSON file.
// The form checks every field before sending (the API checks again), shows a progress bar while the list is
// sent and planned, then answers every row: planned into which case, refused and why, or a repeat.
import { api, apiWithProgress, badge, errorBox, field, h, load, main, markFields, may, render, table, when } from './app.js';
import { evidenceAndContactFields } from './package-fields.js';
import { readRowsFile } from './rows-file.js';

const maxRows = 5000; // domain/operation.ts maxOperationRows
const idPattern = /^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/;
const statutePattern = /^\d+ U\.S\.C\. § ?\d+[a-z]?(\([a-z0-9]+\))*$/;
const emailPattern = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Pasted rows: one target a line; blank lines and # comments are not rows (as in `takedown operation start --rows`). */
const pastedRows = (text) => String(text ?? '').split(/\r?\n/).map((line, i) => ({ input: line.trim(), source: `pasted line ${i + 1}` })).filter((r) => r.input && !r.input.startsWith('#'));

/** The operation as the API takes it, or the fields to fix (named as the API names them). */
async function readForm(data, file) {
  const fields = {};
  const refuse = (name, message) => { (fields[name] ??= []).push(message); };
  const text = (name) => String(data.get(name) ?? '').trim();
  const operationId = text('operationId');
  if (!idPattern.test(operationId)) refuse('operationId', 'must be 3 to 64 letters, digits or dashes, e.g. OP-CYBER-MONDAY-2026');
  if (text('title').length < 3) refuse('title', 'title is required');
  if (text('offence').length < 3) refuse('offence', 'offence is required');
  const statutes = text('statutes').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (statutes.length === 0) refuse('statutes', 'cite at least one statute');
  statutes.forEach((s, i) => { if (!statutePattern.test(s)) refuse(`statutes.${i}`, `"${s}" must be cited as "18 U.S.C. § 2320"`); });
  if (text('evidence.summary').length < 10) refuse('evidence.summary', 'summarise the evidence in a sentence or more');
  const requestedActions = data.getAll('requestedActions');
  if (requestedActions.length === 0) refuse('requestedActions', 'request at least one action');
  if (!text('contact.name')) refuse('contact.name', 'the contact stated in notices is required');
  if (!emailPattern.test(text('contact.email'))) refuse('contact.email', 'an e-mail address, e.g. agent@iprcenter.example');
  if (text('contact.phone') && text('contact.phone').length < 5) refuse('contact.phone', 'at least 5 characters, or leave it empty');
  const targetsPerCase = Number(text('targetsPerCase'));
  if (!Number.isInteger(targetsPerCase) || targetsPerCase < 1 || targetsPerCase > 500) refuse('targetsPerCase', 'a whole number from 1 to 500');
  const window = Number(text('window'));
  if (!Number.isInteger(window) || window < 1 || window > 20) refuse('window', 'a whole number from 1 to 20');

  const rows = pastedRows(data.get('rows'));
  if (file) {
    try {
      rows.push(...(await readRowsFile(file)));
    } catch (error) {
      refuse('file', error.message);
    }
  }
  if (rows.length === 0 && !fields.file) refuse('rows', 'paste at least one target, or choose a file');
  if (rows.length > maxRows) refuse('rows', `at most ${maxRows} rows per operation (this list has ${rows.length}); split the sweep into several operations`);
  rows.forEach((r, i) => { if (r.input.length > 2048) refuse(`rows.${i}`, `row ${i + 1} (${r.source}) is longer than 2048 characters`); });

  const purchase = text('purchase.orderReference');
  if (purchase && !text('purchase.item')) refuse('purchase.item', 'item is required with an order reference');
  const confirmation = text('confirmation.rightsHolder');
  if (confirmation && !text('confirmation.reference')) refuse('confirmation.reference', 'reference of the confirmation is required');
  if (Object.keys(fields).length) {
    const error = new Error(`Nothing was sent: ${Object.keys(fields).length} field(s) need attention.`);
    error.fields = fields;
    throw error;
  }
  return {
    rows,
    body: {
      operationId, title: text('title'), offence: text('offence'), statutes, rows: rows.map((r) => r.input),
      evidence: {
        summary: text('evidence.summary'),
        undercoverPurchases: purchase ? [{ date: text('purchase.date'), orderReference: purchase, item: text('purchase.item'), target: rows[0]?.input ?? '' }] : [],
        rightsHolderConfirmations: confirmation ? [{ rightsHolder: confirmation, confirmedOn: text('confirmation.confirmedOn'), reference: text('confirmation.reference') }] : [],
      },
      requestedActions,
      contact: { name: text('contact.name'), email: text('contact.email'), ...(text('contact.phone') ? { phone: text('contact.phone') } : {}) },
      nonDisclosure: data.get('nonDisclosure') === 'on', targetsPerCase, window,
    },
  };
}

/** Every row and what became of it, with where it came from (pasted line or file line). */
function answerTable(answer, sent) {
  const count = (s) => answer.rows.filter((r) => r.status === s).length;
  return h('div', {},
    h('p', { role: 'status' }, `${answer.rows.length} row(s) answered: ${count('planned')} planned into ${answer.cases.length} case(s), ${count('refused')} refused, ${count('repeat')} repeated. `,
      h('a', { href: `/operations/${encodeURIComponent(answer.operationId)}` }, `Follow operation ${answer.operationId}`)),
    table('Every row and what became of it', [
      ['Row', (r) => String(r.line), { num: true }],
      ['From', (r) => sent[r.line - 1]?.source ?? ''],
      ['Input', (r) => h('code', {}, r.input)],
      ['Result', (r) => badge(r.status)],
      ['Case, or why', (r) => (r.caseId ? [h('a', { href: `/cases/${encodeURIComponent(r.caseId)}` }, r.caseId), ` · ${r.key}`] : r.error?.message ?? '')],
    ], answer.rows));
}

/** The progress bar: sending (bytes), planning (indeterminate), answered (full), then the cases starting. */
function progressBar(id) {
  const bar = h('progress', { max: 100, value: 0, 'aria-labelledby': id });
  const label = h('p', { id, class: 'hint', 'aria-live': 'polite' });
  const box = h('div', { class: 'progress', hidden: true }, label, bar);
  return {
    box,
    show(text, fraction) {
      box.hidden = false;
      label.textContent = text;
      if (fraction === undefined) bar.removeAttribute('value');
      else bar.value = Math.round(fraction * 100);
    },
  };
}

function startForm() {
  const today = new Date().toISOString().slice(0, 10);
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,text/csv,application/json' });
  const rowsBox = h('textarea', { name: 'rows', rows: 8 });
  const count = h('p', { class: 'hint', 'aria-live': 'polite' });
  const progress = progressBar('op-progress-label');
  const starting = progressBar('op-starting-label');
  const status = h('div', { class: 'status', tabindex: '-1' });
  const answerBox = h('div');
  const form = h('form', { class: 'card', 'aria-labelledby': 'start-title', novalidate: true },
    h('h2', { id: 'start-title' }, 'Start an operation'),
    h('div', { class: 'two' },
      h('div', {},
        field('Operation ID', h('input', { name: 'operationId', placeholder: 'OP-CYBER-MONDAY-2026' }), 'Letters, digits and dashes; its cases are <ID>-001, -002, …'),
        field('Title', h('input', { name: 'title' })),
        field('Offence', h('input', { name: 'offence', value: 'Trafficking in counterfeit goods' })),
        field('Statutes (one per line)', h('textarea', { name: 'statutes', rows: 2 }, '18 U.S.C. § 2320\n18 U.S.C. § 2323'), 'Cited as "18 U.S.C. § 2320"'),
        field('Targets (one per line)', rowsBox, 'Domains, web links or profile links as pasted; blank lines and lines starting with # are skipped'),
        field('Or a CSV or JSON file', file, 'CSV with a "target" column (or targets in the first column), or a JSON array; its rows follow the pasted ones'),
        count),
      h('div', {},
        ...evidenceAndContactFields({ today, optionalNote: true }),
        h('div', { class: 'two' },
          h('div', {}, field('Targets per case', h('input', { name: 'targetsPerCase', type: 'number', min: 1, max: 500, value: 250 }), 'At most 500')),
          h('div', {}, field('Cases opening at once', h('input', { name: 'window', type: 'number', min: 1, max: 20, value: 2 }), 'Lookups and evidence of this many cases at a time'))),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'nonDisclosure' }), 'Non-disclosure order'))),
    h('button', { type: 'submit' }, 'Start the operation'),
    progress.box, starting.box, status, answerBox);

  const recount = async () => {
    const pasted = pastedRows(rowsBox.value).length;
    const chosen = file.files[0];
    const fromFile = chosen ? await readRowsFile(chosen).then((r) => r.length).catch(() => undefined) : 0;
    count.textContent = `${pasted + (fromFile ?? 0)} row(s) to send: ${pasted} pasted${chosen ? `, ${fromFile === undefined ? 'the file cannot be read' : `${fromFile} from ${chosen.name}`}` : ''}.`;
  };
  rowsBox.addEventListener('input', () => void recount());
  file.addEventListener('change', () => void recount());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    render(status);
    render(answerBox);
    starting.box.hidden = true;
    try {
      const { rows, body } = await readForm(new FormData(form), file.files[0]);
      markFields(form);
      const answer = await apiWithProgress('POST', '/api/operations', body, (p) => {
        if (p.phase === 'sending') progress.show(`Sending ${rows.length} row(s)…`, p.total ? (p.loaded / p.total) * 0.5 : 0);
        else progress.show(`Planning: every row normalised and placed in a case…`);
      });
      // Every row sent comes back answered; a missing one would be a fault to report, never to hide.
      if (answer.rows.length !== rows.length) throw new Error(`${rows.length} rows were sent but ${answer.rows.length} answered; look at the operation page before starting again.`);
      progress.show(`Sent and planned: every row answered (${answer.rows.length}).`, 1);
      render(answerBox, answerTable(answer, rows));
      void followCases(answer, starting);
    } catch (error) {
      markFields(form, error.fields);
      progress.box.hidden = true;
      render(status, errorBox(error));
      status.focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** After the answer, the bar follows the cases as the operation starts them (it starts a few at a time). */
async function followCases(answer, progress) {
  if (answer.cases.length === 0) return progress.show('No case to start: no row was planned.', 1);
  for (;;) {
    const op = await api('GET', `/api/operations/${encodeURIComponent(answer.operationId)}`).catch(() => undefined);
    const started = op ? op.cases.filter((c) => c.state !== 'waiting').length : 0;
    progress.show(`Cases started: ${started} of ${answer.cases.length}${op?.state === 'STARTED' ? ' (all)' : ''}.`, started / answer.cases.length);
    if (op?.state === 'STARTED') return;
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

load(async () => {
  const { operations } = await api('GET', '/api/operations?limit=50');
  render(main,
    h('h1', {}, 'Operations'),
    table(null, [
      ['Operation', (o) => h('a', { href: `/operations/${encodeURIComponent(o.operationId)}` }, o.operationId)],
      ['Title', (o) => o.title ?? ''],
      ['Stage', (o) => badge(o.stage)],
      ['Started', (o) => when(o.startedAt)],
    ], operations, 'No operation yet.'),
    may('startOperation') ? startForm() : h('p', { class: 'hint' }, 'Coordinators and supervisors start operations.'));
});
