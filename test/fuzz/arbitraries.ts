import fc from 'fast-check';

/** Keys that have broken JavaScript parsers and mergers: they must be plain data to us, never the prototype. */
export const pollutionKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'] as const;

/** Text of every kind: ASCII, any Unicode (lone surrogates, controls, RTL marks, emoji), and sometimes huge. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...pollutionKeys, '', ' ', '\u0000', '\uFEFF', '\u202E', '\uD800', 'null', 'NaN', '-0', '1e309', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --", '%00', '${x}', '{{x}}') },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), fc.integer({ min: 1_000, max: 200_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)) },
);

/** Object keys: ordinary names, the prototype keys, and anything. */
export const anyKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...pollutionKeys) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/**
 * Any JSON value: nested junk several levels deep, numbers at the edges, pollution keys as own properties
 * (JSON.parse makes `__proto__` an own key, which is what a request body holds).
 */
export const junkJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE)),
    anyText,
    fc.array(tie('value'), { maxLength: 6 }),
    tie('object'),
  ),
  object: fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 6 }).map((entries) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`) as unknown),
})).value;
