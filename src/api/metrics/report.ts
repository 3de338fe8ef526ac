import type { TargetRow } from '../temporal/visibility';

/** The columns of the exported report, in order. */
export const reportColumns = ['workflowId', 'key', 'kind', 'caseId', 'operationId', 'stage', 'registrar', 'registry', 'tld', 'platform', 'deadlineState', 'deadlineAt', 'startedAt', 'closedAt'] as const satisfies readonly (keyof TargetRow)[];

/** RFC 4180: quote a field holding a comma, quote or line break; a leading =,+,-,@ is neutralised for spreadsheets. */
function csvField(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: TargetRow[]): string {
  const lines = [reportColumns.join(','), ...rows.map((row) => reportColumns.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
