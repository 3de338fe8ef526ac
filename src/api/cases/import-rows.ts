import { maxTargetsPerCase } from '../../../domain/case-package';
import { TakedownError } from '../../../domain/errors';

/** One row of an import file, with where it was, so a report line points back to the file. */
export interface InputRow {
  line: number;
  input: string;
}

/** An import is answered row by row in one request, into one case; bigger lists go through an operation. */
export const maxImportRows = maxTargetsPerCase;
/** The longest row taken as a target, as in the add-targets and operation bodies (a URL's practical limit). */
export const maxRowChars = 2048;

const targetColumns = ['target', 'domain', 'url', 'input', 'profile'];

const refuse = (message: string) => new TakedownError('VALIDATION_FAILED', `content: ${message}`, { content: [message] });

/**
 * Reads targets from a CSV or JSON file. CSV: RFC 4180 quoting; a header naming a `target` (or `domain`,
 * `url`, `input`, `profile`) column picks that column, otherwise the first column holds the targets;
 * blank lines and `#` comments are skipped. JSON: an array of strings or of objects with `target`.
 */
export function parseImport(format: 'csv' | 'json', content: string): InputRow[] {
  const rows = format === 'csv' ? fromCsv(content) : fromJson(content);
  if (rows.length === 0) throw refuse('the file holds no targets');
  if (rows.length > maxImportRows) throw refuse(`at most ${maxImportRows} rows per import (this file has ${rows.length}); split it, or start an operation (POST /api/operations)`);
  const long = rows.filter((r) => r.input.length > maxRowChars);
  if (long.length > 0) throw refuse(`a row holds at most ${maxRowChars} characters; ${long.slice(0, 5).map((r) => `line ${r.line} has ${r.input.length}`).join(', ')}${long.length > 5 ? ` and ${long.length - 5} more` : ''}`);
  return rows;
}

function fromJson(content: string): InputRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw refuse(`not valid JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { targets?: unknown } | null)?.targets;
  if (!Array.isArray(list)) throw refuse('JSON must be an array of targets, or an object with a "targets" array');
  return list.map((item, index) => {
    if (typeof item === 'string') return { line: index + 1, input: item };
    const field = item && typeof item === 'object' ? targetColumns.map((c) => (item as Record<string, unknown>)[c]).find((v) => typeof v === 'string') : undefined;
    // A malformed item is still a row: it is reported as refused, never dropped.
    return { line: index + 1, input: typeof field === 'string' ? field : '' };
  });
}

function fromCsv(content: string): InputRow[] {
  const records = csvRecords(content.replace(/^\uFEFF/, ''));
  const meaningful = records.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === '') && !r.fields[0]!.trimStart().startsWith('#'));
  if (meaningful.length === 0) return [];
  const header = meaningful[0]!.fields.map((f) => f.trim().toLowerCase());
  const named = header.findIndex((h) => targetColumns.includes(h));
  const column = named >= 0 ? named : 0;
  const body = named >= 0 ? meaningful.slice(1) : meaningful;
  return body.map((r) => ({ line: r.line, input: r.fields[column] ?? '' }));
}

/** RFC 4180 records with the line each starts on; quoted fields may hold commas, quotes ("") and newlines. */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      // A line break inside quotes counts as one outside does (\n, \r\n or a lone \r), so later rows keep their line.
      else { if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++; field += c; }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = []; field = ''; line++; start = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) { fields.push(field); records.push({ line: start, fields }); }
  return records;
}
