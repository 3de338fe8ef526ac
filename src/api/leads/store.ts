import type { Db } from '../../../lib/store/database';
import type { Actor } from '../../../domain/actors';
import { TakedownError } from '../../../domain/errors';
import { everyCaseRoles } from '../../../domain/membership';
import {
  namesInText, requireTransition, type Finding, type LeadAttachment, type LeadSource, type LeadState, type LeadSubmission, type PaymentAccount,
} from '../../../domain/leads';
import { paymentAccountKey } from '../../../domain/payment-accounts';

/**
 * Where leads live: the project's SQLite file (`takedown.db`), beside the banner's tips they come from.
 * A lead is a small record with a short life (new, triaged, closed) that people list and filter; it needs
 * no timers, retries or signals, which is what a workflow would bring. So it is a row (with its history of
 * changes) and not a workflow per lead; the dissemination follow-up with its 30-day reminder, when it comes,
 * is a notice like the others and will have its workflow. The targets a lead becomes are workflows of their
 * case as always; `lead_targets` keeps the link from each target back to its lead.
 */
const tables = [
  `CREATE TABLE IF NOT EXISTS leads (
     lead_id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL CHECK (source IN ('banner', 'partner', 'agent')),
     reference TEXT,
     summary TEXT NOT NULL,
     body TEXT NOT NULL,
     partner TEXT,
     team TEXT,
     submitted_by TEXT NOT NULL,
     received_at TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('NEW', 'TRIAGED', 'ACTIONED', 'DISSEMINATED', 'DECLINED', 'DUPLICATE')),
     findings TEXT,
     history TEXT NOT NULL,
     tip_id INTEGER UNIQUE,
     updated_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS leads_by_partner ON leads (partner, lead_id)`,
  `CREATE INDEX IF NOT EXISTS leads_by_received ON leads (received_at)`,
  `CREATE TABLE IF NOT EXISTS lead_targets (
     lead_id INTEGER NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
     workflow_id TEXT NOT NULL,
     target_key TEXT NOT NULL,
     case_id TEXT NOT NULL,
     linked_at TEXT NOT NULL,
     linked_by TEXT NOT NULL,
     PRIMARY KEY (lead_id, workflow_id)
   )`,
  `CREATE INDEX IF NOT EXISTS lead_targets_by_target ON lead_targets (workflow_id)`,
];

/** One change of a lead's state (or a re-triage), with the verified actor who made it. */
export interface LeadChange {
  at: string;
  actor: Pick<Actor, 'id' | 'name' | 'role'>;
  action: 'submitted' | 'triaged' | 're-triaged' | 'state' | 'targets';
  from?: LeadState;
  to: LeadState;
  reason?: string;
  detail?: string;
}

/** What a banner tip carried besides its text (the client hash stays in the banner's table). */
export interface TipOrigin {
  tipId: number;
  domain: string;
  caseRef: string;
  name?: string;
  contact?: string;
}

export interface LeadTargetLink {
  workflowId: string;
  key: string;
  caseId: string;
  linkedAt: string;
  linkedBy: string;
}

export interface Lead {
  leadId: string;
  source: LeadSource;
  reference?: string;
  summary: string;
  domains: string[];
  profiles: string[];
  paymentAccounts: PaymentAccount[];
  text: string;
  attachments: LeadAttachment[];
  /** The partner organisation that sent it (its sign-in's team), for a referral. */
  partner?: string;
  /** The team working it: unassigned until someone triages it (then theirs). */
  team?: string;
  submittedBy: LeadChange['actor'];
  receivedAt: string;
  state: LeadState;
  stateChangedAt: string;
  stateChangedBy: LeadChange['actor'];
  findings?: Finding[];
  history: LeadChange[];
  tip?: TipOrigin;
  /** The report as a partner sent it (XARF), kept for the record. */
  xarf?: unknown;
  targets: LeadTargetLink[];
}

/** A partner sees this of its own leads: what it sent and where it stands, not our findings or who worked it. */
export type PartnerLeadView = Pick<Lead, 'leadId' | 'source' | 'reference' | 'summary' | 'domains' | 'profiles' | 'paymentAccounts' | 'text' | 'attachments' | 'receivedAt' | 'state' | 'stateChangedAt'>;

export const leadIdOf = (n: number) => `LEAD-${n}`;
export const leadNumber = (leadId: string): number | undefined => {
  const match = /^LEAD-(\d{1,12})$/i.exec(leadId.trim());
  return match ? Number(match[1]) : undefined;
};

/** The organisation a partner account speaks for: its team claim, else its own subject. */
export const partnerOrgOf = (actor: Pick<Actor, 'id' | 'team'>) => actor.team ?? `user:${actor.id}`;

/** Who may read which leads: coordinators and supervisors all; other staff their team's and the unassigned; a partner its own. */
export function mayReadLead(actor: Actor, lead: Pick<Lead, 'team' | 'partner'>): boolean {
  if (actor.role === 'partner') return lead.partner !== undefined && lead.partner === partnerOrgOf(actor);
  if (everyCaseRoles.includes(actor.role)) return true;
  return lead.team === undefined || (actor.team !== undefined && lead.team === actor.team);
}

export interface NewLead {
  source: LeadSource;
  submission: LeadSubmission;
  submittedBy: LeadChange['actor'];
  receivedAt: string;
  partner?: string;
  team?: string;
  tip?: TipOrigin;
  xarf?: unknown;
}

export interface LeadFilter {
  state?: string[];
  source?: string[];
  /** Only leads this person may read (the clause is in the query, so the limit counts only theirs). */
  readableBy: Actor;
  limit: number;
}

const bannerActor: LeadChange['actor'] = { id: 'banner', name: 'Seizure banner (a member of the public)', role: 'system' };

export function createLeadStore(db: Db) {
  db.pragma('foreign_keys = ON');
  for (const sql of tables) db.exec(sql);
  const insert = db.prepare(`INSERT INTO leads (source, reference, summary, body, partner, team, submitted_by, received_at, state, history, tip_id, updated_at)
    VALUES (@source, @reference, @summary, @body, @partner, @team, @submittedBy, @receivedAt, 'NEW', @history, @tipId, @receivedAt)`);
  const byId = db.prepare('SELECT * FROM leads WHERE lead_id = ?');
  const targetsOf = db.prepare('SELECT * FROM lead_targets WHERE lead_id = ? ORDER BY linked_at, workflow_id');
  const update = db.prepare('UPDATE leads SET state = @state, team = @team, findings = @findings, history = @history, updated_at = @at WHERE lead_id = @id AND updated_at = @was');
  const link = db.prepare('INSERT OR IGNORE INTO lead_targets (lead_id, workflow_id, target_key, case_id, linked_at, linked_by) VALUES (?, ?, ?, ?, ?, ?)');
  const touched = db.prepare('SELECT * FROM leads WHERE received_at >= ? OR updated_at >= ? ORDER BY lead_id');
  // The leads naming a processor's accounts (the account is compared in JS, as paymentAccountKey spells it).
  const namingProcessor = db.prepare(`SELECT l.lead_id, json_extract(p.value, '$.processor') AS processor, json_extract(p.value, '$.account') AS account
    FROM leads l, json_each(l.body, '$.paymentAccounts') p WHERE lower(trim(json_extract(p.value, '$.processor'))) = ? AND l.lead_id != ? ORDER BY l.lead_id`);
  const forTarget = db.prepare('SELECT lead_id FROM lead_targets WHERE workflow_id = ? ORDER BY lead_id');
  // Tips are numbered in order (AUTOINCREMENT), so the ones past the last converted are the new ones: an index
  // lookup per read, however many tips there are (a tip's lead and the tip itself are deleted together).
  const unconvertedTips = db.prepare(`SELECT t.* FROM banner_tips t WHERE t.tip_id > (SELECT COALESCE(MAX(tip_id), 0) FROM leads) ORDER BY t.tip_id LIMIT 500`);
  const expired = db.prepare(`DELETE FROM leads WHERE received_at < ? AND NOT EXISTS (SELECT 1 FROM lead_targets lt WHERE lt.lead_id = leads.lead_id)`);
  const hasTips = (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'banner_tips'`).get() as { n: number }).n > 0;
  const expiredTips = hasTips ? db.prepare('DELETE FROM banner_tips WHERE received_at < ?') : undefined;

  const fromRow = (row: Record<string, unknown>): Lead => {
    const body = JSON.parse(String(row.body)) as Pick<Lead, 'domains' | 'profiles' | 'paymentAccounts' | 'text' | 'attachments' | 'tip' | 'xarf'>;
    const history = JSON.parse(String(row.history)) as LeadChange[];
    const last = history.at(-1)!;
    const id = Number(row.lead_id);
    return {
      leadId: leadIdOf(id), source: row.source as LeadSource, ...(row.reference ? { reference: String(row.reference) } : {}), summary: String(row.summary),
      domains: body.domains, profiles: body.profiles, paymentAccounts: body.paymentAccounts, text: body.text, attachments: body.attachments,
      ...(row.partner ? { partner: String(row.partner) } : {}), ...(row.team ? { team: String(row.team) } : {}),
      submittedBy: JSON.parse(String(row.submitted_by)), receivedAt: String(row.received_at),
      state: row.state as LeadState, stateChangedAt: last.at, stateChangedBy: last.actor,
      ...(row.findings ? { findings: JSON.parse(String(row.findings)) as Finding[] } : {}),
      history, ...(body.tip ? { tip: body.tip } : {}), ...(body.xarf !== undefined ? { xarf: body.xarf } : {}),
      targets: (targetsOf.all(id) as Record<string, unknown>[]).map((t) => ({ workflowId: String(t.workflow_id), key: String(t.target_key), caseId: String(t.case_id), linkedAt: String(t.linked_at), linkedBy: String(t.linked_by) })),
    };
  };

  const rowOf = (leadId: string): Record<string, unknown> => {
    const n = leadNumber(leadId);
    const row = n === undefined ? undefined : (byId.get(n) as Record<string, unknown> | undefined);
    if (!row) throw new TakedownError('NOT_FOUND', `no lead ${leadId}${n === undefined ? ' (a lead ID is LEAD- and a number, e.g. LEAD-12)' : ''}`);
    return row;
  };

  function add(lead: NewLead): Lead {
    const { submission: s } = lead;
    const body = { domains: s.domains, profiles: s.profiles, paymentAccounts: s.paymentAccounts, text: s.text, attachments: s.attachments, ...(lead.tip ? { tip: lead.tip } : {}), ...(lead.xarf !== undefined ? { xarf: lead.xarf } : {}) };
    const history: LeadChange[] = [{ at: lead.receivedAt, actor: lead.submittedBy, action: 'submitted', to: 'NEW', detail: `from ${lead.source}` }];
    const id = Number(insert.run({
      source: lead.source, reference: s.reference ?? null, summary: s.summary, body: JSON.stringify(body), partner: lead.partner ?? null, team: lead.team ?? null,
      submittedBy: JSON.stringify(lead.submittedBy), receivedAt: lead.receivedAt, history: JSON.stringify(history), tipId: lead.tip?.tipId ?? null,
    }).lastInsertRowid);
    return fromRow(byId.get(id) as Record<string, unknown>);
  }

  /** Changes a lead only if nobody changed it since it was read (two people triaging at once: one wins, the other is told). */
  function change(leadId: string, apply: (lead: Lead, row: Record<string, unknown>) => { state: LeadState; team?: string; findings?: Finding[]; entry: LeadChange; links?: LeadTargetLink[] }): Lead {
    return db.transaction(() => {
      const row = rowOf(leadId);
      const lead = fromRow(row);
      const next = apply(lead, row);
      const result = update.run({
        id: Number(row.lead_id), was: String(row.updated_at), at: next.entry.at, state: next.state, team: next.team ?? lead.team ?? null,
        findings: next.findings ? JSON.stringify(next.findings) : ((row.findings as string | null) ?? null), history: JSON.stringify([...lead.history, next.entry]),
      });
      if (result.changes !== 1) throw new TakedownError('WRONG_STATE', `lead ${leadId} was changed by someone else meanwhile; read it again`);
      for (const l of next.links ?? []) link.run(Number(row.lead_id), l.workflowId, l.key, l.caseId, l.linkedAt, l.linkedBy);
      return fromRow(byId.get(Number(row.lead_id)) as Record<string, unknown>);
    })();
  }

  const who = (actor: Actor): LeadChange['actor'] => ({ id: actor.id, name: actor.name, role: actor.role });

  return {
    add,
    /** Several leads at once (a CSV): all or none. */
    addAll(leads: NewLead[]): Lead[] {
      return db.transaction(() => leads.map(add))();
    },
    get(leadId: string): Lead {
      return fromRow(rowOf(leadId));
    },
    list(filter: LeadFilter): Lead[] {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const actor = filter.readableBy;
      if (actor.role === 'partner') { clauses.push('partner = ?'); params.push(partnerOrgOf(actor)); } else if (!everyCaseRoles.includes(actor.role)) {
        clauses.push(actor.team !== undefined ? '(team IS NULL OR team = ?)' : 'team IS NULL');
        if (actor.team !== undefined) params.push(actor.team);
      }
      if (filter.state?.length) { clauses.push(`state IN (${filter.state.map(() => '?').join(', ')})`); params.push(...filter.state); }
      if (filter.source?.length) { clauses.push(`source IN (${filter.source.map(() => '?').join(', ')})`); params.push(...filter.source); }
      const sql = `SELECT * FROM leads ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY lead_id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, filter.limit) as Record<string, unknown>[]).map(fromRow);
    },
    /**
   * Triage: what deconfliction found; an unassigned lead is the triaging agent's team's from now on (a coordinator
   * or supervisor triaging leaves it unassigned, for whichever team takes it).
   */
    triage(leadId: string, actor: Actor, findings: Finding[], at: string): Lead {
      return change(leadId, (lead) => {
        if (lead.state !== 'TRIAGED') requireTransition(lead.leadId, lead.state, 'TRIAGED');
        const counts = ['new', 'active', 'seized', 'past', 'refused', 'named-elsewhere'].map((s) => [s, findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
        return {
          state: 'TRIAGED', team: lead.team ?? (everyCaseRoles.includes(actor.role) || actor.role === 'partner' ? undefined : actor.team), findings,
          entry: { at, actor: who(actor), action: lead.state === 'TRIAGED' ? 're-triaged' : 'triaged', from: lead.state, to: 'TRIAGED', detail: counts.map(([s, n]) => `${n} ${s}`).join(', ') || 'names no target' },
        };
      });
    },
    /** A state set by hand (disseminated, declined, duplicate), with the reason. */
    setState(leadId: string, actor: Actor, to: LeadState, reason: string, at: string): Lead {
      return change(leadId, (lead) => {
        requireTransition(lead.leadId, lead.state, to);
        return { state: to, entry: { at, actor: who(actor), action: 'state', from: lead.state, to, reason } };
      });
    },
    /** The targets a lead became (a new case, or an open one): linked to the lead, which is ACTIONED. */
    actioned(leadId: string, actor: Actor, caseId: string, targets: { workflowId: string; key: string }[], at: string): Lead {
      return change(leadId, (lead) => {
        requireTransition(lead.leadId, lead.state, 'ACTIONED');
        return {
          state: 'ACTIONED', entry: { at, actor: who(actor), action: 'targets', from: lead.state, to: 'ACTIONED', detail: `${targets.map((t) => t.key).join(', ')} in case ${caseId}` },
          links: targets.map((t) => ({ ...t, caseId, linkedAt: at, linkedBy: actor.id })),
        };
      });
    },
    /** Every lead received or changed at or after `start` (the period report counts their receipt and changes). */
    touchedSince(start: string): Lead[] {
      return (touched.all(start, start) as Record<string, unknown>[]).map(fromRow);
    },
    /** The other leads naming a payment account (compared by paymentAccountKey), oldest first. */
    leadsNamingAccount(key: string, exceptLeadId: string): string[] {
      const processor = key.slice(0, key.indexOf(':'));
      const rows = namingProcessor.all(processor, leadNumber(exceptLeadId) ?? -1) as { lead_id: number; processor: string; account: string }[];
      return [...new Set(rows.filter((r) => paymentAccountKey({ processor: String(r.processor), account: String(r.account) }) === key).map((r) => leadIdOf(r.lead_id)))];
    },
    /** The leads a target came from (its page links back to them). */
    forTarget(workflowId: string): Lead[] {
      return (forTarget.all(workflowId) as { lead_id: number }[]).map((r) => fromRow(byId.get(r.lead_id) as Record<string, unknown>));
    },
    /**
     * Every banner tip becomes a lead (source `banner`), none lost: the banner stores the tip as it always has,
     * and the first read of the leads turns each tip without a lead into one. The domains and profile links its
     * text names become the lead's names; the whole text stays the lead's text, so a tip nobody can parse is
     * still a lead.
     */
    syncTips(): number {
      if (!hasTips) return 0;
      // IMMEDIATE: two API processes reading at once convert each tip once (the second waits, then finds none).
      return db.transaction(() => {
        const tips = unconvertedTips.all() as Record<string, unknown>[];
        for (const t of tips) {
          const message = String(t.message);
          const named = namesInText(message);
          const first = message.replace(/\s+/g, ' ').trim();
          add({
            source: 'banner', receivedAt: String(t.received_at), submittedBy: bannerActor,
            tip: { tipId: Number(t.tip_id), domain: String(t.domain), caseRef: String(t.case_ref), ...(t.name ? { name: String(t.name) } : {}), ...(t.contact ? { contact: String(t.contact) } : {}) },
            submission: {
              summary: `Banner tip on ${String(t.domain)}: ${first.length > 120 ? `${first.slice(0, 117)}…` : first}`.slice(0, 300),
              domains: named.domains, profiles: named.profiles, paymentAccounts: [], text: message, attachments: [], reference: `TIP-${Number(t.tip_id)}`,
            },
          });
        }
        return tips.length;
      }).immediate();
    },
    /**
     * The records schedule (TAKEDOWN_TIP_RETENTION) for leads as for tips: a lead received before it is deleted,
     * unless it became a target, which is kept with its case.
     */
    applyRetention(now: Date, retentionMs: number): { leadsDeleted: number; tipsDeleted: number } {
      const before = new Date(now.getTime() - retentionMs).toISOString();
      // The tips go at the same time (the banner sweeps them too), or the next read would make them leads again.
      return db.transaction(() => ({ leadsDeleted: expired.run(before).changes, tipsDeleted: expiredTips?.run(before).changes ?? 0 }))();
    },
  };
}
export type LeadStore = ReturnType<typeof createLeadStore>;

/** What a partner may see of its lead. */
export function partnerView(lead: Lead): PartnerLeadView {
  const { leadId, source, reference, summary, domains, profiles, paymentAccounts, text, attachments, receivedAt, state, stateChangedAt } = lead;
  return { leadId, source, ...(reference ? { reference } : {}), summary, domains, profiles, paymentAccounts, text, attachments, receivedAt, state, stateChangedAt };
}
