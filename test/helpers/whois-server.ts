import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A domain the fixture WHOIS registry holds. With `referral`, the registry answer is thin and names the registrar's server. */
export interface WhoisFixtureDomain {
  domain: string;
  registrar: { name: string; ianaId?: string; abuseEmail?: string; abusePhone?: string };
  nameservers: string[];
  statuses?: string[]; // EPP codes; the .ru registry's own states (REGISTERED, DELEGATED, ...) for .ru/.рф
  registered?: string;
  expires?: string;
  referral?: boolean;
}

export interface WhoisFixtureServer {
  host: string;
  /** The registry's port 43 stand-in. */
  port: number;
  /** "127.0.0.1:PORT", the form TAKEDOWN_WHOIS_SERVERS takes. */
  address: string;
  /** The registrar's WHOIS server that referrals point to. */
  registrarAddress: string;
  addDomain(d: WhoisFixtureDomain): void;
  /** The registry answers `domain` with this text as it stands (a ccTLD's own layout, test/fixtures/whois/cctld/). */
  addAnswer(domain: string, text: string): void;
  setBehaviour(domain: string, b: 'normal' | 'slow' | 'rate-limit', opts?: { delayMs?: number }): void;
  queries: { server: 'registry' | 'registrar'; query: string; at: number }[];
  close(): Promise<void>;
}

const template = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'whois', name), 'utf8');

/**
 * `{{key}}` is replaced by a value (`{{KEY}}` by its upper case); a line holding `{{nameserver}}` or
 * `{{status}}` is repeated for each; a line whose placeholder has no value is dropped, as registries
 * leave out what they do not hold. Line ends become CRLF, as on the wire.
 */
function render(text: string, values: Record<string, string | undefined>, lists: Record<string, string[]>): string {
  const lines = text.split('\n').flatMap((line) => {
    const list = Object.keys(lists).find((k) => line.toLowerCase().includes(`{{${k}}}`));
    return list ? lists[list]!.map((item) => line.replace(new RegExp(`{{${list}}}`, 'gi'), (m) => (m === m.toUpperCase() ? item.toUpperCase() : item))) : [line];
  });
  return lines
    .map((line) => line.replace(/{{(\w+)}}/g, (_, key: string) => {
      const value = values[key.toLowerCase()];
      return value === undefined ? '\u0000' : key === key.toUpperCase() ? value.toUpperCase() : value;
    }))
    .filter((line) => !line.includes('\u0000'))
    .join('\r\n');
}

const tcinet = (domain: string) => /\.(ru|su|xn--p1ai)$/.test(domain);

export async function startWhoisServer(): Promise<WhoisFixtureServer> {
  const domains = new Map<string, { d: WhoisFixtureDomain; behaviour: 'normal' | 'slow' | 'rate-limit'; delayMs: number }>();
  const answers = new Map<string, string>();
  const queries: WhoisFixtureServer['queries'] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const address = { registry: '', registrar: '' };

  function answer(server: 'registry' | 'registrar', query: string): { text: string; delayMs: number } {
    const raw = server === 'registry' ? answers.get(query.toLowerCase()) : undefined;
    if (raw !== undefined) return { text: raw.replace(/\r?\n/g, '\r\n'), delayMs: 0 };
    const held = domains.get(query.toLowerCase());
    if (!held || (server === 'registrar' && !held.d.referral)) {
      const file = server === 'registrar' ? 'not-found-registrar.txt' : tcinet(query) ? 'not-found-ru.txt' : 'not-found-io.txt';
      return { text: render(template(file), { domain: query }, {}), delayMs: 0 };
    }
    if (held.behaviour === 'rate-limit') return { text: 'You have exceeded allowed connection rate. Please try again later.\r\n', delayMs: 0 };
    const { d } = held;
    const thin = server === 'registry' && d.referral;
    const file = server === 'registrar' ? 'registrar.txt' : tcinet(d.domain) ? 'ru-registry.txt' : 'io-registry.txt';
    const values = {
      domain: d.domain, registryid: 'D503300000040403495-LRMS', registrar: d.registrar.name, ianaid: d.registrar.ianaId,
      // A thin registry answer names the registrar and where to ask; the abuse desk is the registrar's to publish.
      abuseemail: thin ? undefined : d.registrar.abuseEmail, abusephone: thin ? undefined : d.registrar.abusePhone,
      referral: thin ? address.registrar : undefined, self: address.registrar,
      registered: d.registered ?? '2022-11-02T21:00:00Z', expires: d.expires ?? '2026-11-02T21:00:00Z', freedate: '2026-12-04',
      states: (d.statuses ?? ['REGISTERED', 'DELEGATED', 'UNVERIFIED']).join(', '),
    };
    return { text: render(template(file), values, { nameserver: d.nameservers, status: d.statuses ?? ['clientTransferProhibited'] }), delayMs: held.behaviour === 'slow' ? held.delayMs : 0 };
  }

  const listen = async (server: 'registry' | 'registrar') => {
    const s = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
        if (!received.includes('\n')) return;
        const query = received.trim();
        queries.push({ server, query, at: Date.now() });
        const { text, delayMs } = answer(server, query);
        const t = setTimeout(() => { timers.delete(t); socket.end(text); }, delayMs);
        timers.add(t);
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    address[server] = `127.0.0.1:${(s.address() as net.AddressInfo).port}`;
    return s;
  };
  const servers = [await listen('registry'), await listen('registrar')];

  return {
    host: '127.0.0.1',
    port: Number(address.registry.split(':')[1]),
    address: address.registry,
    registrarAddress: address.registrar,
    queries,
    addDomain(d) {
      domains.set(d.domain.toLowerCase(), { d, behaviour: 'normal', delayMs: 5000 });
    },
    addAnswer(domain, text) {
      answers.set(domain.toLowerCase(), text);
    },
    setBehaviour(domain, b, opts = {}) {
      const held = domains.get(domain.toLowerCase());
      if (!held) throw new Error(`whois fixture: ${domain} was not added`);
      Object.assign(held, { behaviour: b }, opts.delayMs === undefined ? {} : { delayMs: opts.delayMs });
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
