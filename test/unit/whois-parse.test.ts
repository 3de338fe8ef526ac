import { parseWhois } from '../../lib/lookup/whois-parse';

test("Nominet's registrar tag is cut from the registrar's name, and only a tag at the end", () => {
  expect(parseWhois('Registrar:\n    Tucows Inc [Tag = TUCOWS]\n').registrar.name).toBe('Tucows Inc');
  expect(parseWhois('Registrar: Example [Tag = EX] Ltd').registrar.name).toBe('Example [Tag = EX] Ltd');
  expect(parseWhois('Registrar: Example [other]').registrar.name).toBe('Example [other]');
});

// Found by fuzzing (test/fuzz/lookup-parsers.test.ts): the tag was cut with /\s*\[tag = [^\]]*\]$/i, tried at
// every space of the name, so a registrar name with 50,000 spaces in it took seconds of the worker's CPU.
test('a registrar name full of spaces is read in linear time', () => {
  const started = process.hrtime.bigint();
  expect(parseWhois(`Sponsoring Registrar: a${' '.repeat(50_000)}b`).registrar.name).toBe(`a${' '.repeat(50_000)}b`);
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
});

// Found by fuzzing too: a line was matched against /^\s*([^:/]{1,60}?)\s*:(?:\s+(.*))?\s*$/, which tries each of
// 60 key lengths against the rest of the line, so three indented values of 200,000 spaces and tabs took about a second.
test('a long indented value is read in linear time, and key-value lines read as before', () => {
  const started = process.hrtime.bigint();
  const long = `    a${' \t'.repeat(100_000)}`;
  const facts = parseWhois(`Domain Name:\n${long}\n${long}\n${long}\nRegistrar: Example Registrar, Inc.\nRegistrar URL: http://www.example.com\nName Server:NS1.EXAMPLE.COM\n`);
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(300);
  expect(facts.domainName).toBe('a');
  expect(facts.registrar.name).toBe('Example Registrar, Inc.');
  // "Key:value" without a space is not a pair (nor is a URL's scheme a key).
  expect(facts.nameservers).toEqual([]);
});

// Found by fuzzing after the ccTLD layouts (issue 16) arrived: a status's note in brackets was cut with
// /\s*\([^)]*\)$/ and a date's zone read with /\s*\(?\b(JST|KST|UTC|GMT)\)?$/, both tried at every space of the
// value: a status or a creation date with 100,000 spaces and tabs in it took about 30 seconds each.
test('a status or a date full of whitespace is read in linear time, and notes and zones are read as before', () => {
  const ws = ' \t'.repeat(50_000);
  const started = process.hrtime.bigint();
  parseWhois(`Domain Status: a${ws}b\nCreated: a${ws}b\nRegistry Expiry Date: 2020${ws}b`);
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  expect(parseWhois('Domain Status: Locked (2027/04/30)\nstatus: a ((b)\nstatus: c (d) e)').statuses).toEqual(['Locked', 'a', 'c (d) e)']);
  expect(parseWhois('Domain Name: example.jp\nCreated: 2020-01-02 03:04 (JST)').events.registered).toBe('2020-01-01T18:04:00.000Z');
});

// Found by the fresh-clone CI's fuzzing: the not-found patterns began /^\s*…/m, and with the m flag every line
// terminator (U+2028 too, which the line split does not cut on) starts a line, from which \s* ran across all the
// following ones: 8,000 of them after a key took more than a second. An answer's "No match" is still read.
test('line separators after a key are read in linear time, and "no match" answers are still read', () => {
  const started = process.hrtime.bigint();
  expect(parseWhois(`Domain Name: ${'\u2028 '.repeat(20_000)}`).notFound).toBe(false);
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  expect(parseWhois('\r\n   No match for "x.uk".\r\n').notFound).toBe(true);
  expect(parseWhois('Domain: x.de\r\nStatus:\tfree\r\n').notFound).toBe(true);
});
