import { loadNoticeDirectory } from '../../lib/mail/contacts';
import type { Actor } from '../../domain/actors';
import { TakedownError } from '../../domain/errors';
import { legalEntityFor, looksRemoved, platformRules, portalChecklist, profilePageUrl, rulesFor } from '../../domain/platform-rules';
import { checkExtendPreservation, checkPortalSubmission } from '../../domain/profile-rules';
import type { PreservationRecord } from '../../domain/profile-takedown';
import { platformContactSchema, type PlatformContact } from '../../domain/registries';
import { normalizeTargetOrThrow, platforms, type ProfileTarget } from '../../domain/targets';

const directory = loadNoticeDirectory({ seizureNameservers: ['ns1.seizedservers.example'] });
const contactOf = (platform: string) => directory.platforms.find((p) => p.platform === platform)!;
const profile = (link: string) => normalizeTargetOrThrow(link) as ProfileTarget;
const agent: Actor = { id: 'agent-rivera', name: 'Dana Rivera', role: 'agent' };
const refusal = (fn: () => unknown) => { try { fn(); } catch (error) { return error as TakedownError; } throw new Error('not refused'); };

describe('the platform registry', () => {
  test.each(platforms)('%s has removal rules, a channel in config/platforms.json and what a request must contain', (platform) => {
    const rules = platformRules[platform];
    expect(rules.removedStatuses).toEqual(expect.arrayContaining([404]));
    expect(rules.removedMarkers.length).toBeGreaterThan(0);
    for (const marker of rules.removedMarkers) expect(marker).toBe(marker.toLowerCase());
    expect(rules.mustContain.length).toBeGreaterThan(0);
    const contact = contactOf(platform);
    expect(contact.channel === 'email' ? contact.email : contact.portalUrl).toBeDefined();
  });

  test('a configured removal override replaces the built-in rule, and is validated', () => {
    const rules = rulesFor('x', { statuses: [451], markers: ['Account Gone'] });
    expect(looksRemoved(rules, 451, '')).toBe(true);
    expect(looksRemoved(rules, 404, '')).toBe(false);
    expect(looksRemoved(rules, 200, '<h1>account gone</h1>')).toBe(true);
    expect(rulesFor('x')).toEqual(platformRules.x);
    expect(platformContactSchema.safeParse({ ...contactOf('x'), removal: { statuses: [99] } }).success).toBe(false);
  });
});

describe('looksRemoved', () => {
  test.each([
    ['tiktok', 404, '', true],
    ['tiktok', 410, '', true],
    ['tiktok', 200, "<h2>Couldn't find this account</h2>", true],
    ['tiktok', 200, '<h1>@seller</h1> designer sneakers', false],
    ['x', 200, '<span>This account doesn’t exist</span>', true],
    ['x', 200, '<span>Account suspended</span>', true],
    ['youtube', 200, 'This account has been terminated for violating our policies', true],
    ['facebook', 200, "This content isn't available right now", true],
    ['marketplace', 200, 'The seller is no longer registered', true],
    // A marker on an error page is not the platform's removed page; a server error proves nothing.
    ['tiktok', 503, "couldn't find this account", false],
    ['instagram', 500, '', false],
  ] as const)('%s HTTP %i %j → %s', (platform, status, body, removed) => {
    expect(looksRemoved(platformRules[platform], status, body)).toBe(removed);
  });
});

describe('the legal entity and the page to check', () => {
  test('TikTok is addressed by the user\'s region; others by the configured entity', () => {
    expect(legalEntityFor(platformRules.tiktok, 'TikTok Inc.', 'EEA')).toBe('TikTok Technology Limited (Ireland)');
    expect(legalEntityFor(platformRules.tiktok, 'TikTok Inc. (configured)', undefined)).toBe('TikTok Inc. (configured)');
    expect(legalEntityFor(platformRules.x, 'X Corp.', 'EEA')).toBe('X Corp.');
  });

  test.each([
    ['http://www.tiktok.com:4321/@seller/video/1?lang=en', 'http://www.tiktok.com:4321/@seller'],
    ['https://m.tiktok.com/@Seller', 'https://m.tiktok.com/@seller'],
    ['tiktok.com/@seller', 'https://www.tiktok.com/@seller'],
    ['https://twitter.com/Fake_Shop/status/123', 'https://twitter.com/fake_shop'],
    ['http://www.ebay.com:8080/sch/i.html?_ssn=bargain', 'http://www.ebay.com:8080/usr/bargain'],
    ['https://m.facebook.com/profile.php?id=1000123&sk=about', 'https://m.facebook.com/profile.php?id=1000123'],
  ])('%s is checked at %s', (pasted, page) => {
    expect(profilePageUrl(pasted, profile(pasted))).toBe(page);
  });
});

describe('the portal checklist', () => {
  const warrant = { court: 'U.S. District Court for the Southern District of New York', docket: '26-MJ-04417', issuedOn: '2026-11-20', sealed: false, documentRef: 'SDNY-26-MJ-04417-signed.pdf' };

  test('X: handle and numeric ID, the platform\'s own list, the warrant, and the non-disclosure order', () => {
    const list = portalChecklist({ kind: 'takedown', contact: contactOf('x'), target: profile('https://x.com/i/user/783214'), caseId: 'HSI-NY-2026-0142', nonDisclosure: true, warrant });
    expect(list).toMatchObject({ kind: 'takedown', platform: 'X', portalUrl: 'https://legalrequests.x.com', legalEntity: 'X Corp.' });
    const text = list.items.join('\n');
    for (const fact of ['https://legalrequests.x.com', 'permanent ID 783214', 'Include: @handle and the numeric user ID', 'docket 26-MJ-04417', 'SDNY-26-MJ-04417-signed.pdf', 'State the non-disclosure order: X must not notify the account holder (it notifies users unless barred)', 'HSI-NY-2026-0142']) expect(text).toContain(fact);
  });

  test('a sealed warrant is attached through the sealed upload and not described; without an order the agent is told the user will likely hear', () => {
    const list = portalChecklist({ kind: 'takedown', contact: contactOf('instagram'), target: profile('instagram.com/seller'), caseId: 'C-1', nonDisclosure: false, warrant: { ...warrant, sealed: true } });
    const text = list.items.join('\n');
    expect(text).not.toContain('26-MJ-04417');
    expect(text).toContain('sealed');
    expect(text).toContain('No non-disclosure order in this case: Instagram will likely notify the account holder');
  });

  test('TikTok: the entity of the user\'s region when known, the list of regions otherwise; a preservation names the statute and needs no warrant', () => {
    const known = portalChecklist({ kind: 'takedown', contact: contactOf('tiktok'), target: profile('tiktok.com/@seller'), region: 'UK', caseId: 'C-1', nonDisclosure: false, warrant });
    expect(known.legalEntity).toBe('TikTok Information Technologies UK Limited');
    expect(known.items).toContain('Address it to TikTok Information Technologies UK Limited');
    const preservation = portalChecklist({ kind: 'preservation', contact: contactOf('tiktok'), target: profile('tiktok.com/@seller'), caseId: 'C-1', nonDisclosure: true, preservation: { statute: '18 U.S.C. § 2703(f)', days: 90, until: '2027-02-19' } });
    const text = preservation.items.join('\n');
    expect(text).toContain('US: TikTok Inc.; EEA: TikTok Technology Limited (Ireland); UK: TikTok Information Technologies UK Limited; OTHER: TikTok Pte. Ltd. (Singapore)');
    expect(text).toContain('18 U.S.C. § 2703(f) for 90 days (until 2027-02-19)');
    expect(text).toContain('no warrant is needed');
    expect(text).not.toMatch(/Attach the warrant/);
  });
});

describe('what an agent records', () => {
  const now = Date.parse('2026-11-21T12:00:00.000Z');
  const wait = { waitingFor: 'takedown' as const, warrantAt: '2026-11-21T10:00:00.000Z' };
  const input = { actor: agent, kind: 'takedown' as const, reference: ' TT-88412 ', submittedAt: '2026-11-21T11:30:00.000Z' };

  test('a valid portal submission comes back trimmed', () => {
    expect(checkPortalSubmission(wait, input, now)).toEqual({ kind: 'takedown', reference: 'TT-88412', submittedAt: '2026-11-21T11:30:00.000Z' });
    // A minute ahead of the workflow's clock is the same instant seen from two clocks.
    expect(() => checkPortalSubmission(wait, { ...input, submittedAt: '2026-11-21T12:00:30.000Z' }, now)).not.toThrow();
  });

  test.each([
    ['a coordinator', { actor: { ...agent, role: 'coordinator' } }, 'ROLE_NOT_ALLOWED', /agent or supervisor/],
    ['no reference', { reference: '' }, 'VALIDATION_FAILED', /reference/],
    ['a time in the future', { submittedAt: '2026-11-21T13:00:00.000Z' }, 'VALIDATION_FAILED', /future/],
    ['not a time', { submittedAt: 'yesterday' }, 'VALIDATION_FAILED', /submittedAt/],
    ['before the warrant', { submittedAt: '2026-11-21T09:00:00.000Z' }, 'VALIDATION_FAILED', /before the warrant/],
    ['the other kind', { kind: 'preservation' }, 'WRONG_STATE', /waiting for the takedown/],
  ] as const)('%s is refused', (_what, change, code, message) => {
    const error = refusal(() => checkPortalSubmission(wait, { ...input, ...change } as typeof input, now));
    expect(error).toBeInstanceOf(TakedownError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  test('one extension of a live preservation: a letter for e-mail platforms, the portal\'s reference otherwise', () => {
    const record: PreservationRecord = { statute: '18 U.S.C. § 2703(f)', channel: 'email', requestedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-01-30T00:00:00.000Z', noticeId: 'n1', extensions: [], remindedFor: [], expired: false };
    expect(checkExtendPreservation(record, { actor: agent }, now)).toEqual({});
    expect(refusal(() => checkExtendPreservation({ ...record, channel: 'portal' }, { actor: agent }, now)).code).toBe('VALIDATION_FAILED');
    expect(checkExtendPreservation({ ...record, channel: 'portal' }, { actor: agent, reference: 'LERS-1', submittedAt: '2026-11-21T11:00:00.000Z' }, now)).toEqual({ reference: 'LERS-1', submittedAt: '2026-11-21T11:00:00.000Z' });
    expect(refusal(() => checkExtendPreservation(undefined, { actor: agent }, now)).message).toMatch(/no preservation request/);
    expect(refusal(() => checkExtendPreservation({ ...record, extensions: [{ at: '2027-01-20T00:00:00.000Z', by: agent, expiresAt: '2027-04-30T00:00:00.000Z' }] }, { actor: agent }, now)).message).toMatch(/one extension/);
    expect(refusal(() => checkExtendPreservation({ ...record, expiresAt: '2026-11-20T00:00:00.000Z' }, { actor: agent }, now)).message).toMatch(/expired/);
    expect(refusal(() => checkExtendPreservation(record, { actor: { ...agent, role: 'counsel' } }, now)).code).toBe('ROLE_NOT_ALLOWED');
  });
});

test('contacts: a portal platform needs its URL, an e-mail platform its address (PlatformContact)', () => {
  const base: Partial<PlatformContact> = { platform: 'youtube', name: 'YouTube', legalEntity: 'Google LLC' };
  expect(platformContactSchema.safeParse({ ...base, channel: 'portal', portalUrl: 'https://lers.google.com' }).success).toBe(true);
  expect(platformContactSchema.safeParse({ ...base, channel: 'email' }).success).toBe(false);
});
