import { domainToUnicode } from 'node:url';
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { TakedownError, type ErrorCode } from '../../domain/errors';
import { normalizeTarget, normalizeTargetOrThrow, type NormalizeResult } from '../../domain/targets';
import { toUnicode } from '../../domain/targets/punycode';
import type { Platform, Target } from '../../domain/targets';
import { TakedownWorker } from '../../worker/takedown-worker';

function ok(input: string): Target {
  const result = normalizeTarget(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to normalise, got ${result.error.code}: ${result.error.message}`);
  return result.target;
}

function refused(input: string): Extract<NormalizeResult, { ok: false }> {
  const result = normalizeTarget(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(result.target)}`);
  return result;
}

describe('domains', () => {
  // [input, registrable domain (ASCII), Unicode form, ICANN suffix]
  test.each([
    ['example.com', 'example.com', 'example.com', 'com'],
    ['Example.COM.', 'example.com', 'example.com', 'com'],
    ['  example.com \n', 'example.com', 'example.com', 'com'],
    ['www.example.com', 'example.com', 'example.com', 'com'],
    ['www.shop.example.com', 'example.com', 'example.com', 'com'],
    ['https://example.com', 'example.com', 'example.com', 'com'],
    ['HTTP://EXAMPLE.COM/', 'example.com', 'example.com', 'com'],
    ['https:example.com', 'example.com', 'example.com', 'com'],
    ['//example.com/x', 'example.com', 'example.com', 'com'],
    ['example.com/path?q=1#f', 'example.com', 'example.com', 'com'],
    ['example.com:8080', 'example.com', 'example.com', 'com'],
    ['https://user:secret@example.com:8443/x', 'example.com', 'example.com', 'com'],
    ['http://jane@example.com/', 'example.com', 'example.com', 'com'],
    ['example.com\\path', 'example.com', 'example.com', 'com'],
    ['example.co.uk', 'example.co.uk', 'example.co.uk', 'co.uk'],
    ['a.b.c.example.co.uk', 'example.co.uk', 'example.co.uk', 'co.uk'],
    ['shop.example.com.au', 'example.com.au', 'example.com.au', 'com.au'],
    ['fake-nikes.shop', 'fake-nikes.shop', 'fake-nikes.shop', 'shop'],
    ['bücher.de', 'xn--bcher-kva.de', 'bücher.de', 'de'],
    ['BÜCHER.DE', 'xn--bcher-kva.de', 'bücher.de', 'de'],
    ['https://www.bücher.de/buch', 'xn--bcher-kva.de', 'bücher.de', 'de'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de', 'bücher.de', 'de'],
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai', 'пример.рф', 'xn--p1ai'],
    ['xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai', 'пример.рф', 'xn--p1ai'],
    ['faß.de', 'xn--fa-hia.de', 'faß.de', 'de'],
    ['中国.中國', 'xn--fiqs8s.xn--fiqz9s', '中国.中國', 'xn--fiqz9s'],
    ['ＥＸＡＭＰＬＥ.com', 'example.com', 'example.com', 'com'],
    ['www.ck', 'www.ck', 'www.ck', 'ck'],
    ['a'.repeat(63) + '.com', 'a'.repeat(63) + '.com', 'a'.repeat(63) + '.com', 'com'],
    ['foo.mooo.com.evil.net', 'evil.net', 'evil.net', 'net'],
    ['www.facebook.com.evil.net/login', 'evil.net', 'evil.net', 'net'],
  ])('%j is domain %s', (input, domain, unicode, tld) => {
    const target = ok(input);
    expect(target).toMatchObject({ kind: 'domain', input, domain, unicode, tld });
  });
});

describe('hosted sites are never seized as domains', () => {
  // [input, full host, hosting suffix]
  test.each([
    ['shop.blogspot.com', 'shop.blogspot.com', 'blogspot.com'],
    ['https://fakebags.blogspot.com/2024/01/sale.html', 'fakebags.blogspot.com', 'blogspot.com'],
    ['shop.blogspot.de', 'shop.blogspot.de', 'blogspot.de'],
    ['x.github.io', 'x.github.io', 'github.io'],
    ['foo.mooo.com', 'foo.mooo.com', 'mooo.com'],
    ['replica-watches.myshopify.com', 'replica-watches.myshopify.com', 'myshopify.com'],
    ['deals.wixsite.com/store', 'deals.wixsite.com', 'wixsite.com'],
    ['cheap.wordpress.com', 'cheap.wordpress.com', 'wordpress.com'],
    ['a.b.herokuapp.com', 'a.b.herokuapp.com', 'herokuapp.com'],
    ['store.netlify.app', 'store.netlify.app', 'netlify.app'],
  ])('%j is hosted at %s under %s', (input, domain, hostingSuffix) => {
    const target = ok(input);
    expect(target).toMatchObject({ kind: 'hosted', domain, hostingSuffix });
    expect(target.warnings.join('\n')).toContain(`shared-hosting service "${hostingSuffix}"`);
    expect(target.warnings.join('\n')).toMatch(/84,000/);
  });
});

describe('refusals name their reason and the offending part', () => {
  // [input, code, text the message must contain]
  test.each<[string, ErrorCode, string]>([
    ['', 'TARGET_EMPTY', 'give a domain name'],
    ['   \t ', 'TARGET_EMPTY', 'input is empty'],
    ['10.0.0.1', 'TARGET_IP_ADDRESS', '10.0.0.1 is an IP address'],
    ['http://192.168.1.20:8080/admin', 'TARGET_IP_ADDRESS', '192.168.1.20 is an IP address'],
    ['2130706433', 'TARGET_IP_ADDRESS', '2130706433'],
    ['http://0x7f.0.0.1/', 'TARGET_IP_ADDRESS', '0x7f.0.0.1'],
    ['1.2.3.999', 'TARGET_IP_ADDRESS', '1.2.3.999'],
    ['http://[2001:db8::1]:8080/x', 'TARGET_IP_ADDRESS', '[2001:db8::1] is an IPv6 address'],
    ['2001:db8::1', 'TARGET_IP_ADDRESS', '2001:db8::1 is an IPv6 address'],
    ['com', 'TARGET_BARE_TLD', '"com" is a public suffix'],
    ['.com', 'TARGET_INVALID_LABEL', 'empty label'],
    ['co.uk', 'TARGET_BARE_TLD', '"co.uk" is a public suffix'],
    ['https://co.uk/', 'TARGET_BARE_TLD', 'example.co.uk'],
    ['mooo.com', 'TARGET_BARE_TLD', '"mooo.com" is a shared-hosting service'],
    ['blogspot.com', 'TARGET_BARE_TLD', '"blogspot.com" is a shared-hosting service'],
    ['www.github.io', 'TARGET_BARE_TLD', '"github.io" is a shared-hosting service'],
    ['shop.notatld', 'TARGET_UNKNOWN_TLD', 'top-level domain "notatld"'],
    ['localhost', 'TARGET_UNKNOWN_TLD', '"localhost" has no top-level domain'],
    ['localhost:3000', 'TARGET_UNKNOWN_TLD', '"localhost"'],
    ['example.123', 'TARGET_UNKNOWN_TLD', 'top-level domain "123" is a number'],
    ['hidden.onion', 'TARGET_UNKNOWN_TLD', '".onion"'],
    ['foo_bar.com', 'TARGET_INVALID_LABEL', 'label "foo_bar" contains "_"'],
    ['foo bar.com', 'TARGET_INVALID_LABEL', 'label "foo bar" contains a space'],
    ['*.example.com', 'TARGET_INVALID_LABEL', 'label "*" contains "*"'],
    ['shop!.com', 'TARGET_INVALID_LABEL', 'label "shop!" contains "!"'],
    ['-shop.com', 'TARGET_INVALID_LABEL', 'label "-shop" starts with a hyphen'],
    ['shop-.com', 'TARGET_INVALID_LABEL', 'label "shop-" ends with a hyphen'],
    ['a..b.com', 'TARGET_INVALID_LABEL', 'empty label'],
    ['a'.repeat(64) + '.com', 'TARGET_INVALID_LABEL', `label "${'a'.repeat(64)}" is 64 characters long`],
    [Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.') + '.com', 'TARGET_INVALID_LABEL', 'the name is 308 characters long'],
    // Found by fuzzing (test/fuzz/normalize.test.ts): IDNA maps these symbols to ASCII punctuation, which was accepted as "(a)0.com".
    ['🄐0.com', 'TARGET_INVALID_LABEL', 'the name becomes "(a)0.com" in ASCII, and its label "(a)0" is not a DNS label'],
    ['⑴x.com', 'TARGET_INVALID_LABEL', 'label "(1)x" is not a DNS label'],
    ['ａ－.com', 'TARGET_INVALID_LABEL', 'label "a-" is not a DNS label'],
    ['xn--zz.com', 'TARGET_INVALID_LABEL', 'label "xn--zz"'],
    ['jane@example.com', 'TARGET_EMAIL_ADDRESS', 'give "example.com"'],
    ['Sales.Team@fake-shop.co.uk', 'TARGET_EMAIL_ADDRESS', 'give "fake-shop.co.uk"'],
    ['javascript:alert(1)', 'TARGET_UNSUPPORTED_SCHEME', 'scheme "javascript:"'],
    ['data:text/html,<h1>hi</h1>', 'TARGET_UNSUPPORTED_SCHEME', 'scheme "data:"'],
    ['ftp://files.example.com/x', 'TARGET_UNSUPPORTED_SCHEME', 'scheme "ftp:"'],
    ['mailto:jane@example.com', 'TARGET_UNSUPPORTED_SCHEME', 'scheme "mailto:"'],
    ['file:///etc/passwd', 'TARGET_UNSUPPORTED_SCHEME', 'scheme "file:"'],
    ['https://', 'TARGET_MALFORMED', 'no host name'],
    ['http://example.com:http/', 'TARGET_MALFORMED', 'port "http" is not a number'],
    ['@fakeshop', 'TARGET_MALFORMED', 'https://x.com/fakeshop'],
    ['facebook.com', 'TARGET_PROFILE_MISSING', 'names no profile'],
    ['https://www.instagram.com/', 'TARGET_PROFILE_MISSING', 'names no profile'],
    ['x.com', 'TARGET_PROFILE_MISSING', 'names no profile'],
  ])('%j is refused with %s', (input, code, part) => {
    const result = refused(input);
    expect(result.input).toBe(input);
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(part);
    // Each message also says what would be accepted.
    expect(result.error.message).toMatch(/give|a label has|at most|looks like|such as|check the spelling|name the one site|links that name a profile|delegated/);
  });
});

describe('warnings name exactly what was dropped', () => {
  test.each([
    ['https://shop.example.com/shop/item?id=3', ['dropped path "/shop/item?id=3"', 'reduced host "shop.example.com" to its registrable domain "example.com"']],
    ['http://example.com:8080', ['dropped port 8080']],
    ['https://user:hunter2@example.com/', ['dropped credentials']],
    ['example.com?ref=ad', ['dropped query "?ref=ad"']],
    ['example.com#contact', ['dropped fragment "#contact"']],
    ['example.com/', []],
    ['https://www.bücher.de', ['reduced host "www.bücher.de" to its registrable domain "bücher.de"']],
    [
      'https://admin:pw@www.example.com:8443/a/b?c=d#e',
      ['dropped credentials', 'dropped port 8443', 'dropped path "/a/b?c=d#e"', 'reduced host "www.example.com" to its registrable domain "example.com"'],
    ],
    ['https://x.com/Fake_Shop/status/123?s=20', ['dropped path "/status/123" after the profile', 'dropped query "?s=20"']],
    ['https://www.facebook.com/profile.php?id=1000123&sk=about', ['dropped query "?sk=about"']],
    ['https://www.tiktok.com/@shop/video/1#top', ['dropped path "/video/1" after the profile', 'dropped fragment "#top"']],
  ])('%j warns %j', (input, warnings) => {
    expect(ok(input).warnings).toEqual(warnings);
  });

  test('credentials are dropped without repeating them', () => {
    expect(ok('https://user:hunter2@example.com/').warnings.join(' ')).not.toContain('hunter2');
  });
});

describe('every link form of a profile gives the same platform and handle', () => {
  const forms: Array<[Platform, string, string[]]> = [
    [
      'facebook',
      'fakeshop.official',
      [
        'facebook.com/fakeshop.official',
        'https://www.facebook.com/FakeShop.Official/',
        'https://m.facebook.com/fakeshop.official?ref=bookmarks',
        'https://fb.com/fakeshop.official',
        'https://web.facebook.com/fakeshop.official/photos',
      ],
    ],
    [
      'facebook',
      '100012345678901',
      [
        'https://www.facebook.com/profile.php?id=100012345678901',
        'https://m.facebook.com/profile.php?id=100012345678901&sk=about',
        'https://www.facebook.com/people/Jane-Doe/100012345678901/',
        'https://www.facebook.com/100012345678901',
        'https://www.facebook.com/marketplace/profile/100012345678901/',
        'https://www.facebook.com/p/Jane-Doe-100012345678901/',
      ],
    ],
    [
      'instagram',
      'replica.bags_',
      [
        'instagram.com/replica.bags_',
        'https://www.instagram.com/Replica.Bags_/',
        'https://instagram.com/replica.bags_?igsh=abc',
        'https://www.instagram.com/replica.bags_/reels/',
        'https://www.instagram.com/stories/replica.bags_/3141592653/',
      ],
    ],
    [
      'x',
      'fake_shop',
      [
        'x.com/fake_shop',
        'https://x.com/Fake_Shop',
        'https://twitter.com/fake_shop',
        'https://www.twitter.com/fake_shop/',
        'https://mobile.twitter.com/fake_shop',
        'https://x.com/fake_shop/status/1234567890123',
        'https://twitter.com/intent/user?screen_name=Fake_Shop',
      ],
    ],
    ['x', 'i/user/783214', ['https://x.com/i/user/783214', 'https://twitter.com/intent/user?user_id=783214']],
    [
      'tiktok',
      'cheap.sneakers',
      [
        'tiktok.com/@cheap.sneakers',
        'https://www.tiktok.com/@Cheap.Sneakers',
        'https://m.tiktok.com/@cheap.sneakers?lang=en',
        'https://www.tiktok.com/@cheap.sneakers/video/7234567890123456789',
      ],
    ],
    [
      'youtube',
      'fakeshoptv',
      [
        'youtube.com/@FakeShopTV',
        'https://www.youtube.com/@fakeshoptv',
        'https://m.youtube.com/@fakeshoptv/videos',
        'https://youtube.com/@fakeshoptv/shorts?si=x',
      ],
    ],
    [
      'youtube',
      'UCaBcDeFgHiJkLmNoPqRsTuV',
      [
        'https://www.youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsTuV',
        'https://m.youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsTuV/videos',
        'youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsTuV?view_as=subscriber',
      ],
    ],
    ['youtube', 'c/fakeshop', ['https://www.youtube.com/c/FakeShop', 'https://m.youtube.com/c/fakeshop/about', 'https://www.youtube.com/FakeShop']],
    ['youtube', 'user/fakeshop2009', ['https://www.youtube.com/user/FakeShop2009', 'youtube.com/user/fakeshop2009/videos']],
    [
      'marketplace',
      'ebay/usr/bargain*seller',
      [
        'https://www.ebay.com/usr/Bargain*Seller',
        'ebay.co.uk/usr/bargain*seller',
        'https://m.ebay.de/usr/bargain*seller?_trksid=1',
        'https://www.ebay.com/fdbk/feedback_profile/bargain*seller',
        'https://www.ebay.com/sch/i.html?_ssn=bargain*seller&_sop=12',
      ],
    ],
    ['marketplace', 'ebay/str/fakestore', ['https://www.ebay.com/str/FakeStore', 'ebay.com.au/str/fakestore?_tab=shop']],
  ];
  const cases = forms.flatMap(([platform, handle, links]) => links.map((link) => [platform, handle, link] as const));

  test.each(cases)('%s %s from %j', (platform, handle, link) => {
    expect(ok(link)).toMatchObject({ kind: 'profile', platform, handle });
  });

  test.each(forms)('%s %s: one canonical URL for every form', (_platform, _handle, links) => {
    const urls = new Set(links.map((link) => (ok(link) as { url: string }).url));
    expect(urls.size).toBe(1);
  });
});

describe('profiles: canonical URL and permanent ID', () => {
  test.each([
    ['https://m.facebook.com/profile.php?id=123456789', 'https://www.facebook.com/profile.php?id=123456789', '123456789'],
    ['facebook.com/fakeshop', 'https://www.facebook.com/fakeshop', undefined],
    ['https://twitter.com/Jack', 'https://x.com/jack', undefined],
    ['https://x.com/i/user/12', 'https://x.com/i/user/12', '12'],
    ['https://youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsTuV', 'https://www.youtube.com/channel/UCaBcDeFgHiJkLmNoPqRsTuV', 'UCaBcDeFgHiJkLmNoPqRsTuV'],
    ['https://m.tiktok.com/@seller', 'https://www.tiktok.com/@seller', undefined],
    ['instagram.com/seller', 'https://www.instagram.com/seller', undefined],
    ['ebay.de/usr/seller', 'https://www.ebay.com/usr/seller', undefined],
  ])('%j → %s', (input, url, permanentId) => {
    const target = ok(input);
    expect(target.kind).toBe('profile');
    expect(target).toMatchObject({ url });
    expect((target as { permanentId?: string }).permanentId).toBe(permanentId);
  });

  test('a bare youtube.com/<name> is read as a legacy custom URL, with a warning', () => {
    expect(ok('youtube.com/FakeShop').warnings).toEqual(['read "/FakeShop" as the legacy custom URL "/c/fakeshop"; check that it opens the intended channel']);
  });
});

describe('platform links that name no profile', () => {
  test.each([
    ['facebook.com', 'names no profile'],
    ['https://www.facebook.com/login', '"/login" is a Facebook page'],
    ['https://www.facebook.com/help/123', '"/help" is a Facebook page'],
    ['https://www.facebook.com/groups/fakebags', 'a Facebook group is not a profile'],
    ['https://www.facebook.com/watch?v=1', '"/watch" is a Facebook page'],
    ['https://www.facebook.com/share/abc123/', 'a share link hides the profile'],
    ['https://www.facebook.com/profile.php', 'no numeric id='],
    ['https://developers.facebook.com/docs', 'developers.facebook.com does not serve Facebook profiles'],
    ['https://www.instagram.com/p/C0dEaBc/', '"/p/C0dEaBc" is a post'],
    ['https://www.instagram.com/explore/tags/shoes/', 'is the explore page'],
    ['https://www.instagram.com/reel/abc/', 'is a reel'],
    ['https://x.com/home', '"/home" is an X app page'],
    ['https://x.com/i/flow/login', '"/i/flow/login" is an X app page'],
    ['https://twitter.com/search?q=shoes', '"/search" is an X app page'],
    ['https://twitter.com/intent/tweet?text=hi', '"/intent/tweet" is an X app page'],
    ['https://x.com/this_handle_is_too_long', '"this_handle_is_too_long" is not an X handle'],
    ['https://www.tiktok.com/foryou', 'a TikTok profile path starts with "@"'],
    ['https://vm.tiktok.com/ZMabc123/', 'short link hides the profile'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', '"/watch" is a video'],
    ['https://youtu.be/dQw4w9WgXcQ', 'a youtu.be link is a video'],
    ['https://www.youtube.com/shorts/abc', '"/shorts/abc" is a short video'],
    ['https://www.youtube.com/channel/notanid', '"notanid" is not a YouTube channel ID'],
    ['https://www.ebay.com/itm/1234567890', 'an item link names no seller'],
    ['https://www.ebay.com/', 'names no seller'],
  ])('%j → TARGET_PROFILE_MISSING (%s)', (input, part) => {
    const result = refused(input);
    expect(result.error.code).toBe('TARGET_PROFILE_MISSING');
    expect(result.error.message).toContain(part);
    expect(result.error.message).toContain('links that name a profile');
  });
});

describe('normalizeTargetOrThrow', () => {
  test('returns the target', () => {
    expect(normalizeTargetOrThrow('www.Example.com')).toMatchObject({ kind: 'domain', domain: 'example.com' });
  });

  test('throws a TakedownError with the TARGET_* code and the specific message', () => {
    let thrown: unknown;
    try {
      normalizeTargetOrThrow('foo_bar.com');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TakedownError);
    expect(thrown).toMatchObject({
      code: 'TARGET_INVALID_LABEL',
      message: '"foo_bar.com": label "foo_bar" contains "_"; a label has letters, digits and inner hyphens, at most 63 characters',
    });
  });
});

describe('punycode decoding agrees with node:url', () => {
  test.each([
    'xn--bcher-kva.de',
    'xn--e1afmkfd.xn--p1ai',
    'xn--fa-hia.de',
    'xn--fiqs8s.xn--fiqz9s',
    'xn--wgv71a119e.jp',
    'xn--80ak6aa92e.com',
    'xn--i-7iq.ws',
    'xn--ls8h.la',
    'xn--mgbh0fb.xn--kgbechtv',
    'plain.example.com',
  ])('%s', (ascii) => {
    expect(toUnicode(ascii)).toBe(domainToUnicode(ascii));
  });
});

describe('normalisation is deterministic and idempotent', () => {
  test.each(['https://www.Bücher.de/x', 'shop.blogspot.com', 'https://twitter.com/Jack/status/1', 'xn--e1afmkfd.xn--p1ai'])('%j', (input) => {
    const first = ok(input);
    const again = ok(first.kind === 'profile' ? first.url : first.domain);
    expect({ ...again, input: first.input, warnings: [] }).toEqual({ ...first, warnings: [] });
  });
});

// Workflows call normalizeTarget, so it must run inside Temporal's sandbox: no Node built-ins (the
// bundler would refuse them), only the globals the sandbox provides. Bundling normalize.ts itself
// makes its exported functions workflow types; running one on the test server proves it.
describe('inside the Temporal workflow sandbox', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_TEST_ADDRESS });
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('normalizeTarget gives the same results in a workflow', async () => {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../domain/targets/normalize'),
      logger: new DefaultLogger('WARN'),
    });
    const taskQueue = `normalize-${randomUUID()}`;
    const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle });
    const inputs = ['bücher.de', 'пример.рф', 'xn--e1afmkfd.xn--p1ai', 'shop.blogspot.com', 'https://x.com/Jack/status/1', 'foo_bar.com'];
    const results = await worker.runUntil(
      Promise.all(
        inputs.map((input) =>
          env.client.workflow.execute('normalizeTarget', { taskQueue, workflowId: `normalize-${randomUUID()}`, args: [input] }),
        ),
      ),
    );
    expect(results).toEqual(inputs.map((input) => normalizeTarget(input)));
  });
});
