import { checkFetchUrl, evidenceUrlFor, inScope } from '../../domain/fetch-scope';

describe('evidenceUrlFor: the page the case captures for a pasted domain target', () => {
  test.each([
    // The pasted link on the domain, as it may be fetched: no credentials, no fragment; path and query kept.
    ['https://shop.example.com/handbags?ref=ig#top', 'example.com', 'https://shop.example.com/handbags?ref=ig'],
    ['http://user:secret@example.com/', 'example.com', 'http://example.com/'],
    ['http://:only-password@www.example.com/x', 'example.com', 'http://www.example.com/x'],
    // A port stays in the URL; the fetcher connects only on 80/443 (or an allow-listed test site).
    ['http://example.com:8080/', 'example.com', 'http://example.com:8080/'],
    // Anything else becomes the domain's home page: a bare name, another host, another scheme.
    ['example.com', 'example.com', 'https://example.com/'],
    ['http://127.0.0.1:8080@example.com/', 'example.com', 'http://example.com/'],
    ['ftp://example.com/', 'example.com', 'https://example.com/'],
    ['https://example.com.evil.net/', 'example.com', 'https://example.com/'],
    ['https://notexample.com/', 'example.com', 'https://example.com/'],
    ['http://169.254.169.254/latest/meta-data/', 'example.com', 'https://example.com/'],
  ])('%s on %s → %s', (pasted, domain, expected) => {
    expect(evidenceUrlFor(pasted, domain)).toBe(expected);
  });
});

describe('checkFetchUrl: every hop of a capture', () => {
  test('a redirect off the domain, to an address or to another scheme is refused with why', () => {
    expect(checkFetchUrl('http://127.0.0.1/admin', 'example.com')).toEqual({ ok: false, reason: expect.stringContaining('host 127.0.0.1 is outside example.com') });
    expect(checkFetchUrl('http://[::1]/', 'example.com')).toEqual({ ok: false, reason: expect.stringContaining('host ::1 is outside example.com') });
    expect(checkFetchUrl('file:///etc/passwd', 'example.com')).toEqual({ ok: false, reason: expect.stringContaining('scheme "file:"') });
    expect(checkFetchUrl('gopher://example.com/', 'example.com')).toMatchObject({ ok: false });
    expect(checkFetchUrl('not a url', 'example.com')).toMatchObject({ ok: false, reason: expect.stringContaining('is not a URL') });
  });

  test('a subdomain is in scope, with credentials removed', () => {
    expect(checkFetchUrl('https://a:b@cdn.shop.example.com/i.png', 'example.com')).toEqual({ ok: true, url: 'https://cdn.shop.example.com/i.png', host: 'cdn.shop.example.com' });
    expect(inScope('EXAMPLE.com.', 'example.com')).toBe(true);
    expect(inScope('badexample.com', 'example.com')).toBe(false);
    expect(inScope('example.com', '')).toBe(false);
  });
});
