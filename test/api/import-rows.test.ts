import { csvRecords, maxImportRows, parseImport } from '../../src/api/cases/import-rows';

test('CSV records follow RFC 4180 and keep the line each starts on', () => {
  expect(csvRecords('a,"b,c"\r\n"say ""hi""",d\n"two\nlines",e')).toEqual([
    { line: 1, fields: ['a', 'b,c'] },
    { line: 2, fields: ['say "hi"', 'd'] },
    { line: 3, fields: ['two\nlines', 'e'] },
  ]);
});

// Found by fuzzing (test/fuzz/import-rows.test.ts): a lone \r (a classic Mac line end) broke a line outside
// quotes but was not counted inside them, so every later row was reported one line too early.
test('a lone carriage return inside quotes counts as a line break, as it does outside them', () => {
  expect(csvRecords('"old\rmac",x\ra.com\r"b\r\nc"\rd.com')).toEqual([
    { line: 1, fields: ['old\rmac', 'x'] },
    { line: 3, fields: ['a.com'] },
    { line: 4, fields: ['b\r\nc'] },
    { line: 6, fields: ['d.com'] },
  ]);
});

test('a header names the target column; without one the first column holds the targets', () => {
  expect(parseImport('csv', 'note,Domain\nfirst,a.com\nsecond,b.com\n')).toEqual([{ line: 2, input: 'a.com' }, { line: 3, input: 'b.com' }]);
  expect(parseImport('csv', '\uFEFFa.com,x\n\n# skip\nb.com\n')).toEqual([{ line: 1, input: 'a.com' }, { line: 4, input: 'b.com' }]);
});

test('JSON takes strings, objects with a target field, or {targets: [...]}', () => {
  expect(parseImport('json', '{"targets":["a.com",{"url":"https://b.com/x"},{"other":1}]}')).toEqual([{ line: 1, input: 'a.com' }, { line: 2, input: 'https://b.com/x' }, { line: 3, input: '' }]);
});

test('empty and oversized files are refused naming the content field', () => {
  expect(() => parseImport('csv', '# only a comment\n')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { content: ['the file holds no targets'] } }));
  const big = Array.from({ length: maxImportRows + 1 }, (_, i) => `shop-${i}.com`).join('\n');
  expect(() => parseImport('csv', big)).toThrow(`at most ${maxImportRows} rows per import (this file has ${maxImportRows + 1}); split it, or start an operation (POST /api/operations)`);
  expect(() => parseImport('json', '{"x":1}')).toThrow(/array of targets/);
});
