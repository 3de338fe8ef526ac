// The forms that record a fact on a seized domain: one per fact, each shown only to the roles the API
// lets record it (page data-may) and only while the fact can still be recorded.
import { api, field, h, lines, may, onSubmit } from './app.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Each fact: its API path, who may record it, when it no longer applies, and its fields (named as the API names them). */
const facts = [
  { path: 'personal-notice', title: 'Personal notice sent', action: 'recordCustodyFact', done: (f) => f.personalNotice,
    fields: [['sentOn', 'Sent on', 'date'], ['to', 'Sent to (one per line)', 'lines']] },
  { path: 'publication', title: 'Publication on the forfeiture site', action: 'recordCustodyFact', done: (f) => f.publication,
    fields: [['firstDay', 'First day of publication', 'date'], ['site', 'Site', 'text', 'www.forfeiture.gov']] },
  { path: 'claims', title: 'Claim filed', action: 'recordCustodyFact',
    fields: [['claimant', 'Claimant', 'text'], ['filedOn', 'Claim filed on', 'date']] },
  { path: 'complaint', title: 'Forfeiture complaint filed', action: 'recordCourtAct', done: (f) => f.complaint,
    fields: [['filedOn', 'Complaint filed on', 'date'], ['docket', 'Complaint docket', 'text']] },
  { path: 'judicial/notice', title: 'Notice of the forfeiture action sent (Rule G(4)(b))', action: 'recordCustodyFact', done: (f) => !f.complaint || f.judicialNotice,
    fields: [['sentOn', 'Sent on', 'date'], ['to', 'Sent to (one per line)', 'lines']] },
  { path: 'judicial/publication', title: 'Forfeiture action published (Rule G(4)(a))', action: 'recordCustodyFact', done: (f) => !f.complaint || f.judicialPublication,
    fields: [['firstDay', 'First day of publication', 'date'], ['site', 'Site', 'text', 'www.forfeiture.gov']] },
  { path: 'judicial/claims', title: 'Claim filed in the action', action: 'recordCustodyFact', done: (f) => !f.complaint,
    fields: [['claimant', 'Claimant', 'text'], ['filedOn', 'Claim filed on', 'date']] },
  { path: 'judicial/answers', title: "Claimant's answer to the complaint", action: 'recordCustodyFact', done: (f) => !(f.judicialClaims ?? []).some((c) => !c.answer),
    fields: [['claimant', 'Claimant', 'text'], ['filedOn', 'Answer filed on', 'date']] },
  { path: 'extensions', title: 'Deadline extended by the court', action: 'recordCourtAct',
    fields: [['clock', 'Deadline extended', ['personal-notice', 'complaint']], ['until', 'Extended until', 'date'], ['order', 'Order granting it', 'text'], ['sealed', 'Sealed', 'check']] },
  { path: 'hardship/request', title: 'Hardship request (§ 983(f))', action: 'recordCustodyFact', done: (f) => f.hardship,
    fields: [['claimant', 'Claimant', 'text'], ['filedOn', 'Request filed on', 'date'], ['basis', 'Hardship asserted', 'text']] },
  { path: 'hardship/petition', title: 'Hardship petition to the court', action: 'recordCustodyFact', done: (f) => !f.hardship || f.hardship.courtPetition,
    fields: [['filedOn', 'Petition filed on', 'date'], ['docket', 'Petition docket', 'text']] },
  { path: 'hardship/decision', title: 'Hardship decision', action: 'recordCourtAct', done: (f) => !f.hardship || f.hardship.courtPetition?.ruling || (f.hardship.response && !f.hardship.courtPetition),
    fields: [['by', 'Decided by', ['agency', 'court']], ['outcome', 'Outcome', ['denied', 'granted']], ['decidedOn', 'Decided on', 'date'], ['reason', 'Reason', 'text']] },
  { path: 'forfeiture-order', title: 'Order of forfeiture', action: 'recordCourtAct',
    fields: [['orderedOn', 'Ordered on', 'date'], ['docket', 'Order docket (optional)', 'text']] },
  { path: 'forfeiture/confirm', title: 'Confirm the administrative forfeiture', action: 'recordCourtAct', done: (f) => !f.due || f.confirmation,
    fields: [['note', 'What was checked (optional)', 'text']] },
  { path: 'release', title: 'Release the domain', action: 'recordCourtAct', danger: true,
    fields: [['reason', 'Why it is released', 'text']] },
];

function input(fact, [name, , kind, value]) {
  const id = `${fact.path.replace('/', '-')}-${name}`;
  if (kind === 'lines') return h('textarea', { id, name, rows: 2 });
  if (kind === 'check') return h('input', { id, name, type: 'checkbox' });
  if (Array.isArray(kind)) return h('select', { id, name }, kind.map((option) => h('option', { value: option }, option)));
  return h('input', { id, name, type: kind === 'date' ? 'date' : 'text', value: value ?? (kind === 'date' ? today() : undefined) });
}

/** The body as the API takes it: lists split by line, a checkbox as yes/no, an empty optional field left out. */
function bodyOf(fact, data) {
  const body = {};
  for (const [name, , kind] of fact.fields) {
    const value = data.get(name);
    if (kind === 'check') body[name] = value === 'on';
    else if (kind === 'lines') body[name] = lines(value);
    else if (value) body[name] = String(value).trim();
  }
  return body;
}

function factForm(domain, fact, recorded) {
  const title = `${fact.path.replace('/', '-')}-title`;
  const form = h('form', { class: 'card', 'aria-labelledby': title }, h('h3', { id: title }, fact.title),
    fact.fields.map((f) => (f[2] === 'check' ? h('label', { class: 'check' }, input(fact, f), f[1]) : field(f[1], input(fact, f)))),
    h('button', { type: 'submit', class: fact.danger ? 'danger' : undefined }, `Record: ${fact.title.toLowerCase()}`), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    await api('POST', `/api/custody/${encodeURIComponent(domain)}/${fact.path}`, bodyOf(fact, data));
    await recorded(`${fact.title}: recorded.`);
    return null;
  });
  return form;
}

/** The forms this person may use now; `recorded(message)` refreshes the page after a fact is recorded. */
export function custodyForms(status, recorded) {
  // A release or forfeiture order ends custody: nothing more is recorded once either is.
  if (status.state !== 'IN_CUSTODY' || status.forfeiture.release || status.forfeiture.order) return [];
  const shown = facts.filter((fact) => may(fact.action) && !fact.done?.(status.forfeiture));
  const reverify = may('recordCustodyFact') ? h('form', { class: 'card' }, h('h3', {}, 'Re-verify now'),
    h('p', { class: 'hint' }, 'Asks the registry, the zone and the banner again instead of waiting for the next scheduled check.'),
    h('button', { type: 'submit', class: 'secondary' }, 'Re-verify now'), h('div', { class: 'status', tabindex: '-1' })) : null;
  if (reverify) onSubmit(reverify, async () => { await api('POST', `/api/custody/${encodeURIComponent(status.domain)}/reverify`); await recorded('Re-verification asked for; its result shows under "Last re-verification" when it is done.'); return null; });
  if (!shown.length && !reverify) return [];
  return [h('h2', {}, 'Record what happened'), h('div', { class: 'grid' }, shown.map((fact) => factForm(status.domain, fact, recorded)), reverify)];
}
