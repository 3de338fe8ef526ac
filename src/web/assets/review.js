// Counsel's queue: cases waiting for a decision, and approved cases waiting for their warrant.
import { api, badge, h, load, main, render, table, when } from './app.js';

const caseTable = (cases, empty) => table(null, [
  ['Case', (c) => h('a', { href: `/review/${encodeURIComponent(c.caseId)}` }, c.caseId)],
  ['Title', (c) => c.title ?? ''],
  ['Stage', (c) => badge(c.stage)],
  ['Opened by', (c) => c.openedBy?.name ?? ''],
  ['Opened', (c) => when(c.startedAt)],
], cases, empty);

load(async () => {
  const [review, warrant, executing] = await Promise.all(['IN_REVIEW', 'AWAITING_WARRANT', 'EXECUTING'].map((stage) => api('GET', `/api/cases?stage=${stage}`)));
  render(main,
    h('h1', {}, 'Review queue'),
    h('h2', {}, 'Waiting for a decision'), caseTable(review.cases, 'No case is waiting for a decision.'),
    h('h2', {}, 'Approved, waiting for the warrant'), caseTable(warrant.cases, 'No approved case is waiting for its warrant.'),
    h('h2', {}, 'Executing'), caseTable(executing.cases, 'No case is executing.'));
});
