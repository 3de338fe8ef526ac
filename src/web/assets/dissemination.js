// Dissemination, shared by the lead's and the case's pages: the form that passes findings to another field office,
// agency or partner (POST .../disseminate), and the table of where they went and what came of each.
import { api, field, h, onSubmit, table, when } from './app.js';

const outcomeLabels = { 'investigation-opened': 'Opened an investigation', 'enforcement-action': 'Took enforcement action', 'litigation-filed': 'Filed litigation', 'no-action': 'No action' };

/** The form; `done(result)` redraws the page with what was sent. */
export function disseminateForm(title, hint, url, done) {
  const id = `disseminate-${title.replace(/[^a-z]/gi, '-').toLowerCase()}`;
  const form = h('form', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), h('p', { class: 'hint' }, hint),
    h('fieldset', { class: 'check' }, h('legend', {}, 'Recipient'),
      [['field-office', 'Field office'], ['agency', 'Agency'], ['partner', 'Partner']].map(([value, label], i) => h('label', {}, h('input', { type: 'radio', name: 'recipient.kind', value, required: true, checked: i === 0 }), label))),
    h('div', { class: 'two' },
      // Ids of their own: the case's page has other forms with a `note` field.
      h('div', {}, field('Organisation', h('input', { id: `${id}-organisation`, name: 'recipient.organisation', required: true })), field('Person or desk', h('input', { id: `${id}-name`, name: 'recipient.name', required: true }))),
      h('div', {}, field('E-mail', h('input', { id: `${id}-email`, name: 'recipient.email', type: 'email', required: true })), field('Why it goes to them', h('textarea', { id: `${id}-note`, name: 'note', rows: 3, required: true })))),
    h('button', { type: 'submit' }, 'Send dissemination'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const recipient = { kind: data.get('recipient.kind'), organisation: data.get('recipient.organisation'), name: data.get('recipient.name'), email: data.get('recipient.email') };
    await done(await api('POST', url, { recipient, note: data.get('note') }), recipient);
    return null;
  });
  return form;
}

export function disseminationsTable(list) {
  return table('Disseminations and what came of them', [
    ['Reference', (d) => h('code', {}, d.disseminationId)],
    ['To', (d) => `${d.recipient.organisation} (${d.recipient.name}, ${d.recipient.kind})`],
    ['Sent', (d) => `${when(d.createdAt)} by ${d.sentBy.name}`],
    ['Reminder', (d) => (d.workflow?.reminderSentAt ? when(d.workflow.reminderSentAt) : '')],
    ['Outcome', (d) => (d.outcome ? `${outcomeLabels[d.outcome.outcome] ?? d.outcome.outcome}, recorded by ${d.outcome.by.name} ${when(d.outcome.at)}` : 'none recorded yet')],
  ], list, 'Not disseminated.');
}
