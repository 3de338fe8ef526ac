import { toEppStatus, toEppStatuses } from '../../lib/lookup/epp-status';

test('a status loses the ICANN link after it, bare or in brackets, and becomes its EPP code', () => {
  expect(toEppStatus('clientHold https://icann.org/epp#clientHold')).toBe('clientHold');
  expect(toEppStatus('  server transfer prohibited (https://icann.org/epp#serverTransferProhibited) ')).toBe('serverTransferProhibited');
  expect(toEppStatus('client delete prohibited')).toBe('clientDeleteProhibited');
  expect(toEppStatus('SERVERHOLD')).toBe('serverHold');
  expect(toEppStatus('https://icann.org/epp#ok')).toBe('');
  expect(toEppStatus('something new  from a registry')).toBe('something new  from a registry');
  expect(toEppStatuses(['clientHold http://x', 'client hold', ' ', 'ok'])).toEqual(['clientHold', 'ok']);
});

// Found by fuzzing (test/fuzz/lookup-parsers.test.ts): the link was cut with /\s*\(?https?:\/\/\S*\)?\s*$/,
// which is tried at every position of a run of whitespace: 40,000 spaces in a registry's status took 6 s.
test('a status full of whitespace is read in linear time', () => {
  const started = process.hrtime.bigint();
  expect(toEppStatus(`active${' '.repeat(40_000)}x`)).toBe(`active${' '.repeat(40_000)}x`);
  expect(toEppStatus(`${' \t'.repeat(40_000)}clientHold`)).toBe('clientHold');
  expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
});
