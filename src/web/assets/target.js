// One target's full record: stage, registration, evidence, decision, warrant, notices, verifications, timeline.
import { api, badge, h, load, main, noticeTable, page, render, table, when } from './app.js';

load(async () => {
  const t = await api('GET', `/api/targets/${encodeURIComponent(page.target)}`);
  const reg = t.registration;
  render(main,
    h('h1', {}, `${t.target.kind === 'profile' ? `${t.target.platform}:${t.target.handle}` : t.target.domain} `, badge(t.stage)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Case'), h('dd', {}, h('a', { href: `/cases/${encodeURIComponent(t.caseId)}` }, t.caseId)),
      h('dt', {}, 'Workflow'), h('dd', {}, h('code', {}, t.workflowId)),
      // Something outside is down and the target waits for it: what, since when, the next look, the deadline.
      t.waiting ? [h('dt', {}, 'Waiting'), h('dd', {}, t.waiting.summary)] : null,
      reg ? [
        h('dt', {}, 'Registry'), h('dd', {}, reg.registry.name),
        h('dt', {}, 'Registrar'), h('dd', {}, `${reg.registrar.name}${reg.registrar.ianaId ? ` (IANA ${reg.registrar.ianaId})` : ''}${reg.registrar.abuseEmail ? `, abuse: ${reg.registrar.abuseEmail}` : ''}`),
        h('dt', {}, 'Name servers'), h('dd', {}, (reg.nameservers ?? []).join(', ')),
      ] : null,
      t.decision ? [h('dt', {}, 'Legal review'), h('dd', {}, `${t.decision.outcome} by ${t.decision.actor.name}${t.decision.reason ? `: ${t.decision.reason}` : ''}`)] : null,
      t.warrant ? [h('dt', {}, 'Warrant'), h('dd', {}, `${t.warrant.warrant.docket}, ${t.warrant.warrant.court}${t.warrant.warrant.sealed ? ' (sealed)' : ''}`)] : null,
      // A seized domain is in custody: re-verification and the forfeiture clocks are on its custody page.
      t.target.kind === 'domain' && ['SEIZED', 'FORFEITED', 'RELEASED'].includes(t.stage) ? [h('dt', {}, 'Custody'), h('dd', {}, h('a', { href: `/custody/${encodeURIComponent(t.target.domain)}` }, 'forfeiture clocks, re-verification and facts'))] : null),
    h('h2', {}, 'Evidence'),
    table(null, [['URL', (e) => h('code', {}, e.url)], ['Status', (e) => String(e.status || e.error || ''), { num: true }], ['SHA-256', (e) => h('code', {}, e.bodySha256.slice(0, 16) + '…')], ['Captured', (e) => `${when(e.capturedAt)} by ${e.capturedBy}`]], t.evidence, 'No evidence captured yet.'),
    h('h2', {}, 'Notices'),
    noticeTable(t.notices, t.acknowledgements),
    h('h2', {}, 'Verification'),
    table(null, [['When', (v) => when(v.at)], ['Result', (v) => badge(v.state)], ['Checks', (v) => v.checks.map((c) => `${c.name} ${c.ok ? 'ok' : 'not yet'} (${c.seen})`).join('; ')]], t.verifications, 'Not verified yet.'),
    h('h2', {}, 'Timeline'),
    h('table', { class: 'timeline' },
      h('thead', {}, h('tr', {}, ['When', 'Stage', 'Who', 'What'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, t.timeline.map((e) => h('tr', {}, h('td', {}, when(e.at)), h('td', {}, e.stage ? badge(e.stage) : ''), h('td', {}, `${e.actor.name} (${e.actor.role})`), h('td', {}, e.action, e.detail ? ` — ${e.detail}` : '', e.reason ? ` — ${e.reason}` : ''))))));
});
