
/*
 * Why our own decoder: the npm `punycode` package cannot be used in workflow code. `punycode` is also a
 * Node built-in, and Temporal's workflow bundler treats every request that starts with `punycode`
 * (even `punycode/`) as that built-in: it reports it as a disallowed module and aliases it to an empty
 * module. Node's `url.domainToUnicode` is not in the sandbox either (its `url` exposes only URL and
 * URLSearchParams). Input here has already passed WHATWG URL, which validates every `xn--` label.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

/** Bias adaptation, RFC 3492 §6.1. */
function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // '0'..'9' are 26..35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decode one punycode label (without its `xn--` prefix), RFC 3492 §6.2. Throws RangeError on bad input. */
function decodeLabel(encoded: string): string {
  const delimiter = encoded.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) output.push(encoded.charCodeAt(j));
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < encoded.length; ) {
    const oldI = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      const digit = pos < encoded.length ? digitOf(encoded.charCodeAt(pos++)) : BASE;
      if (digit >= BASE) throw new RangeError(`invalid punycode "${encoded}"`);
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * 64 || w > 0x7fffffff) throw new RangeError(`invalid punycode "${encoded}"`);
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) throw new RangeError(`invalid punycode "${encoded}"`);
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** `xn--bcher-kva.de` → `bücher.de`; labels without `xn--` are kept. */
export function toUnicode(asciiDomain: string): string {
  return asciiDomain
    .split('.')
    .map((label) => (label.startsWith('xn--') ? decodeLabel(label.slice(4)) : label))
    .join('.');
}
