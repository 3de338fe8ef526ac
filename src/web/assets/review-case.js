// Counsel's view of one case: the full package, then decide (approve, reject, request changes) and record the warrant.
import { api, badge, field, h, lines, load, main, onSubmit, page, render, table, targetColumns, when } from './app.js';

const caseId = page.caseid;

function packageView(status) {
  const version = status.packageVersions.at(-1);
  const pkg = version.package;
  return h('section', { class: 'card', 'aria-labelledby': 'package-title' },
    h('h2', { id: 'package-title' }, `Case package, version ${version.version}`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Title'), h('dd', {}, pkg.title),
      h('dt', {}, 'Offence'), h('dd', {}, pkg.offence),
      h('dt', {}, 'Statutes'), h('dd', {}, pkg.statutes.join('; ')),
      h('dt', {}, 'Requested'), h('dd', {}, pkg.requestedActions.join(', ')),
      h('dt', {}, 'Evidence'), h('dd', {}, pkg.evidence.summary),
      h('dt', {}, 'Undercover purchases'), h('dd', {}, pkg.evidence.undercoverPurchases.length ? h('ul', {}, pkg.evidence.undercoverPurchases.map((p) => h('li', {}, `${p.date}: ${p.item} from ${p.target} (order ${p.orderReference})`))) : 'none'),
      h('dt', {}, 'Rights holder'), h('dd', {}, pkg.evidence.rightsHolderConfirmations.length ? h('ul', {}, pkg.evidence.rightsHolderConfirmations.map((c) => h('li', {}, `${c.rightsHolder}, confirmed ${c.confirmedOn} (${c.reference})`))) : 'none'),
      h('dt', {}, 'Contact'), h('dd', {}, `${pkg.contact.name} <${pkg.contact.email}>${pkg.contact.phone ? `, ${pkg.contact.phone}` : ''}`),
      h('dt', {}, 'Non-disclosure'), h('dd', {}, pkg.nonDisclosure ? 'yes' : 'no'),
      h('dt', {}, 'Prepared by'), h('dd', {}, `${version.by.name}, ${when(version.at)}${version.note ? ` — ${version.note}` : ''}`)),
    findingsView(status.findings),
    h('h3', {}, 'Targets'),
    table(null, targetColumns, status.targets));
}

/** What counsel must know beside the package: evidence that captured nothing, registrations entered by hand. */
function findingsView(findings) {
  if (!findings) return null;
  return h('div', { class: 'findings' },
    h('h3', {}, 'Evidence that failed'),
    table(null, [['Target', (f) => f.target], ['URL', (f) => h('code', {}, f.url)], ['Why', (f) => `${f.kind}: ${f.reason}`], ['When', (f) => when(f.at)]],
      findings.failedEvidence, 'Every evidence page was captured.'),
    findings.withoutEvidence.length ? h('p', { class: 'warning' }, `No page captured at all for: ${findings.withoutEvidence.join(', ')}.`) : null,
    h('h3', {}, 'Registrations entered by hand'),
    table(null, [['Target', (m) => m.target], ['Registrar', (m) => m.registrar], ['Registry', (m) => m.registry], ['Entered by', (m) => m.enteredBy ? `${m.enteredBy.name} (${m.enteredBy.role})` : 'not recorded'], ['Found at', (m) => m.foundAt ?? '']],
      findings.manualRegistrations, 'Every registration came from the registry (RDAP or WHOIS).'));
}

function decisionForm(status) {
  const reviewable = status.targets.filter((t) => !['NOT_STARTED', 'DUPLICATE'].includes(t.stage));
  const form = h('form', { class: 'card', 'aria-labelledby': 'decide-title' },
    h('h2', { id: 'decide-title' }, `Decide review round ${status.round} (package version ${status.packageVersion})`),
    h('fieldset', { class: 'check' }, h('legend', {}, 'Decision'),
      [['approve', 'Approve'], ['request-changes', 'Request changes'], ['reject', 'Reject']].map(([value, label]) =>
        h('label', {}, h('input', { type: 'radio', name: 'decision', value, required: true, checked: value === 'approve' }), label))),
    h('fieldset', {}, h('legend', {}, 'Exclude targets from an approval (optional)'),
      reviewable.map((t, i) => h('div', { class: 'check' },
        h('label', {}, h('input', { type: 'checkbox', name: 'exclude', value: t.key }), `Exclude ${t.key}`),
        field(`Why exclude ${t.key}`, h('input', { name: `excludeReason.${i}`, id: `exclude-reason-${i}`, 'data-target': t.key }))))),
    field('Reason (for a rejection)', h('textarea', { name: 'reason', rows: 2 })),
    field('What to change (for a change request)', h('textarea', { name: 'changes', rows: 2 })),
    h('button', { type: 'submit' }, 'Record decision'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const decision = data.get('decision');
    const body = { decision, packageVersion: status.packageVersion };
    if (decision === 'approve') {
      const excluded = new Set(data.getAll('exclude'));
      body.exclude = [...form.querySelectorAll('input[data-target]')].filter((input) => excluded.has(input.dataset.target)).map((input) => ({ target: input.dataset.target, reason: input.value }));
    }
    if (decision === 'reject') body.reason = data.get('reason');
    if (decision === 'request-changes') body.changes = data.get('changes');
    const made = await api('POST', `/api/cases/${caseId}/decision`, body);
    setTimeout(refresh, 1000);
    return `Recorded: ${made.decision.decision} (round ${made.round}).`;
  });
  return form;
}

function warrantForm(status) {
  const approval = [...status.decisions].reverse().find((d) => d.decision.decision === 'approve');
  const excluded = new Set((approval?.decision.exclude ?? []).map((e) => e.target));
  const coverable = status.targets.filter((t) => !excluded.has(t.key) && !t.warrantId && !['NOT_STARTED', 'DUPLICATE', 'WITHDRAWN', 'NOT_REGISTERED', 'EXCLUDED', 'REJECTED'].includes(t.stage));
  if (coverable.length === 0) return h('p', { class: 'hint' }, 'Every approved target is covered by a recorded warrant.');
  const form = h('form', { class: 'card', 'aria-labelledby': 'warrant-title' },
    h('h2', { id: 'warrant-title' }, 'Record the seizure warrant'),
    h('div', { class: 'two' },
      h('div', {},
        field('Court', h('input', { name: 'court', required: true, placeholder: 'U.S. District Court for the Southern District of New York' })),
        field('Magistrate judge', h('input', { name: 'judge', required: true })),
        field('Docket number', h('input', { name: 'docket', required: true })),
        field('Issued on', h('input', { name: 'issuedOn', type: 'date', required: true, max: new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10) })),
        field('Expires on (optional)', h('input', { name: 'expiresOn', type: 'date' }))),
      h('div', {},
        field('Statutes (one per line)', h('textarea', { name: 'statutes', rows: 2 }, '18 U.S.C. § 981\n18 U.S.C. § 2323')),
        field('Signed warrant document (reference)', h('input', { name: 'documentRef', required: true })),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'sealed' }), 'Sealed'),
        h('fieldset', { class: 'check' }, h('legend', {}, 'Targets it covers'),
          coverable.map((t) => h('label', {}, h('input', { type: 'checkbox', name: 'covers', value: t.key, checked: true }), t.key))))),
    h('button', { type: 'submit' }, 'Record warrant'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const warrant = await api('POST', `/api/cases/${caseId}/warrants`, {
      court: data.get('court'), judge: data.get('judge'), docket: data.get('docket'), issuedOn: data.get('issuedOn'), expiresOn: data.get('expiresOn') || undefined,
      statutes: lines(data.get('statutes')), sealed: data.get('sealed') === 'on', documentRef: data.get('documentRef'), covers: data.getAll('covers'),
    });
    setTimeout(refresh, 1000);
    return `Warrant ${warrant.warrantId} recorded; the notices go out now.`;
  });
  return form;
}

async function refresh() {
  const status = await api('GET', `/api/cases/${encodeURIComponent(caseId)}`);
  const review = status.review;
  render(main,
    h('h1', {}, `Review: case ${status.caseId} `, badge(status.stage)),
    review ? h('p', {}, `Round ${review.round}: ${review.state}; ${review.remindersSent} reminder(s)${review.escalated ? '; escalated to a supervisor' : ''}.`) : h('p', { class: 'hint' }, 'Not submitted for review yet.'),
    status.decisions.length ? h('section', {}, h('h2', {}, 'Decisions'), table(null, [
      ['Round', (d) => String(d.round), { num: true }], ['Version', (d) => String(d.packageVersion), { num: true }], ['Decision', (d) => badge(d.decision.decision)],
      ['By', (d) => d.actor.name], ['When', (d) => when(d.at)], ['Why', (d) => d.decision.reason ?? d.decision.changes ?? d.decision.exclude?.map((e) => `${e.target}: ${e.reason}`).join('; ') ?? ''],
    ], status.decisions)) : null,
    status.stage === 'IN_REVIEW' ? decisionForm(status) : null,
    status.stage === 'AWAITING_WARRANT' || status.stage === 'EXECUTING' ? warrantForm(status) : null,
    packageView(status));
}

load(refresh);
