// dns2 ships no types; this helper is the one place that touches it.
const dns2 = require('dns2') as { createServer(options: object): DnsServerHandle; Packet: DnsPacket };

interface DnsServerHandle {
  listen(options: object): Promise<{ udp: { port: number } }>;
  close(): Promise<void>;
}
interface DnsPacket {
  TYPE: Record<string, number>;
  CLASS: Record<string, number>;
  RCODE?: Record<string, number>;
  createResponseFromRequest(request: unknown): { answers: object[]; authorities: object[]; header: { rcode: number } };
}

export interface ZoneRecords {
  A?: string[];
  AAAA?: string[];
  NS?: string[];
}

export interface LocalDnsServer {
  /** `127.0.0.1:PORT`, as `dns.Resolver#setServers` and TAKEDOWN_DNS_SERVERS take it. */
  address: string;
  set(name: string, records: ZoneRecords): void;
  /** The server stopped (its port closed, queries go unanswered) until `start()` binds the same port again: an outage. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A real DNS server on 127.0.0.1 (UDP) answering A, AAAA and NS from an in-memory zone; unknown names get NXDOMAIN. */
export async function startDnsServer(initial: Record<string, ZoneRecords> = {}): Promise<LocalDnsServer> {
  const zone = new Map(Object.entries(initial).map(([name, records]) => [name.toLowerCase(), records]));
  const { Packet } = dns2;
  const create = () => dns2.createServer({
    udp: true,
    handle(request: { questions: { name: string; type: number }[] }, send: (response: unknown) => void) {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records = question ? zone.get(question.name.toLowerCase()) : undefined;
      if (!question || !records) response.header.rcode = 3; // NXDOMAIN
      else {
        const base = { name: question.name, class: Packet.CLASS.IN, ttl: 300 };
        if (question.type === Packet.TYPE.A) for (const address of records.A ?? []) response.answers.push({ ...base, type: Packet.TYPE.A, address });
        if (question.type === Packet.TYPE.AAAA) for (const address of records.AAAA ?? []) response.answers.push({ ...base, type: Packet.TYPE.AAAA, address });
        if (question.type === Packet.TYPE.NS) for (const ns of records.NS ?? []) response.answers.push({ ...base, type: Packet.TYPE.NS, ns });
      }
      send(response);
    },
  });
  let server: DnsServerHandle | undefined = create();
  const port = (await server.listen({ udp: { port: 0, address: '127.0.0.1' } })).udp.port;
  return {
    address: `127.0.0.1:${port}`,
    set: (name, records) => zone.set(name.toLowerCase(), records),
    async stop() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    async start() {
      if (server) return;
      server = create();
      await server.listen({ udp: { port, address: '127.0.0.1' } });
    },
    close: async () => { await server?.close(); server = undefined; },
  };
}
