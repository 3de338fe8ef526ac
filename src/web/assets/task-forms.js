// The forms of a person's tasks on a target's page: the registration found by hand (manual lookup), the record
// of a portal submission (with the platform's checklist), and a preservation's one extension. Each is shown only
// to the roles the API lets do it (data-may) and only while the target waits for it; `done(message)` refreshes.
import { api, deadline, field, h, lines, may, onSubmit } from './app.js';

const pad = (n) => String(n).padStart(2, '0');
/** Now as a datetime-local value (local time, to the second). */
const localNow = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`; };
/** A datetime-local value (the person's local time) as the ISO instant the API takes. */
const instant = (value) => (value ? new Date(String(value)).toISOString() : undefined);
const text = (value) => { const v = String(value ?? '').trim(); return v === '' ? undefined : v; };
const path = (target, rest) => `/api/targets/${encodeURIComponent(target)}/${rest}`;

function card(id, title, ...children) {
  return h('form', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), children, h('div', { class: 'status', tabindex: '-1' }));
}

/** The registration record as a registrar record needs it: registry, registrar and its abuse contact, name servers, statuses, expiry, source. */
function manualLookupForm(target, task, done) {
  const form = card('task', 'Enter the registration found by hand',
    h('p', {}, 'No registry answered: ', task.reason, '. Due by ', deadline(task.dueBy), '. Look the domain up at the registry or registrar (web WHOIS, their support) and enter what you found.'),
    h('div', { class: 'two' },
      h('div', {}, field('Registry', h('input', { name: 'registry', required: true }), 'The operator of the TLD, e.g. "Guyana Registry"'),
        field('Registrar', h('input', { name: 'registrar', required: true })),
        field('Registrar IANA ID', h('input', { name: 'ianaId', inputmode: 'numeric' }), 'Optional; a number'),
        field('Registrar abuse e-mail', h('input', { name: 'abuseEmail', type: 'email', required: true })),
        field('Registrar abuse phone', h('input', { name: 'abusePhone' }), 'Optional')),
      h('div', {}, field('Name servers (one per line)', h('textarea', { name: 'nameservers', rows: 2, required: true })),
        field('Statuses (one per line)', h('textarea', { name: 'statuses', rows: 2 }), 'EPP statuses as shown, e.g. clientTransferProhibited; optional'),
        field('Expires', h('input', { name: 'expires', type: 'date' }), 'Optional'),
        field('Where it was found', h('input', { name: 'foundAt', required: true }), 'e.g. the registry\'s web WHOIS page, with its address'))),
    h('button', { type: 'submit' }, 'Save the registration'));
  onSubmit(form, async (data) => {
    const record = {
      registry: { name: text(data.get('registry')) },
      registrar: { name: text(data.get('registrar')), ianaId: text(data.get('ianaId')), abuseEmail: text(data.get('abuseEmail')), abusePhone: text(data.get('abusePhone')) },
      nameservers: lines(data.get('nameservers')), statuses: lines(data.get('statuses')), expires: text(data.get('expires')), foundAt: text(data.get('foundAt')),
    };
    await api('POST', path(target, 'registration'), { record: JSON.parse(JSON.stringify(record)) });
    await done('Registration saved: the target goes on with it.');
    return null;
  });
  return form;
}

/** The checklist of what to put in the platform's portal, then the record of the submission (its reference and time). */
function portalForm(target, task, done) {
  const c = task.checklist;
  const form = card('task', `Submit the ${c.kind} request in the ${c.platform} portal`,
    h('p', {}, `${c.platform} takes ${c.kind} requests only through its portal. Due by `, deadline(task.dueBy), '.'),
    h('p', {}, 'Portal: ', h('a', { href: c.portalUrl, rel: 'noreferrer noopener', target: '_blank' }, c.portalUrl), ` — address it to ${c.legalEntity}.`),
    h('ol', { class: 'checklist' }, c.items.map((item) => h('li', {}, item))),
    h('h3', {}, 'Record the portal submission'),
    field('Portal reference', h('input', { name: 'reference', required: true, maxlength: 200 }), 'The reference number the portal gave'),
    field('Submitted at', h('input', { name: 'submittedAt', type: 'datetime-local', step: 1, value: localNow(), required: true }), 'Your local time; not in the future'),
    h('button', { type: 'submit' }, 'Record the portal submission'));
  onSubmit(form, async (data) => {
    const made = await api('POST', path(target, 'portal-submission'), { kind: c.kind, reference: text(data.get('reference')), submittedAt: instant(data.get('submittedAt')) });
    await done(`Recorded: ${made.kind} request, reference ${made.reference}.`);
    return null;
  });
  return form;
}

/** One extension of a preservation by one more period: by letter (e-mail platforms), or as renewed in the portal (its reference and time). */
function extensionForm(target, preservation, done) {
  const portal = preservation.channel === 'portal';
  const form = card('extend-preservation', 'Extend the preservation',
    h('p', {}, 'The platform keeps the records until ', deadline(preservation.expiresAt), '. Under 18 U.S.C. § 2703(f) it may be extended once, by one more period.'),
    portal ? [field('Portal reference of the extension', h('input', { name: 'reference', required: true, maxlength: 200 })),
      field('Extension submitted at', h('input', { name: 'submittedAt', type: 'datetime-local', step: 1, value: localNow(), required: true }))]
      : h('p', { class: 'hint' }, 'An extension letter is e-mailed to the platform.'),
    h('button', { type: 'submit' }, 'Extend the preservation'));
  onSubmit(form, async (data) => {
    const body = portal ? { reference: text(data.get('reference')), submittedAt: instant(data.get('submittedAt')) } : {};
    const record = await api('POST', path(target, 'preservation/extend'), body);
    await done(`Preservation extended to ${record.expiresAt}.`);
    return null;
  });
  return form;
}

/** The task forms this person may use on this target now (none for roles that do no tasks). */
export function taskForms(target, status, done) {
  if (!may('targetTasks')) return [];
  const forms = [];
  const { task } = status;
  if (task?.kind === 'manual-lookup') forms.push(manualLookupForm(target, task, done));
  if (task?.kind === 'portal-submission' && task.checklist) forms.push(portalForm(target, task, done));
  const p = status.profile?.preservation;
  if (p && !p.expired && p.extensions.length === 0 && Date.parse(p.expiresAt) > Date.now()) forms.push(extensionForm(target, p, done));
  return forms;
}
