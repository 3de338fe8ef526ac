/** How `takedown custody` shows a seized domain's custody to people: state, clocks, facts, checks, alerts, notices. */
import type { CustodyClocks, CustodyStatus, ForfeitureRecord } from '../../domain/custody';
import type { CliIo } from './io';

type Line = [label: string, value: string | undefined];

/** Labelled lines, the values aligned; a line without a value is left out. */
export function printLines(io: CliIo, lines: Line[], indent = '  '): void {
  const shown = lines.filter((l): l is [string, string] => l[1] !== undefined && l[1] !== '');
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  for (const [label, value] of shown) io.stdout.write(`${indent}${label.padEnd(width)}  ${value}\n`);
}

/** The deadlines, in the order they come. */
export const clockLines = (c: CustodyClocks): Line[] => [
  ['personal notice due', c.personalNoticeDue],
  ['publication ends', c.publicationEnds],
  ['claim deadline', c.claimDeadline],
  ['complaint due', c.complaintDue],
  ['hardship answer due', c.hardshipResponseDue],
  ['hardship ruling due', c.hardshipRulingDue],
];

const by = (who: { actor: { name: string } }) => ` (recorded by ${who.actor.name})`;

/** The forfeiture facts as recorded, one line each. */
export function factLines(f: ForfeitureRecord): Line[] {
  const r = f.release;
  return [
    ['personal notice', f.personalNotice && `sent on ${f.personalNotice.sentOn} to ${f.personalNotice.to.join(', ')}${by(f.personalNotice)}`],
    ['publication', f.publication && `on ${f.publication.site} from ${f.publication.firstDay}${by(f.publication)}`],
    ...f.claims.map((c): Line => ['claim', `${c.claimant}, filed on ${c.filedOn}${c.timely ? '' : ' (late)'}${by(c)}`]),
    ['complaint', f.complaint && `filed on ${f.complaint.filedOn}, docket ${f.complaint.docket}${by(f.complaint)}`],
    ...f.extensions.map((e): Line => ['extension', `${e.sealed ? 'sealed, ' : ''}${e.clock} until ${e.until} (order ${e.order})${by(e)}`]),
    ...hardshipLines(f.hardship),
    ['forfeiture order', f.order && `ordered on ${f.order.orderedOn}${f.order.docket ? `, docket ${f.order.docket}` : ''}${by(f.order)}`],
    ['release', r && [`${r.reason}; ordered ${r.requestedAt}${by(r)}`, r.dueBy && `registry due by ${r.dueBy}`, r.restoredAt && `restored ${r.restoredAt}`, r.releasedAt && `released ${r.releasedAt}`].filter(Boolean).join('; ')],
  ];
}

function hardshipLines(h: ForfeitureRecord['hardship']): Line[] {
  if (!h) return [];
  const decision = (d: NonNullable<typeof h.response>) => `${d.outcome} on ${d.decidedOn}: ${d.reason}${by(d)}`;
  return [
    ['hardship request', `${h.claimant}, filed on ${h.filedOn}: ${h.basis}${by(h)}`],
    ['agency answer', h.response && decision(h.response)],
    ['court petition', h.courtPetition && `filed on ${h.courtPetition.filedOn}, docket ${h.courtPetition.docket}${by(h.courtPetition)}`],
    ['court ruling', h.courtPetition?.ruling && decision(h.courtPetition.ruling)],
  ];
}

export function printCustody(io: CliIo, s: CustodyStatus): void {
  const write = (text: string) => io.stdout.write(`${text}\n`);
  const inCustody = s.state === 'IN_CUSTODY';
  write(`${s.domain}: ${s.state} (case ${s.caseId}: ${s.caseTitle})`);
  printLines(io, [
    ['seized', s.seizedAt],
    ['warrant', s.warrant && `${s.warrant.docket}, ${s.warrant.court}${s.warrant.sealed ? ' (sealed)' : ''}`],
    ['expires', `${s.expiresAt ?? 'unknown'}${s.renewals.length ? ` (renewed ${s.renewals.length}×)` : ''}`],
    ['banner', s.bannerMode],
    ['last check', s.lastCheck ? `${s.lastCheck.state} at ${s.lastCheck.at}: ${s.lastCheck.checks.map((c) => `${c.name} ${c.ok ? 'ok' : `not ok (${c.seen})`}`).join('; ')}` : 'none yet'],
    ['next check', inCustody ? s.nextCheckAt : undefined],
    ['deadline state', s.deadlineState],
    ['ended', s.endedAt],
  ]);
  write('\nclocks');
  printLines(io, clockLines(s.clocks));
  write('\nforfeiture facts');
  const facts = factLines(s.forfeiture);
  if (facts.some(([, value]) => value)) printLines(io, facts);
  else write('  none recorded yet');
  write('\nalerts');
  if (s.alerts.length === 0) write('  none');
  for (const a of s.alerts.slice(-10)) write(`  ${a.at}  ${a.kind}: ${a.message}${a.dueBy ? ` (due by ${a.dueBy})` : ''}`);
  // Custody's own notices (release orders) and their acknowledgements, where the status carries them.
  const notices = s.notices ?? [];
  if (notices.length) {
    write('\nnotices');
    for (const n of notices) {
      const acks = (s.acknowledgements ?? []).filter((a) => a.noticeId === n.noticeId).map((a) => `${a.kind} by ${a.by.name} ${a.at}`);
      write(`  ${n.sentAt}  ${n.kind} ${n.noticeId} to ${n.to.join(', ')}${acks.length ? `; ${acks.join('; ')}` : '; not acknowledged yet'}`);
    }
  }
}
