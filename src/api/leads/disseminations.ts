import { randomUUID } from 'node:crypto';
import type { Db } from '../../../lib/store/database';
import type { Actor } from '../../../domain/actors';
import {
  disseminationIdOf, disseminationNumber, disseminationWorkflowId, type DisseminateBody, type DisseminationOutcome, type RecordedOutcome,
} from '../../../domain/dissemination';
import { TakedownError } from '../../../domain/errors';

/**
 * The record of every dissemination, beside the leads in takedown.db: what went to whom, who sent it, and the
 * outcome the recipient recorded through the link (who, when). The workflow (workflows/dissemination.ts) holds
 * the notice and its reminder timer; this row is what people list and the period report counts, and it keeps
 * an outcome recorded after the workflow has ended too.
 */
const tables = [
  `CREATE TABLE IF NOT EXISTS disseminations (
     dissemination_id INTEGER PRIMARY KEY AUTOINCREMENT,
     workflow_id TEXT NOT NULL UNIQUE,
     lead_id TEXT,
     case_id TEXT,
     recipient_kind TEXT NOT NULL,
     recipient TEXT NOT NULL,
     note TEXT NOT NULL,
     sent_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     outcome TEXT,
     outcome_by TEXT,
     outcome_at TEXT,
     outcome_notice TEXT,
     outcome_reference TEXT,
     outcome_comment TEXT,
     CHECK ((lead_id IS NULL) != (case_id IS NULL))
   )`,
  `CREATE INDEX IF NOT EXISTS disseminations_by_lead ON disseminations (lead_id)`,
  `CREATE INDEX IF NOT EXISTS disseminations_by_case ON disseminations (case_id)`,
  `CREATE INDEX IF NOT EXISTS disseminations_by_created ON disseminations (created_at)`,
];

export interface Dissemination {
  disseminationId: string;
  workflowId: string;
  /** What was passed on: a lead, or a case's findings. */
  leadId?: string;
  caseId?: string;
  recipient: DisseminateBody['recipient'];
  note: string;
  sentBy: Pick<Actor, 'id' | 'name' | 'role'> & { team?: string };
  createdAt: string;
  outcome?: { outcome: DisseminationOutcome; by: RecordedOutcome['by']; at: string; noticeId: string; reference?: string; comment?: string };
}

export function createDisseminationStore(db: Db) {
  for (const sql of tables) db.exec(sql);
  // The workflow ID needs the row's number: a placeholder first, then the ID (in one transaction).
  const insert = db.prepare(`INSERT INTO disseminations (workflow_id, lead_id, case_id, recipient_kind, recipient, note, sent_by, created_at)
    VALUES (@placeholder, @leadId, @caseId, @recipientKind, @recipient, @note, @sentBy, @createdAt)`);
  const setWorkflow = db.prepare('UPDATE disseminations SET workflow_id = ? WHERE dissemination_id = ?');
  const byId = db.prepare('SELECT * FROM disseminations WHERE dissemination_id = ?');
  const forLead = db.prepare('SELECT * FROM disseminations WHERE lead_id = ? ORDER BY dissemination_id');
  const forCase = db.prepare('SELECT * FROM disseminations WHERE case_id = ? ORDER BY dissemination_id');
  const inPeriod = db.prepare('SELECT * FROM disseminations WHERE created_at >= ? AND created_at < ? ORDER BY dissemination_id');
  // Once: the first outcome recorded stands (a second use of the link, or of the reminder's, is refused).
  const outcome = db.prepare(`UPDATE disseminations SET outcome = @outcome, outcome_by = @by, outcome_at = @at, outcome_notice = @noticeId, outcome_reference = @reference, outcome_comment = @comment
    WHERE dissemination_id = @id AND outcome IS NULL`);
  const undo = db.prepare('UPDATE disseminations SET outcome = NULL, outcome_by = NULL, outcome_at = NULL, outcome_notice = NULL, outcome_reference = NULL, outcome_comment = NULL WHERE dissemination_id = ? AND outcome_at = ?');

  const discard = db.prepare('DELETE FROM disseminations WHERE dissemination_id = ? AND outcome IS NULL');

  const fromRow = (row: Record<string, unknown>): Dissemination => {
    const id = disseminationIdOf(Number(row.dissemination_id));
    return {
      disseminationId: id, workflowId: String(row.workflow_id),
      ...(row.lead_id ? { leadId: String(row.lead_id) } : {}), ...(row.case_id ? { caseId: String(row.case_id) } : {}),
      recipient: JSON.parse(String(row.recipient)), note: String(row.note), sentBy: JSON.parse(String(row.sent_by)), createdAt: String(row.created_at),
      ...(row.outcome ? {
        outcome: {
          outcome: row.outcome as DisseminationOutcome, by: JSON.parse(String(row.outcome_by)), at: String(row.outcome_at), noticeId: String(row.outcome_notice),
          ...(row.outcome_reference ? { reference: String(row.outcome_reference) } : {}), ...(row.outcome_comment ? { comment: String(row.outcome_comment) } : {}),
        },
      } : {}),
    };
  };
  const rows = (list: unknown[]) => (list as Record<string, unknown>[]).map(fromRow);

  return {
    add(about: { leadId: string } | { caseId: string }, body: DisseminateBody, actor: Actor, at: string): Dissemination {
      const placeholder = `pending:${randomUUID()}`;
      const id = db.transaction(() => {
        const n = Number(insert.run({
        placeholder, leadId: 'leadId' in about ? about.leadId : null, caseId: 'caseId' in about ? about.caseId : null, recipientKind: body.recipient.kind,
        recipient: JSON.stringify(body.recipient), note: body.note, sentBy: JSON.stringify({ id: actor.id, name: actor.name, role: actor.role, ...(actor.team ? { team: actor.team } : {}) }), createdAt: at,
        }).lastInsertRowid);
        setWorkflow.run(disseminationWorkflowId(disseminationIdOf(n), randomUUID().slice(0, 8)), n);
        return n;
      })();
      return fromRow(byId.get(id) as Record<string, unknown>);
    },
    get(disseminationId: string): Dissemination {
      const n = disseminationNumber(disseminationId);
      const row = n === undefined ? undefined : byId.get(n);
      if (!row) throw new TakedownError('NOT_FOUND', `no dissemination ${disseminationId}${n === undefined ? ' (a dissemination ID is DIS- and a number, e.g. DIS-3)' : ''}`);
      return fromRow(row as Record<string, unknown>);
    },
    forLead: (leadId: string) => rows(forLead.all(leadId)),
    forCase: (caseId: string) => rows(forCase.all(caseId)),
    /** Disseminations made in [from, to): the period report. */
    inPeriod: (from: string, to: string) => rows(inPeriod.all(from, to)),
    /** Removes a record whose workflow could not be started (nothing was sent). */
    discard(disseminationId: string): void {
      discard.run(disseminationNumber(disseminationId) ?? -1);
    },
    /** Records the recipient's outcome; false when one was recorded already. */
    recordOutcome(disseminationId: string, recorded: RecordedOutcome, at: string): boolean {
      const n = disseminationNumber(disseminationId);
      return outcome.run({ id: n ?? -1, outcome: recorded.outcome, by: JSON.stringify(recorded.by), at, noticeId: recorded.noticeId, reference: recorded.reference ?? null, comment: recorded.comment ?? null }).changes === 1;
    },
    /** Undoes an outcome whose signal could not reach a running workflow, so the recipient can try again. */
    undoOutcome(disseminationId: string, at: string): void {
      undo.run(disseminationNumber(disseminationId) ?? -1, at);
    },
  };
}
export type DisseminationStore = ReturnType<typeof createDisseminationStore>;
