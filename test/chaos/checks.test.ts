import nodemailer from 'nodemailer';
import { checkDecisions, checkNotices } from '../../bench/chaos/checks';
import type { CaseStatusView as CaseStatus } from '../../domain/case-view';
import type { NoticeSummary } from '../../domain/notice-records';
import { startMailSink, type MailSink } from '../../src/mail-sink/sink';

/** The chaos run's end checks must see what they look for: a lost, a doubled and an unrecorded notice; a decision missing from the timeline. */
let sink: MailSink;
beforeEach(async () => { sink = await startMailSink(); });
afterEach(() => sink.close());

const notice = (noticeId: string, kind = 'registry-order'): NoticeSummary => ({ noticeId, kind, to: ['abuse@registry.example'], subject: `notice ${noticeId}`, messageId: `<${noticeId}@iprcenter.example>`, sentAt: '2026-12-01T00:00:00Z', covers: ['a.com'] } as NoticeSummary);

async function send(noticeId: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'takedown@iprcenter.example', to: 'abuse@registry.example', subject: `notice ${noticeId}`, text: 'x', messageId: `<${noticeId}@iprcenter.example>`, headers: { 'X-Takedown-Notice': noticeId } });
  transport.close();
}

test('a notice never sent is lost, one sent twice is a duplicate, one sent but recorded nowhere is unrecorded', async () => {
  await send('N-once');
  await send('N-twice');
  await send('N-twice');
  await send('N-stray');
  const status = { notices: [notice('N-once'), notice('N-twice'), notice('N-never')] } as CaseStatus;
  const checked = checkNotices([status], [], sink);
  expect(checked.lost.map((n) => n.noticeId)).toEqual(['N-never']);
  expect(checked.duplicates).toEqual([{ noticeId: 'N-twice', messageIds: ['N-twice@iprcenter.example'], copies: 2 }]);
  expect(checked.unrecorded.map((n) => n.noticeId)).toEqual(['N-stray']);
  expect(checked.recorded).toBe(3);
});

test('an accepted decision or acknowledgement missing from the case record or timeline is a lost decision', () => {
  const rivera = { id: 'rivera', name: 'Special Agent Dana Rivera', role: 'agent' as const };
  const okafor = { id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel' as const };
  const status = {
    caseId: 'C-1', openedBy: rivera, rounds: [{ round: 1 }], decisions: [{ actor: okafor, decision: 'approve' }], warrants: [],
    notices: [notice('N-1'), notice('N-2', 'registrar-notice')],
    acknowledgements: [{ noticeId: 'N-1', kind: 'actioned', by: { name: 'Abuse Desk' } }],
    timeline: [
      { at: '', actor: rivera, action: 'case opened: x' },
      { at: '', actor: rivera, action: 'submitted package version 1 for legal review' },
      { at: '', actor: { id: 'Abuse Desk', name: 'Abuse Desk', role: 'recipient' }, action: 'notice N-1 actioned' },
      // No line for counsel's approval; no warrant recorded; N-2 never acknowledged.
    ],
  } as unknown as CaseStatus;
  const acted = [
    { by: 'rivera', url: '/api/cases', status: 201, at: '' },
    { by: 'rivera', url: '/api/cases/C-1/submit', status: 200, at: '' },
    { by: 'okafor', url: '/api/cases/C-1/decision', status: 200, at: '' },
    { by: 'okafor', url: '/api/cases/C-1/warrants', status: 200, at: '' },
  ];
  const checked = checkDecisions(acted, new Map([['C-1', status]]));
  expect(checked.made).toBe(6);
  expect(checked.lost.map((l) => `${l.by} ${l.url}`)).toEqual(['okafor /api/cases/C-1/decision', 'okafor /api/cases/C-1/warrants', 'recipient notice N-2']);
  expect(checked.doubled).toEqual([]);
});

test('a decision recorded twice for one accepted request (a request sent again after a 503 that had gone through) is counted', () => {
  const okafor = { id: 'okafor', name: 'AUSA Grace Okafor', role: 'counsel' as const };
  const status = {
    caseId: 'C-2', openedBy: okafor, rounds: [], decisions: [], warrants: [{ actor: okafor }, { actor: okafor }], notices: [],
    acknowledgements: [],
    timeline: [{ at: '', actor: okafor, action: 'warrant W-1 recorded: court' }, { at: '', actor: okafor, action: 'warrant W-2 recorded: court' }],
  } as unknown as CaseStatus;
  const checked = checkDecisions([{ by: 'okafor', url: '/api/cases/C-2/warrants', status: 201, at: '' }], new Map([['C-2', status]]));
  expect(checked.lost).toEqual([]);
  expect(checked.doubled).toEqual([{ caseId: 'C-2', what: 'recorded the warrant', accepted: 1, recorded: 2 }]);
});
