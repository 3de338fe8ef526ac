// Outreach and education: events held with industry and other agencies (date, partners, audience, attendance,
// topic) and, later, their positive outcomes, each recorded against its event. Coordinators record; staff read.
import { api, field, h, keepCurrent, lines, load, main, may, onSubmit, render, table, when } from './app.js';

const fetchEvents = () => api('GET', '/api/outreach?limit=200');
const outcomeKinds = [['policy-change', 'Policy change'], ['process-change', 'Process change'], ['referrals', 'Referrals received'], ['joint-operation', 'Joint operation'], ['other', 'Other']];
const today = () => new Date().toISOString().slice(0, 10);

function eventForm() {
  const form = h('form', { class: 'card', 'aria-labelledby': 'event-title' }, h('h2', { id: 'event-title' }, 'Record an event'),
    h('fieldset', { class: 'check' }, h('legend', {}, 'Kind'), [['outreach', 'Outreach'], ['training', 'Training']].map(([value, label], i) => h('label', {}, h('input', { type: 'radio', name: 'kind', value, checked: i === 0 }), label))),
    h('div', { class: 'two' },
      h('div', {}, field('Date held', h('input', { name: 'date', type: 'date', required: true, max: today() })), field('Topic', h('input', { name: 'topic', required: true })), field('Audience', h('input', { name: 'audience', required: true }))),
      h('div', {}, field('Partner organisations (one per line)', h('textarea', { name: 'partners', rows: 3, required: true })), field('Attendance', h('input', { name: 'attendance', type: 'number', min: 0, required: true })))),
    h('button', { type: 'submit' }, 'Record event'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const event = await api('POST', '/api/outreach', { kind: data.get('kind'), date: data.get('date'), topic: data.get('topic'), audience: data.get('audience'), partners: lines(data.get('partners')), attendance: Number(data.get('attendance')) });
    draw(await fetchEvents(), `${event.eventId} recorded.`);
    return null;
  });
  return form;
}

function outcomeForm(events) {
  const form = h('form', { class: 'card', 'aria-labelledby': 'outcome-title' }, h('h2', { id: 'outcome-title' }, 'Record an outcome of an event'),
    h('div', { class: 'two' },
      h('div', {}, field('Event', h('select', { name: 'eventId', required: true }, events.map((e) => h('option', { value: e.eventId }, `${e.eventId}: ${e.date}, ${e.topic}`)))),
        field('Kind of outcome', h('select', { name: 'kind', required: true }, outcomeKinds.map(([value, label]) => h('option', { value }, label)))),
        field('Date seen', h('input', { name: 'date', type: 'date', required: true, max: today() }))),
      h('div', {}, field('Organisation', h('input', { name: 'organisation', required: true })), field('What changed', h('textarea', { name: 'description', rows: 3, required: true })))),
    h('button', { type: 'submit' }, 'Record outcome'), h('div', { class: 'status', tabindex: '-1' }));
  onSubmit(form, async (data) => {
    const eventId = String(data.get('eventId'));
    await api('POST', `/api/outreach/${encodeURIComponent(eventId)}/outcomes`, { kind: data.get('kind'), date: data.get('date'), organisation: data.get('organisation'), description: data.get('description') });
    draw(await fetchEvents(), `Outcome recorded for ${eventId}.`);
    return null;
  });
  return form;
}

// The page is redrawn after each change, so what was recorded is said above the forms, not inside one.
let said = '';
function draw({ events }, flash) {
  if (flash) said = flash;
  render(main,
    h('h1', {}, 'Outreach and education'),
    said ? h('div', { class: 'success', role: 'status' }, said) : null,
    table('Events held, newest first', [
      ['Event', (e) => h('code', {}, e.eventId)], ['Date', (e) => e.date], ['Kind', (e) => e.kind], ['Topic', (e) => e.topic], ['Audience', (e) => e.audience],
      ['Partners', (e) => e.partners.join(', ')], ['Attendance', (e) => String(e.attendance)],
      ['Outcomes', (e) => (e.outcomes.length ? h('ul', {}, e.outcomes.map((o) => h('li', {}, `${o.date} ${o.organisation}: ${o.description} (${o.kind})`))) : 'none yet')],
      ['Recorded', (e) => `${when(e.recordedAt)} by ${e.recordedBy.name}`],
    ], events, 'No events recorded yet.'),
    may('recordOutreach') ? [eventForm(), events.length ? outcomeForm(events) : null] : null);
}

load(async () => draw(await fetchEvents()));
keepCurrent(fetchEvents, (data) => draw(data));
