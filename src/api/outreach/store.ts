import type { Db } from '../../../lib/store/database';
import type { Actor } from '../../../domain/actors';
import { TakedownError } from '../../../domain/errors';
import { outreachIdOf, outreachNumber, type OutreachEventInput, type OutreachOutcomeInput, type OutreachOutcomeKind } from '../../../domain/outreach';

/** Outreach events and their outcomes, beside the leads in takedown.db: rows people list, no timers. */
const tables = [
  `CREATE TABLE IF NOT EXISTS outreach_events (
     event_id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     held_on TEXT NOT NULL,
     topic TEXT NOT NULL,
     audience TEXT NOT NULL,
     partners TEXT NOT NULL,
     attendance INTEGER NOT NULL CHECK (attendance >= 0),
     notes TEXT NOT NULL,
     recorded_by TEXT NOT NULL,
     recorded_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS outreach_events_by_date ON outreach_events (held_on)`,
  `CREATE TABLE IF NOT EXISTS outreach_outcomes (
     outcome_id INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id INTEGER NOT NULL REFERENCES outreach_events (event_id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     seen_on TEXT NOT NULL,
     organisation TEXT NOT NULL,
     description TEXT NOT NULL,
     recorded_by TEXT NOT NULL,
     recorded_at TEXT NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS outreach_outcomes_by_event ON outreach_outcomes (event_id)`,
];

type Who = Pick<Actor, 'id' | 'name' | 'role'>;

export interface OutreachOutcome extends OutreachOutcomeInput {
  outcomeId: number;
  eventId: string;
  recordedBy: Who;
  recordedAt: string;
}

export interface OutreachEvent extends OutreachEventInput {
  eventId: string;
  recordedBy: Who;
  recordedAt: string;
  outcomes: OutreachOutcome[];
}

export function createOutreachStore(db: Db) {
  for (const sql of tables) db.exec(sql);
  const insertEvent = db.prepare(`INSERT INTO outreach_events (kind, held_on, topic, audience, partners, attendance, notes, recorded_by, recorded_at)
    VALUES (@kind, @date, @topic, @audience, @partners, @attendance, @notes, @by, @at)`);
  const insertOutcome = db.prepare(`INSERT INTO outreach_outcomes (event_id, kind, seen_on, organisation, description, recorded_by, recorded_at)
    VALUES (@eventId, @kind, @date, @organisation, @description, @by, @at)`);
  const byId = db.prepare('SELECT * FROM outreach_events WHERE event_id = ?');
  const list = db.prepare('SELECT * FROM outreach_events WHERE held_on >= ? AND held_on < ? ORDER BY held_on DESC, event_id DESC LIMIT ?');
  const outcomesOf = db.prepare('SELECT * FROM outreach_outcomes WHERE event_id = ? ORDER BY seen_on, outcome_id');
  const outcomesIn = db.prepare('SELECT * FROM outreach_outcomes WHERE seen_on >= ? AND seen_on < ? ORDER BY seen_on, outcome_id');

  const outcomeOf = (row: Record<string, unknown>): OutreachOutcome => ({
    outcomeId: Number(row.outcome_id), eventId: outreachIdOf(Number(row.event_id)), kind: row.kind as OutreachOutcomeKind, date: String(row.seen_on),
    organisation: String(row.organisation), description: String(row.description), recordedBy: JSON.parse(String(row.recorded_by)), recordedAt: String(row.recorded_at),
  });
  const eventOf = (row: Record<string, unknown>): OutreachEvent => ({
    eventId: outreachIdOf(Number(row.event_id)), kind: row.kind as OutreachEvent['kind'], date: String(row.held_on), topic: String(row.topic), audience: String(row.audience),
    partners: JSON.parse(String(row.partners)), attendance: Number(row.attendance), notes: String(row.notes),
    recordedBy: JSON.parse(String(row.recorded_by)), recordedAt: String(row.recorded_at),
    outcomes: (outcomesOf.all(Number(row.event_id)) as Record<string, unknown>[]).map(outcomeOf),
  });
  const who = (actor: Actor) => JSON.stringify({ id: actor.id, name: actor.name, role: actor.role });
  const rowOf = (eventId: string) => {
    const n = outreachNumber(eventId);
    const row = n === undefined ? undefined : byId.get(n);
    if (!row) throw new TakedownError('NOT_FOUND', `no outreach event ${eventId}${n === undefined ? ' (an event ID is OUT- and a number, e.g. OUT-4)' : ''}`);
    return row as Record<string, unknown>;
  };

  return {
    add(event: OutreachEventInput, actor: Actor, at: string): OutreachEvent {
      const id = Number(insertEvent.run({ ...event, partners: JSON.stringify(event.partners), by: who(actor), at }).lastInsertRowid);
      return eventOf(byId.get(id) as Record<string, unknown>);
    },
    get: (eventId: string) => eventOf(rowOf(eventId)),
    /** Events held in [from, to) (dates YYYY-MM-DD), newest first. */
    list: (from: string, to: string, limit: number) => (list.all(from, to, limit) as Record<string, unknown>[]).map(eventOf),
    /** An outcome of an event: seen on or after the event's date (an outcome cannot come before its cause). */
    addOutcome(eventId: string, outcome: OutreachOutcomeInput, actor: Actor, at: string): OutreachEvent {
      const row = rowOf(eventId);
      if (outcome.date < String(row.held_on)) {
        throw new TakedownError('VALIDATION_FAILED', `date: an outcome of ${eventId} cannot come before the event (${String(row.held_on)})`, { date: [`on or after ${String(row.held_on)}, the day of ${eventId}`] });
      }
      insertOutcome.run({ ...outcome, eventId: Number(row.event_id), by: who(actor), at });
      return eventOf(row);
    },
    /** Outcomes seen in [from, to), whenever their event was held. */
    outcomesIn: (from: string, to: string) => (outcomesIn.all(from, to) as Record<string, unknown>[]).map(outcomeOf),
  };
}
export type OutreachStore = ReturnType<typeof createOutreachStore>;
