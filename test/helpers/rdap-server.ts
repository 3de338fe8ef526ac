import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { toRdapStatus } from '../../lib/lookup/epp-status';

/** A domain the fixture registry holds, and the registrar that sponsors it. */
export interface FixtureDomain {
  domain: string;
  registrar: { name: string; ianaId: string; abuseEmail: string; abusePhone?: string };
  nameservers: string[];
  statuses?: string[] /* EPP codes */;
  registered?: string;
  expires?: string;
  unicodeName?: string;
  redacted?: boolean;
}

export type RdapBehaviour = 'rate-limit' | 'malformed' | 'slow' | 'normal';
export type RdapOutage = 'drop' | 'unavailable' | 'rate-limit';

export interface RdapFixtureServer {
  url: string; // http://127.0.0.1:PORT
  bootstrapFile: string; // a dns.json mapping the served TLDs to this server's per-registry base paths
  addDomain(d: FixtureDomain): void;
  seize(domain: string, seizureNameservers: string[]): void;
  /** The registry acts on a release order: the lock lifted, the registrant's name servers back. */
  restore(domain: string): void;
  setBehaviour(domain: string, b: RdapBehaviour, opts?: { retryAfterSeconds?: number; delayMs?: number }): void;
  /**
   * The whole server down, for every domain: `drop` closes each connection unanswered (a client sees it as
   * unreachable), `unavailable` answers 503, `rate-limit` answers 429 with a Retry-After of `retryAfterSeconds`
   * (1 by default); `undefined` brings it back.
   */
  outage(kind: RdapOutage | undefined, opts?: { retryAfterSeconds?: number }): void;
  requests: { path: string; at: number }[];
  close(): Promise<void>;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- templates are edited in place
const load = (name: string): Json => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'rdap', name), 'utf8'));

/** Each TLD answers under its real registry's path and in that registry's JSON shape (Verisign shouts in upper case). */
const usualRegistries: Record<string, { base: string; template: string; upper?: boolean; rootDot?: boolean }> = {
  com: { base: '/com/v1/', template: 'verisign-com.json', upper: true },
  net: { base: '/net/v1/', template: 'verisign-com.json', upper: true },
  org: { base: '/org/rdap/', template: 'pir-org.json' },
  info: { base: '/info/rdap/', template: 'pir-org.json' }, // Identity Digital runs PIR's back end: same shape
  'xn--p1ai': { base: '/xn--p1ai/rdap/', template: 'idn-rf.json', rootDot: true }, // nameservers with the root's dot
};
/**
 * Registries abroad, served only when a test asks (`abroad`): the WHOIS tests expect .uk to have no RDAP here, so
 * that its lookup falls back to port 43. Nominet's RDAP (rdap.nominet.uk/uk/) answers in the same RFC 9083 shape.
 */
const registriesAbroad = { uk: { base: '/uk/', template: 'pir-org.json' } } satisfies typeof usualRegistries;
const tldOf = (domain: string) => domain.slice(domain.lastIndexOf('.') + 1);
const link = (rel: string, href: string) => ({ value: href, rel, href, type: 'application/rdap+json' });

function setVcard(entity: Json, name: string, value: string | undefined): void {
  const props: Json[] = entity.vcardArray[1];
  const at = props.findIndex((p) => p[0] === name);
  if (value === undefined) {
    if (at >= 0) props.splice(at, 1);
  } else if (at >= 0) props[at][3] = value;
  else props.push(name === 'tel' ? [name, { type: 'voice' }, 'uri', value] : [name, {}, 'text', value]);
}

/** The registrar entity with the abuse entity nested inside it, as ICANN's RDAP profile requires. */
function fillRegistrar(entities: Json[], r: FixtureDomain['registrar']): void {
  const registrar = entities.find((e) => e.roles.includes('registrar'));
  registrar.handle = r.ianaId;
  registrar.publicIds = [{ type: 'IANA Registrar ID', identifier: r.ianaId }];
  setVcard(registrar, 'fn', r.name);
  const abuse = registrar.entities.find((e: Json) => e.roles.includes('abuse'));
  setVcard(abuse, 'email', r.abuseEmail);
  setVcard(abuse, 'tel', r.abusePhone && `tel:${r.abusePhone}`);
}

interface Held { d: FixtureDomain; statuses: string[]; nameservers: string[]; behaviour: RdapBehaviour; retryAfterSeconds: number; delayMs: number }

export interface RdapServerOptions {
  /** Where registry records' `related` links point (another fixture server acting as the registrars'); this server by default. */
  registrarUrl?: string;
  /** Registries abroad to serve besides the usual ones. */
  abroad?: (keyof typeof registriesAbroad)[];
}

export async function startRdapServer(options: RdapServerOptions = {}): Promise<RdapFixtureServer> {
  const registries: Record<string, (typeof registriesAbroad)['uk'] & { upper?: boolean; rootDot?: boolean }> = { ...usualRegistries, ...Object.fromEntries((options.abroad ?? []).map((tld) => [tld, registriesAbroad[tld]])) };
  const domains = new Map<string, Held>();
  const requests: { path: string; at: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let down: RdapOutage | undefined;
  let downRetryAfter = 1;
  const updatedAt = new Date().toISOString();
  let url = '';

  const events = (h: Held) => [
    { eventAction: 'registration', eventDate: h.d.registered ?? '2019-03-11T17:02:44Z' },
    { eventAction: 'expiration', eventDate: h.d.expires ?? '2027-03-11T17:02:44Z' },
    { eventAction: 'last changed', eventDate: '2025-02-09T08:15:31Z' },
    { eventAction: 'last update of RDAP database', eventDate: updatedAt },
  ];
  const registrarUrl = (h: Held) => `${options.registrarUrl ?? url}/registrar/${h.d.registrar.ianaId}/rdap/domain/${h.d.domain}`;

  function registryRecord(h: Held): Json {
    const reg = registries[tldOf(h.d.domain)]!;
    const t = load(reg.template);
    t.ldhName = reg.upper ? h.d.domain.toUpperCase() : h.d.domain;
    if (h.d.unicodeName) t.unicodeName = h.d.unicodeName;
    else delete t.unicodeName;
    t.links = [link('self', `${url}${reg.base}domain/${t.ldhName}`), link('related', registrarUrl(h))];
    t.status = h.statuses.map(toRdapStatus);
    fillRegistrar(t.entities, h.d.registrar);
    t.events = events(h);
    t.nameservers = h.nameservers.map((ns) => ({ objectClassName: 'nameserver', ldhName: `${reg.upper ? ns.toUpperCase() : ns}${reg.rootDot ? '.' : ''}` }));
    return t;
  }

  function registrarRecord(h: Held): Json {
    const t = load(h.d.redacted ? 'registrar-redacted.json' : 'registrar.json');
    t.ldhName = h.d.domain;
    t.links = [link('self', registrarUrl(h))];
    t.status = h.statuses.map(toRdapStatus);
    fillRegistrar(t.entities, h.d.registrar);
    t.events = events(h);
    t.nameservers = h.nameservers.map((ns) => ({ objectClassName: 'nameserver', ldhName: ns }));
    return t;
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => { const t = setTimeout(() => { timers.delete(t); resolve(); }, ms); timers.add(t); });
  const send = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/rdap+json', ...headers });
    res.end(body);
  };
  const notFound = JSON.stringify(load('error-404.json'));

  async function respond(p: string, res: http.ServerResponse): Promise<void> {
    const toRegistrar = /^\/registrar\/([^/]+)\/rdap\/domain\/([^/]+)$/.exec(p);
    if (toRegistrar) {
      const h = domains.get(toRegistrar[2]!.toLowerCase());
      return h && h.d.registrar.ianaId === toRegistrar[1] ? send(res, 200, JSON.stringify(registrarRecord(h))) : send(res, 404, notFound);
    }
    const tld = Object.keys(registries).find((t) => p.startsWith(`${registries[t]!.base}domain/`));
    const name = tld ? p.slice(`${registries[tld]!.base}domain/`.length).toLowerCase() : '';
    const h = domains.get(name);
    if (!tld || !h || tldOf(name) !== tld) return send(res, 404, notFound);
    if (h.behaviour === 'rate-limit') {
      const body = { errorCode: 429, title: 'Too Many Requests', description: ['Query rate limit exceeded. Please try again later.'] };
      return send(res, 429, JSON.stringify(body), { 'retry-after': String(h.retryAfterSeconds) });
    }
    const body = JSON.stringify(registryRecord(h));
    if (h.behaviour === 'malformed') return send(res, 200, body.slice(0, Math.floor(body.length / 2)));
    if (h.behaviour === 'slow') await sleep(h.delayMs);
    send(res, 200, body);
  }

  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://fixture').pathname);
    requests.push({ path: p, at: Date.now() });
    if (down === 'drop') { req.socket.destroy(); return; }
    if (down === 'unavailable') return send(res, 503, JSON.stringify({ errorCode: 503, title: 'Service Unavailable' }));
    if (down === 'rate-limit') return send(res, 429, JSON.stringify({ errorCode: 429, title: 'Too Many Requests' }), { 'retry-after': String(downRetryAfter) });
    respond(p, res).catch((error: Error) => send(res, 500, JSON.stringify({ errorCode: 500, title: error.message })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rdap-fixture-'));
  const bootstrapFile = path.join(dir, 'dns.json');
  const services = Object.entries(registries).map(([tld, r]) => [[tld], [`${url}${r.base}`]]);
  fs.writeFileSync(bootstrapFile, JSON.stringify({ version: '1.0', publication: updatedAt, description: 'fixture registries on loopback', services }));

  const held = (domain: string) => {
    const h = domains.get(domain.toLowerCase());
    if (!h) throw new Error(`rdap fixture: ${domain} was not added`);
    return h;
  };
  return {
    url,
    bootstrapFile,
    requests,
    addDomain(d) {
      if (!registries[tldOf(d.domain)]) throw new Error(`rdap fixture: no registry for .${tldOf(d.domain)} (serves ${Object.keys(registries).join(', ')})`);
      domains.set(d.domain.toLowerCase(), { d, statuses: d.statuses ?? ['clientTransferProhibited'], nameservers: d.nameservers, behaviour: 'normal', retryAfterSeconds: 30, delayMs: 5000 });
    },
    seize(domain, seizureNameservers) {
      const h = held(domain);
      h.statuses = [...new Set([...h.statuses, 'serverTransferProhibited', 'serverUpdateProhibited', 'serverDeleteProhibited'])];
      h.nameservers = [...seizureNameservers];
    },
    restore(domain) {
      const h = held(domain);
      h.statuses = h.statuses.filter((s) => !s.startsWith('server'));
      h.nameservers = [...h.d.nameservers];
    },
    setBehaviour(domain, b, opts = {}) {
      Object.assign(held(domain), { behaviour: b }, opts.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: opts.retryAfterSeconds }, opts.delayMs === undefined ? {} : { delayMs: opts.delayMs });
    },
    outage(kind, opts = {}) {
      down = kind;
      downRetryAfter = opts.retryAfterSeconds ?? 1;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
