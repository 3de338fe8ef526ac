import { parseWhois } from '../../activities/lookup/whois-parse';

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
