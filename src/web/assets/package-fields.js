// The case package's evidence and contact fields, shared by the case form and the operation form.
// `required` marks what the case form insists on in the browser (the operation form checks fields itself);
// `optionalNote` says "(optional)" on the fieldsets a package may leave out.
import { field, h } from './app.js';

export function evidenceAndContactFields({ today, required = false, optionalNote = false }) {
  const need = required ? { required: true } : {};
  const legend = (text) => h('legend', {}, optionalNote ? `${text} (optional)` : text);
  return [
    field('Evidence summary', h('textarea', { name: 'evidence.summary', rows: 3, ...need })),
    h('fieldset', {}, legend('Undercover purchase'),
      field('Date', h('input', { name: 'purchase.date', type: 'date', value: today })),
      field('Order reference', h('input', { name: 'purchase.orderReference' })),
      field('Item', h('input', { name: 'purchase.item' }))),
    h('fieldset', {}, legend('Rights-holder confirmation'),
      field('Rights holder', h('input', { name: 'confirmation.rightsHolder' })),
      field('Confirmed on', h('input', { name: 'confirmation.confirmedOn', type: 'date', value: today })),
      field('Reference', h('input', { name: 'confirmation.reference' }))),
    h('fieldset', { class: 'check' }, h('legend', {}, 'Requested actions'),
      ['seizure', 'takedown', 'preservation'].map((a) => h('label', {}, h('input', { type: 'checkbox', name: 'requestedActions', value: a, checked: a === 'seizure' }), a))),
    h('fieldset', {}, h('legend', {}, 'Contact stated in notices'),
      field('Name', h('input', { name: 'contact.name', ...need })),
      field('E-mail', h('input', { name: 'contact.email', type: 'email', ...need })),
      field('Phone', h('input', { name: 'contact.phone' }))),
  ];
}
