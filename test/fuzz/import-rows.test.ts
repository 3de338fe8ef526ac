import fc from 'fast-check';
import { TakedownError } from '../../domain/errors';
import { csvRecords, maxImportRows, maxRowChars, parseImport } from '../../src/api/cases/import-rows';
import { anyText, junkJson } from './arbitraries';
import { fuzzParameters, fuzzTimeout } from './fuzz-settings';

// The import of a target file (POST /api/cases/<case>/targets/import; the CLI's add-targets): whatever the
// file holds, it is read into rows or refused as VALIDATION_FAILED naming the `content` field; CSV fields
// written with RFC 4180 quoting read back as they were.

const csvField = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9.:/-]{0,20}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', ' ', '#x', 'a,"b"', '\uFEFF') },
);
const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
/** RFC 4180: a field with a comma, quote or line break is quoted; an empty one too (a lone empty field is a blank line). */
const encode = (field: string) => (/[",\r\n]/.test(field) || field === '' ? quote(field) : field);

test('CSV fields written with RFC 4180 quoting read back as written, each record on the line it starts', () => {
  const records = fc.array(fc.array(csvField, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 });
  fc.assert(fc.property(records, fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, finalEol) => {
    // A file ending in a lone `""` without a line break reads as nothing after the last record: a blank row, skipped anyway.
    const lastIsBlank = rows.at(-1)!.length === 1 && rows.at(-1)![0] === '';
    const text = rows.map((row) => row.map(encode).join(',')).join(eol) + (finalEol || lastIsBlank ? eol : '');
    const read = csvRecords(text);
    expect(read.map((r) => r.fields)).toEqual(rows);
    let line = 1;
    rows.forEach((row, i) => {
      expect(read[i]!.line).toBe(line);
      line += 1 + row.reduce((breaks, field) => breaks + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    });
  }), fuzzParameters());
}, fuzzTimeout(5));

const csvText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.array(csvField, { minLength: 1, maxLength: 3 }), { maxLength: 12 }).map((rows) => rows.map((r) => r.map(encode).join(',')).join('\n')) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('target', 'Domain', ' URL ', 'note,target', 'profile,input'), fc.array(fc.string({ maxLength: 30 }), { maxLength: 12 })).map(([header, rows]) => [header, ...rows].join('\n')) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: maxImportRows - 2, max: maxImportRows + 3 }), fc.boolean()).map(([n, long]) => Array.from({ length: n }, (_, i) => (long && i === 7 ? 'x'.repeat(maxRowChars + 1) : `s${i}.com`)).join('\n')) },
);
const jsonText = fc.oneof(
  { weight: 3, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.record({ target: fc.string({ maxLength: 20 }) }), junkJson), { maxLength: 10 }).map((list) => JSON.stringify(Math.random() < 0.5 ? list : { targets: list })) },
  { weight: 1, arbitrary: anyText },
);

test('any file is read into rows or refused as VALIDATION_FAILED on its content field; nothing else is thrown', () => {
  const file = fc.oneof(csvText.map((content) => ['csv', content] as const), jsonText.map((content) => ['json', content] as const));
  fc.assert(fc.property(file, ([format, content]) => {
    let rows;
    try {
      rows = parseImport(format, content);
    } catch (error) {
      if (!(error instanceof TakedownError)) throw error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message.startsWith('content: ')).toBe(true);
      expect(error.fields?.content?.length).toBe(1);
      return;
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(maxImportRows);
    for (const row of rows) {
      expect(typeof row.input).toBe('string');
      expect(row.input.length).toBeLessThanOrEqual(maxRowChars);
      expect(Number.isInteger(row.line) && row.line >= 1).toBe(true);
    }
    // Rows keep the order of the file.
    expect(rows.map((r) => r.line)).toEqual([...rows.map((r) => r.line)].sort((a, b) => a - b));
  }), fuzzParameters());
}, fuzzTimeout(5));
