import fc from 'fast-check';
import { domainFacts, parseRdapDomain, registrarFacts, registrarLink } from '../../lib/lookup/rdap-parse';
import { parseWhois } from '../../lib/lookup/whois-parse';
import { anyText, junkJson } from './arbitraries';
import { fuzzParameters, fuzzTimeout } from './fuzz-settings';

// The RDAP and WHOIS parsers (lib/lookup) read what registries send: anything at all. They never
// throw (an RDAP answer is either a record or a problem the activity reports as BAD_RESPONSE), never hang
// (a registry's answer is at most a few hundred KB), and what they take out has the shape the record needs.

/**
 * One parse of one answer must end within this much CPU time, whatever it holds (an answer here is at most
 * about 100 KB; the linear parsers take a few milliseconds, the quadratic expressions they replaced seconds).
 * CPU time, not wall time, so that a machine busy with other work does not fail the property.
 */
const boundMs = 1_000;
const timed = <T>(read: () => T): T => {
  const started = process.cpuUsage();
  const result = read();
  const { user, system } = process.cpuUsage(started);
  const ms = (user + system) / 1000;
  if (ms > boundMs) throw new Error(`parsing took ${Math.round(ms)} ms of CPU (bound ${boundMs} ms)`);
  return result;
};

const whitespaceRun = fc.integer({ min: 1, max: 50_000 }).chain((n) => fc.constantFrom(' ', '\t', ' \t', '\u00a0').map((ws) => ws.repeat(n)));
const junkString = fc.oneof({ weight: 15, arbitrary: anyText }, { weight: 1, arbitrary: whitespaceRun.map((ws) => `a${ws}b`) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, junkJson);

const vcard = fc.tuple(
  fc.constantFrom('vcard', 'VCARD', 'x'),
  fc.array(fc.oneof(
    fc.tuple(fc.constantFrom('fn', 'email', 'tel', 'version', 'adr'), junkJson, fc.constantFrom('text', 'uri'), fc.oneof(junkString, fc.array(junkString, { maxLength: 3 }), junkJson)),
    junkJson,
  ), { maxLength: 5 }),
);
const entity: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  entity: fc.record({
    roles: maybe(fc.array(fc.constantFrom('registrar', 'abuse', 'Registrar', 'ABUSE', 'registrant', ''), { maxLength: 3 })),
    handle: maybe(junkString),
    vcardArray: maybe(vcard),
    publicIds: maybe(fc.array(fc.record({ type: fc.constantFrom('IANA Registrar ID', 'iana registrar id', 'x'), identifier: junkString }), { maxLength: 2 })),
    links: maybe(fc.array(fc.record({ rel: fc.constantFrom('related', 'self'), href: junkString, type: fc.constantFrom('application/rdap+json', 'text/html') }, { requiredKeys: ['href'] }), { maxLength: 2 })),
    entities: fc.oneof({ depthSize: 'small' }, fc.constant(undefined), fc.array(tie('entity'), { maxLength: 2 })),
  }, { requiredKeys: [] }),
})).entity;
const rdapRecord = fc.record({
  objectClassName: maybe(fc.constant('domain')),
  ldhName: maybe(junkString),
  unicodeName: maybe(junkString),
  port43: maybe(junkString),
  status: maybe(fc.array(junkString, { maxLength: 4 })),
  entities: maybe(fc.array(entity, { maxLength: 3 })),
  nameservers: maybe(fc.array(fc.record({ ldhName: maybe(junkString) }, { requiredKeys: [] }), { maxLength: 4 })),
  events: maybe(fc.array(fc.record({ eventAction: fc.oneof(fc.constantFrom('registration', 'expiration', 'last changed', 'EXPIRATION'), junkString), eventDate: fc.oneof(junkString, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('275760-09-14', '-271821-04-19', '2026-02-30', '0')) }, { requiredKeys: ['eventAction'] }), { maxLength: 4 })),
  secureDNS: maybe(fc.record({ delegationSigned: maybe(fc.boolean()) }, { requiredKeys: [] })),
  links: maybe(fc.array(fc.record({ rel: fc.constantFrom('related', 'self'), href: junkString, type: fc.constantFrom('application/rdap+json', 'x') }, { requiredKeys: ['href'] }), { maxLength: 3 })),
}, { requiredKeys: [] });

/** What an RDAP server might answer: a record of the right shape with junk in it, any JSON, or not JSON at all. */
const rdapAnswer = fc.oneof(
  { weight: 6, arbitrary: rdapRecord.map((r) => JSON.stringify(r)) },
  { weight: 2, arbitrary: junkJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: anyText },
);

const optionalText = (value: unknown) => value === undefined || typeof value === 'string';

test('an RDAP answer is a record or a stated problem, and its facts are read without throwing', () => {
  fc.assert(fc.property(rdapAnswer, (text) => timed(() => {
    const parsed = parseRdapDomain(text);
    if (!parsed.ok) {
      expect(typeof parsed.problem).toBe('string');
      expect(parsed.problem.length).toBeGreaterThan(0);
      return;
    }
    const facts = domainFacts(parsed.record);
    for (const ns of facts.nameservers) expect(ns).toBe(ns.toLowerCase());
    for (const status of facts.statuses) expect(status.length).toBeGreaterThan(0);
    for (const date of Object.values(facts.events)) expect(optionalText(date)).toBe(true);
    const registrar = registrarFacts(parsed.record);
    for (const value of Object.values(registrar)) expect(optionalText(value)).toBe(true);
    // An abuse address is taken only when it is exactly one mailbox; anything else is kept as refused.
    if (registrar.abuseEmail) expect(registrar.abuseEmail).toMatch(/^[^\s@,;<>"]+@[^\s@,;<>"]+$/);
    expect(optionalText(registrarLink(parsed.record))).toBe(true);
    JSON.stringify(facts); // the facts go into a Temporal payload
  })), fuzzParameters());
}, fuzzTimeout(10));

const whoisKey = fc.constantFrom('Domain Name', 'Registrar', 'Sponsoring Registrar', 'Registrar IANA ID', 'Registrar Abuse Contact Email', 'Registrar Abuse Contact Phone', 'Name Server', 'nserver', 'Domain Status', 'state', 'Creation Date', 'Registry Expiry Date', 'paid-till', 'Updated Date', 'DNSSEC', 'Registrar WHOIS Server', 'refer', 'abuse-mailbox');
const whoisLine = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(whoisKey, fc.constantFrom(': ', ':', ':      ', ' : '), junkString).map(([k, sep, v]) => `${k}${sep}${v}`) },
  { weight: 2, arbitrary: fc.tuple(whoisKey, fc.array(junkString, { maxLength: 3 })).map(([k, values]) => [`${k}:`, ...values.map((v) => `    ${v}`)].join('\n')) },
  { weight: 1, arbitrary: fc.constantFrom('No match for "EXAMPLE.COM".', '% comment', '>>> Last update of WHOIS database: 2026-01-01 <<<', '', 'Domain not found.', 'Status: free') },
  { weight: 2, arbitrary: junkString },
);
const whoisAnswer = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(whoisLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol)) },
  { weight: 1, arbitrary: anyText },
);

test('a WHOIS answer is read into facts of the right shape without throwing', () => {
  fc.assert(fc.property(whoisAnswer, (text) => timed(() => {
    const facts = parseWhois(text);
    expect(typeof facts.notFound).toBe('boolean');
    for (const ns of facts.nameservers) expect(ns).toMatch(/^[a-z0-9.-]+$/);
    expect(new Set(facts.nameservers).size).toBe(facts.nameservers.length);
    for (const status of facts.statuses) expect(status.length).toBeGreaterThan(0);
    for (const value of [facts.domainName, facts.referral, ...Object.values(facts.registrar), ...Object.values(facts.events)]) expect(optionalText(value)).toBe(true);
    if (facts.registrar.abuseEmail) expect(facts.registrar.abuseEmail).toMatch(/^[^\s@,;<>"]+@[^\s@,;<>"]+$/);
    if (facts.domainName) expect(facts.domainName).toBe(facts.domainName.toLowerCase());
  })), fuzzParameters());
}, fuzzTimeout(10));
