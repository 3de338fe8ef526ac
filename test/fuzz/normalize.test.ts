import fc from 'fast-check';
import { errorCodes } from '../../domain/errors';
import { normalizeTarget, type Target } from '../../domain/targets';
import { anyText } from './arbitraries';
import { fuzzParameters, fuzzTimeout } from './fuzz-settings';

// Normalisation (domain/targets) under generated pastes: it never throws, refuses with a named TARGET_*
// code that says what it refuses, accepts only real registrable names, and is idempotent.

const label = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$/) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('xn--bcher-kva', 'xn--p1ai', 'xn--zz', 'bücher', 'ＥＸＡＭＰＬＥ', 'ex\u00ADample', 'a'.repeat(64), '-a', 'a-', '0x7f', '127', 'www') },
);
const suffix = fc.constantFrom('com', 'co.uk', 'de', 'рф', 'xn--p1ai', 'org', 'blogspot.com', 'github.io', 'mooo.com', 'onion', 'arpa', 'uk', 'invalid', 'zz', '123', 'COM', 'com.');
const platformHost = fc.constantFrom('x.com', 'twitter.com', 'www.facebook.com', 'm.facebook.com', 'fb.me', 'instagram.com', 'www.tiktok.com', 'youtube.com', 'youtu.be', 'www.ebay.com', 'etsy.com');
const host = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), suffix).map(([labels, tld]) => `${labels.join('.')}.${tld}`) },
  { weight: 2, arbitrary: platformHost },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })).map((p) => p.join('.')) },
  { weight: 1, arbitrary: fc.constantFrom('[::1]', '::1', '2001:db8::1', 'localhost', 'com', 'co.uk', '') },
);
const pathPart = fc.oneof(fc.constant(''), fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~%@-]{0,16}$/), anyText), { maxLength: 4 }).map((segments) => `/${segments.join('/')}`));
const query = fc.oneof(fc.constant(''), fc.dictionary(fc.constantFrom('id', 'v', 'q', 'user', 'channel', 'x'), fc.stringMatching(/^[A-Za-z0-9%]{0,10}$/)).map((d) => `?${new URLSearchParams(d).toString()}`));

/** Something an agent could paste: a name or a link with its parts, in any case and spacing, or junk. */
const paste = fc.oneof(
  { weight: 6, arbitrary: fc.record({
      space: fc.constantFrom('', ' ', '\t', '\n '),
      scheme: fc.constantFrom('', '', 'http://', 'https://', 'HTTPS://', '//', 'ftp://', 'mailto:', 'javascript:', 'http:\\\\'),
      credentials: fc.constantFrom('', '', 'user:pass@', '@'),
      host,
      upper: fc.boolean(),
      dot: fc.boolean(),
      port: fc.constantFrom('', '', ':8080', ':x', ':'),
      path: pathPart,
      query,
      hash: fc.constantFrom('', '#', '#top'),
    }).map((p) => `${p.space}${p.scheme}${p.credentials}${p.upper ? p.host.toUpperCase() : p.host}${p.dot ? '.' : ''}${p.port}${p.path}${p.query}${p.hash}${p.space}`) },
  { weight: 3, arbitrary: anyText },
  { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9.]{1,10}$/), host).map(([user, h]) => `${user}@${h}`) },
);

const targetCodes = Object.keys(errorCodes).filter((code) => code.startsWith('TARGET_'));

/** The parts of a target that name it; warnings say what was dropped from the paste, so they differ. */
const identity = (target: Target) => {
  const { input: _input, warnings: _warnings, ...rest } = target;
  return rest;
};

const dnsName = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

test('any paste is normalised or refused with a named TARGET_* code and a message; nothing throws', () => {
  fc.assert(fc.property(paste, (input) => {
    const result = normalizeTarget(input);
    if (result.ok) return;
    expect(targetCodes).toContain(result.error.code);
    expect(result.error.message.length).toBeGreaterThan(10);
    // The refusal names what it refuses (the trimmed paste, quoted), unless there was nothing to name.
    if (result.error.code !== 'TARGET_EMPTY') expect(result.error.message.startsWith(JSON.stringify(input.trim()))).toBe(true);
  }), fuzzParameters());
}, fuzzTimeout(5));

test('normalising a normalised target gives the same target (idempotent), from its ASCII, Unicode or URL form', () => {
  fc.assert(fc.property(paste, (input) => {
    const result = normalizeTarget(input);
    if (!result.ok) return;
    const target = result.target;
    const forms = target.kind === 'profile' ? [target.url] : [target.domain, target.unicode];
    for (const form of forms) {
      const again = normalizeTarget(form);
      if (!again.ok) throw new Error(`${JSON.stringify(input)} normalised to ${JSON.stringify(form)}, which is refused: ${again.error.code} ${again.error.message}`);
      expect(identity(again.target)).toEqual(identity(target));
    }
  }), fuzzParameters());
}, fuzzTimeout(5));

test('an accepted domain is a real DNS name under its public suffix, and never an address, a bare suffix or a platform', () => {
  fc.assert(fc.property(paste, (input) => {
    const result = normalizeTarget(input);
    if (!result.ok || result.target.kind === 'profile') return;
    const { domain, tld } = result.target;
    expect(domain).toMatch(dnsName);
    expect(domain.endsWith(`.${tld}`)).toBe(true);
    expect(domain).not.toMatch(/^[\d.]+$/);
    expect(domain.split('.').at(-1)).not.toMatch(/^\d+$/);
    expect(['onion', 'arpa']).not.toContain(domain.split('.').at(-1));
    expect(['facebook.com', 'x.com', 'twitter.com', 'instagram.com', 'youtube.com', 'tiktok.com'].some((p) => domain === p || domain.endsWith(`.${p}`))).toBe(false);
  }), fuzzParameters());
}, fuzzTimeout(5));

test('what must be refused is refused with its own code: addresses, e-mail addresses, other schemes, bare suffixes, blanks', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const cases = fc.oneof(
    fc.tuple(fc.constantFrom('', 'http://', 'https://'), octet, octet, octet, octet).map(([s, a, b, c, d]) => [`${s}${a}.${b}.${c}.${d}`, 'TARGET_IP_ADDRESS'] as const),
    fc.tuple(fc.stringMatching(/^[a-z0-9._]{1,12}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/)).map(([user, name]) => [`${user}@${name}.com`, 'TARGET_EMAIL_ADDRESS'] as const),
    fc.tuple(fc.constantFrom('ftp', 'mailto', 'javascript', 'file', 'data', 'ws'), fc.stringMatching(/^[a-z0-9]{1,12}$/)).map(([scheme, name]) => [`${scheme}://${name}.com/`, 'TARGET_UNSUPPORTED_SCHEME'] as const),
    fc.constantFrom('com', 'co.uk', 'org.', 'https://co.uk/', 'github.io').map((s) => [s, 'TARGET_BARE_TLD'] as const),
    fc.stringMatching(/^[ \t\r\n]{0,8}$/).map((s) => [s, 'TARGET_EMPTY'] as const),
    fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom('_', '!', '*', '$', ',', ';', '"', "'"), fc.stringMatching(/^[a-z]{1,6}$/)).map(([a, ch, b]) => [`${a}${ch}${b}.com`, 'TARGET_INVALID_LABEL'] as const),
  );
  fc.assert(fc.property(cases, ([input, code]) => {
    const result = normalizeTarget(input);
    if (result.ok) throw new Error(`${JSON.stringify(input)} was accepted as ${JSON.stringify(result.target)}; expected ${code}`);
    expect(result.error.code).toBe(code);
  }), fuzzParameters());
}, fuzzTimeout(5));
