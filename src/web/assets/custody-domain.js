// One seized domain in custody: its state, the forfeiture clocks and their deadline states, alerts, the
// facts recorded, the last re-verification, the timeline, and the forms to record what happened next.
import { api, badge, h, load, main, noticeTable, page, render, successBox, table, timelineTable, when } from './app.js';
import { custodyForms } from './custody-forms.js';

const clocks = [['personalNoticeDue', 'Personal notice due'], ['publicationEnds', 'Publication ends'], ['claimDeadline', 'Claim deadline'], ['complaintDue', 'Complaint due'],
  ['judicialClaimDeadline', 'Claims in the action close'], ['judicialAnswerDue', "Claimant's answer due"], ['hardshipResponseDue', 'Hardship answer due'], ['hardshipRulingDue', 'Hardship ruling due']];

/** A clock's state: met once its fact is recorded; otherwise as custody's own alerts say (due soon, overdue), or by the date. */
function clockState(status, key, due) {
  const f = status.forfeiture;
  const met = { personalNoticeDue: f.personalNotice && `sent on ${f.personalNotice.sentOn}`, complaintDue: f.complaint && `filed on ${f.complaint.filedOn}` }[key];
  if (met) return ['met', met];
  const passed = Date.parse(due) <= Date.now();
  if (key === 'publicationEnds' || key === 'claimDeadline' || key === 'judicialClaimDeadline') return [passed ? 'passed' : 'running', ''];
  const alert = status.alerts.findLast((a) => a.dueBy === due);
  if (alert) return [/overdue|-ended$/.test(alert.kind) ? 'BREACHED' : 'DUE_SOON', alert.message];
  return [passed ? 'BREACHED' : 'OK', ''];
}

const by = (fact) => `${fact.actor.name} (${fact.actor.role})`;

/** The facts as recorded, one row each: what, the detail, who recorded it and when. */
function factRows(f) {
  const r = f.release;
  return [
    f.personalNotice && ['Personal notice', `sent on ${f.personalNotice.sentOn} to ${f.personalNotice.to.join(', ')}`, f.personalNotice],
    f.publication && ['Publication', `on ${f.publication.site} from ${f.publication.firstDay}`, f.publication],
    ...f.claims.map((c) => ['Claim', `${c.claimant}, filed on ${c.filedOn}${c.timely ? '' : ' (after the claim deadline)'}`, c]),
    f.complaint && ['Complaint', `filed on ${f.complaint.filedOn}, docket ${f.complaint.docket}`, f.complaint],
    f.judicialNotice && ['Notice of the action', `sent on ${f.judicialNotice.sentOn} to ${f.judicialNotice.to.join(', ')}`, f.judicialNotice],
    f.judicialPublication && ['Publication of the action', `on ${f.judicialPublication.site} from ${f.judicialPublication.firstDay}`, f.judicialPublication],
    ...(f.judicialClaims ?? []).flatMap((c) => [['Claim in the action', `${c.claimant}, filed on ${c.filedOn}${c.timely ? '' : ' (after the claim deadline)'}`, c],
      ...(c.answer ? [['Answer to the complaint', `${c.claimant}, filed on ${c.answer.filedOn}`, c.answer]] : [])]),
    ...f.extensions.map((e) => ['Extension', `${e.sealed ? 'sealed: ' : ''}${e.clock} deadline until ${e.until} (order ${e.order})`, e]),
    ...hardshipRows(f.hardship),
    f.order && ['Forfeiture order', `ordered on ${f.order.orderedOn}${f.order.docket ? `, docket ${f.order.docket}` : ''}`, f.order],
    r && ['Release', [r.reason, r.dueBy && `registry to restore it by ${when(r.dueBy)}`, r.restoredAt && `restored ${when(r.restoredAt)}`, r.releasedAt && `released ${when(r.releasedAt)}`].filter(Boolean).join('; '), { ...r, at: r.requestedAt }],
  ].filter(Boolean);
}

function hardshipRows(h) {
  if (!h) return [];
  const decision = (d) => `${d.outcome} on ${d.decidedOn}: ${d.reason}`;
  return [
    ['Hardship request', `${h.claimant}, filed on ${h.filedOn}: ${h.basis}`, h],
    h.response && ['Agency answer', decision(h.response), h.response],
    h.courtPetition && ['Hardship petition', `filed on ${h.courtPetition.filedOn}, docket ${h.courtPetition.docket}`, h.courtPetition],
    h.courtPetition?.ruling && ['Court ruling', decision(h.courtPetition.ruling), h.courtPetition.ruling],
  ].filter(Boolean);
}

function lastCheck(check) {
  if (!check) return h('p', { class: 'hint' }, 'Not re-verified yet.');
  return [h('p', {}, badge(check.state), ` ${when(check.at)}`),
    table(null, [['Check', (c) => c.name], ['Result', (c) => badge(c.ok ? 'verified' : 'BREACHED')], ['Seen', (c) => c.seen]], check.checks)];
}

async function refresh(flash) {
  const s = await api('GET', `/api/custody/${encodeURIComponent(page.domain)}`);
  const notice = flash ? h('div', { tabindex: '-1' }, successBox(flash)) : null;
  render(main,
    h('h1', {}, `Custody of ${s.domain} `, badge(s.state)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Case'), h('dd', {}, h('a', { href: `/cases/${encodeURIComponent(s.caseId)}` }, s.caseId), ` — ${s.caseTitle}`),
      h('dt', {}, 'Seized'), h('dd', {}, when(s.seizedAt)),
      s.warrant ? [h('dt', {}, 'Warrant'), h('dd', {}, `${s.warrant.docket}, ${s.warrant.court}${s.warrant.sealed ? ' (sealed)' : ''}`)] : null,
      h('dt', {}, 'Registration expires'), h('dd', {}, s.expiresAt ? `${when(s.expiresAt)}${s.renewals.length ? ` (renewed ${s.renewals.length} times)` : ''}` : 'unknown'),
      h('dt', {}, 'Banner'), h('dd', {}, s.bannerMode),
      h('dt', {}, 'Deadline state'), h('dd', {}, badge(s.deadlineState)),
      s.state === 'IN_CUSTODY' ? [h('dt', {}, 'Next check'), h('dd', {}, when(s.nextCheckAt))] : null,
      s.endedAt ? [h('dt', {}, 'Ended'), h('dd', {}, when(s.endedAt))] : null,
      h('dt', {}, 'Target'), h('dd', {}, h('a', { href: `/targets/${encodeURIComponent(s.domain)}` }, 'the seizure, step by step'))),
    h('h2', {}, 'Clocks'),
    table(null, [['Clock', ([, label]) => label], ['Date', ([key]) => (s.clocks[key] ? when(s.clocks[key]) : 'not running yet')],
      ['State', ([key]) => { if (!s.clocks[key]) return ''; const [state, why] = clockState(s, key, s.clocks[key]); return [badge(state), why ? ` ${why}` : '']; }]], clocks),
    h('h2', {}, 'Forfeiture facts'),
    table(null, [['Fact', (r) => r[0]], ['Detail', (r) => r[1]], ['Recorded by', (r) => by(r[2])], ['When', (r) => when(r[2].at)]], factRows(s.forfeiture), 'No fact recorded yet.'),
    notice,
    custodyForms(s, (message) => refresh(message)),
    h('h2', {}, 'Alerts'),
    table(null, [['When', (a) => when(a.at)], ['Kind', (a) => a.kind], ['Alert', (a) => a.message], ['Due by', (a) => when(a.dueBy)]], [...s.alerts].reverse(), 'No alerts.'),
    h('h2', {}, 'Last re-verification'),
    lastCheck(s.lastCheck),
    // Custody's own notices (release orders to the registry), where the status carries them.
    s.notices?.length ? [h('h2', {}, 'Notices'), noticeTable(s.notices, s.acknowledgements)] : null,
    h('h2', {}, 'Timeline'),
    timelineTable(s.timeline));
  // After a fact is recorded, the refreshed page says so where the keyboard is.
  notice?.focus();
}

load(() => refresh());
