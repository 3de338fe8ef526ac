import type { Client } from '@temporalio/client';
import type { CaseStatusView as CaseStatus } from '../../domain/case-view';
import type { TargetStatus } from '../../domain/target';
import type { TimelineEntry } from '../../domain/timeline';
import { targetKey } from '../../domain/ids';
import { isTerminal, type Stage } from '../../domain/stages';
import { seedUsers } from '../../src/identity/users';
import type { MailSink } from '../../src/mail-sink/sink';
import { answeredKinds } from '../pipeline/acknowledge';
import type { Acted } from './patient-api';
import type { BenchApi } from '../pipeline/api';

export interface EndChecks {
  targets: {
    total: number; terminal: number; byStage: Record<string, number>; notTerminal: { key: string; stage: string }[];
    /** Targets whose case records another stage than the target's own (e.g. its own target marked DUPLICATE): the case stopped driving them. */
    caseDisagrees: { key: string; caseStage: string; targetStage: string }[];
  };
  notices: {
    recorded: number;
    /** Recorded notices whose Message-ID never reached the sink. */
    lost: { noticeId: string; kind: string; messageId: string }[];
    /** Extra copies in the sink: the same Message-ID more than once, or one notice under several Message-IDs. */
    duplicates: { noticeId: string; messageIds: string[]; copies: number }[];
    /** Mails in the sink naming a notice (X-Takedown-Notice) no case or target recorded. */
    unrecorded: { noticeId: string; subject: string }[];
    /** Recipients a server refused while it accepted the others (recorded on the notice). */
    refusedRecipients: number;
    sinkMessages: number;
  };
  decisions: {
    made: number; inTimeline: number; lost: { by: string; url: string; why: string }[];
    /** More lines in a case's timeline than the requests the API accepted (a request sent again after a 503 that had gone through), or an acknowledgement twice. */
    doubled: { caseId: string; what: string; accepted: number; recorded: number }[];
  };
  executions: { failed: { workflowId: string; type: string }[]; timedOut: number; terminated: number; running: number; completed: number };
  ok: boolean;
}

const bare = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

/**
 * What must hold after the run, read from the product itself (the API, the SMTP sink, Temporal's own list of
 * executions): every target ended; every notice in the sink exactly once; every person's accepted action in
 * its case's record and timeline; no execution Failed.
 */
export async function endChecks(input: { client: Client; api: BenchApi & { acted: Acted[] }; sink: MailSink; caseIds: string[]; domains: string[] }): Promise<EndChecks> {
  const { api } = input;
  const cases = new Map<string, CaseStatus>();
  for (const caseId of input.caseIds) cases.set(caseId, await api.ok<CaseStatus>('rivera', { method: 'GET', url: `/api/cases/${caseId}` }));
  const targets: TargetStatus[] = [];
  for (const domain of input.domains) {
    const r = await api.call('rivera', { method: 'GET', url: `/api/targets/${encodeURIComponent(domain)}` });
    if (r.statusCode === 200) targets.push(r.json<TargetStatus>());
  }
  const targetChecks = checkTargets(input.domains, cases, targets);
  const notices = checkNotices([...cases.values()], targets, input.sink);
  const decisions = checkDecisions(api.acted, cases);
  const executions = await checkExecutions(input.client);
  const ok = targetChecks.notTerminal.length === 0 && targetChecks.caseDisagrees.length === 0 && notices.lost.length === 0 && notices.duplicates.length === 0
    && decisions.lost.length === 0 && decisions.doubled.length === 0 && executions.failed.length === 0;
  return { targets: targetChecks, notices, decisions, executions, ok };
}

function checkTargets(domains: string[], cases: Map<string, CaseStatus>, targets: TargetStatus[]): EndChecks['targets'] {
  const stageOf = new Map<string, string>();
  const caseStageOf = new Map<string, string>();
  for (const c of cases.values()) for (const t of c.targets) { stageOf.set(t.key, t.stage); caseStageOf.set(t.key, t.stage); }
  for (const t of targets) stageOf.set(targetKey(t.target), t.stage); // the target's own word wins over the case's copy
  const caseDisagrees = [...caseStageOf.entries()].filter(([key, stage]) => stageOf.get(key) !== stage).map(([key, caseStage]) => ({ key, caseStage, targetStage: stageOf.get(key)! }));
  const byStage: Record<string, number> = {};
  const notTerminal: { key: string; stage: string }[] = [];
  for (const domain of domains) {
    const stage = stageOf.get(domain) ?? 'NOT_FOUND';
    byStage[stage] = (byStage[stage] ?? 0) + 1;
    if (stage === 'NOT_FOUND' || !isTerminal(stage as Stage)) notTerminal.push({ key: domain, stage });
  }
  return { total: domains.length, terminal: domains.length - notTerminal.length, byStage, notTerminal, caseDisagrees };
}

export function checkNotices(cases: CaseStatus[], targets: TargetStatus[], sink: MailSink): EndChecks['notices'] {
  const recorded = new Map<string, { noticeId: string; kind: string; messageId: string; refused: number }>();
  for (const n of [...cases.flatMap((c) => c.notices), ...targets.flatMap((t) => t.notices)]) {
    recorded.set(n.noticeId, { noticeId: n.noticeId, kind: n.kind, messageId: bare(n.messageId), refused: n.refused?.length ?? 0 });
  }
  const byMessageId = new Map<string, number>();
  const messageIdsByNotice = new Map<string, string[]>();
  const subjectOf = new Map<string, string>();
  for (const m of sink.messages) {
    const messageId = bare(m.parsed.messageId);
    byMessageId.set(messageId, (byMessageId.get(messageId) ?? 0) + 1);
    const header = m.parsed.headers.get('x-takedown-notice');
    const noticeId = typeof header === 'string' ? header : undefined;
    if (noticeId) {
      messageIdsByNotice.set(noticeId, [...(messageIdsByNotice.get(noticeId) ?? []), messageId]);
      subjectOf.set(noticeId, m.parsed.subject ?? '');
    }
  }
  const lost = [...recorded.values()].filter((n) => !byMessageId.has(n.messageId)).map(({ refused: _r, ...n }) => n);
  const duplicates = [...messageIdsByNotice.entries()].filter(([, ids]) => ids.length > 1).map(([noticeId, ids]) => ({ noticeId, messageIds: [...new Set(ids)], copies: ids.length }));
  const unrecorded = [...messageIdsByNotice.keys()].filter((id) => !recorded.has(id)).map((noticeId) => ({ noticeId, subject: subjectOf.get(noticeId)! }));
  const refusedRecipients = [...recorded.values()].reduce((sum, n) => sum + n.refused, 0);
  return { recorded: recorded.size, lost, duplicates, unrecorded, refusedRecipients, sinkMessages: sink.messages.length };
}

/** How each kind of accepted request shows in the case's record: the record it must be in and its timeline line. */
const decisionRules: { url: RegExp; what: string; inRecord: (c: CaseStatus, by: Person) => boolean; action: RegExp }[] = [
  { url: /^\/api\/cases$/, what: 'opened the case', inRecord: (c, by) => isPerson(c.openedBy, by), action: /^case opened/ },
  { url: /^\/api\/cases\/[^/]+\/submit$/, what: 'submitted for review', inRecord: (c, by) => c.rounds.length > 0 && c.timeline.some((e) => isPerson(e.actor, by)), action: /^submitted package version \d+ for legal review/ },
  { url: /^\/api\/cases\/[^/]+\/decision$/, what: 'decided', inRecord: (c, by) => c.decisions.some((d) => isPerson(d.actor, by)), action: /^legal review round \d+: approve/ },
  { url: /^\/api\/cases\/[^/]+\/warrants$/, what: 'recorded the warrant', inRecord: (c, by) => c.warrants.some((w) => isPerson(w.actor, by)), action: /^warrant \S+ recorded/ },
];

type Person = (typeof seedUsers)[number];
const isPerson = (actor: { id: string; name: string }, person: Person) => actor.id === person.username || actor.id === person.email || actor.name === person.name;

export function checkDecisions(acted: Acted[], cases: Map<string, CaseStatus>): EndChecks['decisions'] {
  const lost: EndChecks['decisions']['lost'] = [];
  let made = 0;
  for (const act of acted) {
    if (act.by === 'anonymous') continue; // acknowledgements: checked per notice below
    made++;
    const rule = decisionRules.find((r) => r.url.test(act.url));
    const caseId = act.url === '/api/cases' ? undefined : decodeURIComponent(act.url.split('/')[3] ?? '');
    const person = seedUsers.find((u) => u.username === act.by)!;
    const c = caseId ? cases.get(caseId) : [...cases.values()].find((s) => isPerson(s.openedBy, person));
    if (!rule) { lost.push({ by: act.by, url: act.url, why: 'no rule says where this action shows (bench/chaos/checks.ts)' }); continue; }
    if (!c) { lost.push({ by: act.by, url: act.url, why: 'no such case' }); continue; }
    if (!rule.inRecord(c, person)) lost.push({ by: act.by, url: act.url, why: `${rule.what}: not in the case's record` });
    else if (!c.timeline.some((e: TimelineEntry) => isPerson(e.actor, person) && rule.action.test(e.action))) lost.push({ by: act.by, url: act.url, why: `${rule.what}: no timeline line by ${person.name} matching ${rule.action}` });
  }
  // The recipients' answers: every notice they were asked to answer has its acknowledgement in the case.
  for (const c of cases.values()) {
    for (const n of c.notices.filter((x) => answeredKinds.includes(x.kind) && !x.follows)) {
      made++;
      const ack = c.acknowledgements.find((a) => a.noticeId === n.noticeId);
      if (!ack) lost.push({ by: 'recipient', url: `notice ${n.noticeId}`, why: `the acknowledgement of ${n.kind} ${n.noticeId} is not in case ${c.caseId}` });
      else if (!c.timeline.some((e) => e.actor.role === 'recipient' && e.action === `notice ${n.noticeId} ${ack.kind}`)) lost.push({ by: 'recipient', url: `notice ${n.noticeId}`, why: `no timeline line of the acknowledgement of ${n.noticeId}` });
    }
  }
  return { made, inTimeline: made - lost.length, lost, doubled: doubledDecisions(acted, cases) };
}

/** Each accepted action once in its case's timeline, each acknowledgement once: more is a decision recorded twice. */
function doubledDecisions(acted: Acted[], cases: Map<string, CaseStatus>): EndChecks['decisions']['doubled'] {
  const doubled: EndChecks['decisions']['doubled'] = [];
  for (const c of cases.values()) {
    for (const rule of decisionRules.slice(1)) {
      const accepted = acted.filter((a) => a.by !== 'anonymous' && rule.url.test(a.url) && decodeURIComponent(a.url.split('/')[3] ?? '') === c.caseId);
      if (accepted.length === 0) continue;
      const person = seedUsers.find((u) => u.username === accepted[0]!.by)!;
      const recorded = c.timeline.filter((e) => isPerson(e.actor, person) && rule.action.test(e.action)).length;
      if (recorded > accepted.length) doubled.push({ caseId: c.caseId, what: rule.what, accepted: accepted.length, recorded });
    }
    const acks = new Map<string, number>();
    for (const a of c.acknowledgements) acks.set(a.noticeId, (acks.get(a.noticeId) ?? 0) + 1);
    for (const [noticeId, n] of acks) if (n > 1) doubled.push({ caseId: c.caseId, what: `acknowledgement of ${noticeId}`, accepted: 1, recorded: n });
  }
  return doubled;
}

async function checkExecutions(client: Client): Promise<EndChecks['executions']> {
  const failed: { workflowId: string; type: string }[] = [];
  for await (const e of client.workflow.list({ query: 'ExecutionStatus="Failed"' })) failed.push({ workflowId: e.workflowId, type: e.type });
  const count = async (status: string) => (await client.workflow.count(`ExecutionStatus="${status}"`)).count;
  return { failed, timedOut: await count('TimedOut'), terminated: await count('Terminated'), running: await count('Running'), completed: await count('Completed') };
}
