// One target's full record: stage, the task waiting for a person (with its form), registration, evidence, decision,
// warrant, notices, verifications, timeline. It keeps itself current (keepCurrent) while nobody is typing in a form.
import { api, badge, deadline, h, keepCurrent, load, main, noticeTable, page, render, successBox, table, when } from './app.js';
import { taskForms } from './task-forms.js';

// What was just done stays said for a while, across the refreshes that follow.
let said = { text: '', until: 0 };
let first = true;

// The target's page links back to the leads it came from (issue 16); staff who may not see leads simply see none.
const fetchTarget = async () => {
  const [target, leads] = await Promise.all([api('GET', `/api/targets/${encodeURIComponent(page.target)}`), api('GET', `/api/leads?target=${encodeURIComponent(page.target)}`).then((r) => r.leads, () => [])]);
  return { ...target, leads };
};
const refresh = async (flash) => draw(await fetchTarget(), flash);

function draw(t, flash) {
  const reg = t.registration;
  if (flash) said = { text: flash, until: Date.now() + 20_000 };
  const notice = said.until > Date.now() ? h('div', { tabindex: '-1' }, successBox(said.text)) : null;
  render(main,
    h('h1', {}, `${t.target.kind === 'profile' ? `${t.target.platform}:${t.target.handle}` : t.target.domain} `, badge(t.stage)),
    notice,
    h('dl', { class: 'facts' },
      t.task ? [h('dt', {}, 'Waiting for a person'), h('dd', {}, `${t.task.kind}: ${t.task.reason}; due by `, deadline(t.task.dueBy))] : null,
      h('dt', {}, 'Case'), h('dd', {}, h('a', { href: `/cases/${encodeURIComponent(t.caseId)}` }, t.caseId)),
      h('dt', {}, 'Workflow'), h('dd', {}, h('code', {}, t.workflowId)),
      t.leads?.length ? [h('dt', {}, 'From lead'), h('dd', {}, t.leads.map((l, i) => [i ? ', ' : '', h('a', { href: `/leads/${encodeURIComponent(l.leadId)}` }, l.leadId), ` (${l.source}: ${l.summary})`]))] : null,
      // Something outside is down and the target waits for it: what, since when, the next look, the deadline.
      t.waiting ? [h('dt', {}, 'Waiting'), h('dd', {}, t.waiting.summary)] : null,
      reg ? [
        h('dt', {}, 'Registry'), h('dd', {}, reg.registry.name),
        h('dt', {}, 'Registrar'), h('dd', {}, `${reg.registrar.name}${reg.registrar.ianaId ? ` (IANA ${reg.registrar.ianaId})` : ''}${reg.registrar.abuseEmail ? `, abuse: ${reg.registrar.abuseEmail}` : ''}`),
        h('dt', {}, 'Name servers'), h('dd', {}, (reg.nameservers ?? []).join(', ')),
        reg.source === 'manual' ? [h('dt', {}, 'Entered by hand'), h('dd', {}, `by ${reg.enteredBy?.name ?? 'a person'}${reg.foundAt ? `, found at ${reg.foundAt}` : ''}`)] : null,
      ] : null,
      t.decision ? [h('dt', {}, 'Legal review'), h('dd', {}, `${t.decision.outcome} by ${t.decision.actor.name}${t.decision.reason ? `: ${t.decision.reason}` : ''}`)] : null,
      t.warrant ? [h('dt', {}, 'Warrant'), h('dd', {}, `${t.warrant.warrant.docket}, ${t.warrant.warrant.court}${t.warrant.warrant.sealed ? ' (sealed)' : ''}`)] : null,
      // A seized domain is in custody: re-verification and the forfeiture clocks are on its custody page.
      t.target.kind === 'domain' && ['SEIZED', 'FORFEITED', 'RELEASED'].includes(t.stage) ? [h('dt', {}, 'Custody'), h('dd', {}, h('a', { href: `/custody/${encodeURIComponent(t.target.domain)}` }, 'forfeiture clocks, re-verification and facts'))] : null),
    taskForms(page.target, t, (message) => refresh(message)),
    h('h2', {}, 'Evidence'),
    // A failed attempt says why and has no page (no SHA-256): it is not evidence.
    table(null, [['URL', (e) => h('code', {}, e.url)], ['Status', (e) => (e.failure ? `failed (${e.failure.kind}): ${e.failure.reason}` : String(e.status || e.error || ''))],
      ['SHA-256', (e) => (e.bodySha256 && !e.failure && e.status ? h('code', {}, e.bodySha256.slice(0, 16) + '…') : 'nothing captured')], ['Attempted', (e) => `${when(e.capturedAt)} by ${e.capturedBy}`]], t.evidence, 'No evidence captured yet.'),
    h('h2', {}, 'Notices'),
    noticeTable(t.notices, t.acknowledgements),
    h('h2', {}, 'Verification'),
    table(null, [['When', (v) => when(v.at)], ['Result', (v) => badge(v.state)], ['Checks', (v) => v.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'not yet'} (${c.seen})`).join('; ')]], t.verifications, 'Not verified yet.'),
    h('h2', {}, 'Timeline'),
    h('table', { class: 'timeline' },
      h('thead', {}, h('tr', {}, ['When', 'Stage', 'Who', 'What'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, t.timeline.map((e) => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.stage ? badge(e.stage) : ''), h('td', {}, `${e.actor.name} (${e.actor.role})`), h('td', {}, e.action, e.detail ? ` — ${e.detail}` : '', e.reason ? ` — ${e.reason}` : ''))))));
  // After a task is done, the refreshed page says so where the keyboard is.
  if (flash) notice?.focus();
  // Arriving from "My tasks" (…#task): the form is where the eye goes.
  if (first && location.hash === '#task') document.getElementById('task')?.scrollIntoView();
  first = false;
}

load(() => refresh());
keepCurrent(fetchTarget, (t) => draw(t));
