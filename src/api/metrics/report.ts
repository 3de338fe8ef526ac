import type { CustodyRow, TargetRow } from '../temporal/visibility';

/** A target as exported: a seized domain also with its custody (in custody, being returned, forfeited, returned). */
export interface ReportRow extends TargetRow {
  custodyStage?: string;
  custodyDeadlineState?: string;
  custodyDeadlineAt?: string;
}

/** The columns of the exported report, in order. */
export const reportColumns = [
  'workflowId', 'key', 'kind', 'caseId', 'operationId', 'stage', 'registrar', 'registry', 'tld', 'platform', 'deadlineState', 'deadlineAt', 'startedAt', 'closedAt',
  'custodyStage', 'custodyDeadlineState', 'custodyDeadlineAt',
] as const satisfies readonly (keyof ReportRow)[];

/** Joins each seized domain to its custody, so the report shows what became of it after SEIZED. */
export function withCustody(targets: TargetRow[], custody: CustodyRow[]): ReportRow[] {
  const byDomain = new Map(custody.map((c) => [c.domain, c]));
  return targets.map((t) => {
    const held = t.kind === 'domain' ? byDomain.get(t.key) : undefined;
    return held ? { ...t, custodyStage: held.stage, custodyDeadlineState: held.deadlineState, custodyDeadlineAt: held.deadlineAt } : t;
  });
}

/**
 * RFC 4180: quote a field holding a comma, quote or line break. A field a spreadsheet would run as a formula
 * is neutralised with a leading apostrophe (OWASP CSV injection): one starting with = + - @, or with a tab
 * or carriage return, which spreadsheets skip before reading the formula behind them.
 */
export function csvField(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReportRow[]): string {
  const lines = [reportColumns.join(','), ...rows.map((row) => reportColumns.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
