import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { durationSchema } from '../domain/duration';
import { isActorPublicKey } from './actor-keys';
import { parsePayloadKeys, payloadKeysFormat } from './temporal/payload-keys';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const port = z.coerce.number().int().min(1).max(65535);
/** A port a listener may go without: 0 turns it off. */
const optionalPort = z.coerce.number().int().min(0, { error: 'a port 1-65535, or 0 for off' }).max(65535, { error: 'a port 1-65535, or 0 for off' });
/** Addresses a reverse proxy connects from: IPs, CIDR ranges, or proxy-addr's names loopback, linklocal, uniquelocal. */
const proxyAddresses = list.pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])], { error: 'an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal' })));

/**
 * Every setting, read from the environment once per process and validated; defaults run the whole
 * system on one machine (see the table in README.md and .env.example).
 */
export const configSchema = z.object({
  TAKEDOWN_DATA_DIR: z.string().default('.data'),
  TAKEDOWN_TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TAKEDOWN_TEMPORAL_NAMESPACE: z.string().default('default'),
  TAKEDOWN_TEMPORAL_PORT: port.default(7233),
  TAKEDOWN_TEMPORAL_UI_PORT: port.default(8233),
  // TLS and authentication to Temporal (src/temporal/options.ts): mTLS files, a CA, the server name; an API key for Temporal Cloud.
  TAKEDOWN_TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TAKEDOWN_TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TAKEDOWN_TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TAKEDOWN_TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TAKEDOWN_TEMPORAL_API_KEY: z.string().min(1).optional(),
  // Payload encryption (src/temporal/payload-codec.ts): unset on a local run means a development key in the data directory.
  TAKEDOWN_PAYLOAD_KEYS: z.string().optional().superRefine((value, ctx) => {
    if (value === undefined) return;
    const { problems } = parsePayloadKeys(value);
    if (problems.length > 0) ctx.addIssue({ code: 'custom', message: `${problems.join('; ')}; expected ${payloadKeysFormat}` });
  }),
  // The codec server (/codec/encode, /codec/decode) answers these origins (the Temporal Web UI's), with credentials.
  TAKEDOWN_CODEC_CORS_ORIGINS: list.pipe(z.array(z.url({ protocol: /^https?$/, error: 'an origin such as https://temporal-ui.agency.example' }))).default(['http://127.0.0.1:8233', 'http://localhost:8233']),
  TAKEDOWN_SMTP_HOST: z.string().default('127.0.0.1'),
  TAKEDOWN_SMTP_PORT: port.default(2525),
  TAKEDOWN_SMTP_SECURE: bool.default(false),
  TAKEDOWN_SMTP_USER: z.string().optional(),
  TAKEDOWN_SMTP_PASSWORD: z.string().optional(),
  TAKEDOWN_MAIL_FROM: z.string().default('IPR Center Takedown <takedown@iprcenter.example>'),
  TAKEDOWN_MAIL_DOMAIN: z.string().default('iprcenter.example'),
  TAKEDOWN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
  TAKEDOWN_LINK_SECRET: z.string().min(16, 'at least 16 characters').default('development-only-link-secret-change-me'),
  TAKEDOWN_ACK_LINK_DAYS: z.coerce.number().int().positive().default(30),
  // The signed actor (src/actor-keys.ts): the API's signing secret, and the public keys workers accept (a list, to rotate).
  TAKEDOWN_ACTOR_KEY: z.string().min(16, 'at least 16 characters').default('development-only-actor-key-change-me'),
  TAKEDOWN_ACTOR_PUBLIC_KEYS: list.pipe(z.array(z.string().refine(isActorPublicKey, { error: 'an Ed25519 public key: 32 bytes in base64 (44 characters), as scripts/actor-public-key.ts prints it' }))).default([]),
  // Notices (activities/notices): TLS and DKIM of outgoing mail, our role mailboxes, the contact files.
  TAKEDOWN_SMTP_REQUIRE_TLS: bool.default(false),
  TAKEDOWN_SMTP_TLS_REJECT_UNAUTHORIZED: bool.default(true),
  TAKEDOWN_DKIM_DOMAIN: z.string().min(1).optional(),
  TAKEDOWN_DKIM_SELECTOR: z.string().min(1).optional(),
  TAKEDOWN_DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  TAKEDOWN_ROLE_MAILBOXES: z.string().default('{"counsel":"counsel@iprcenter.example","supervisor":"supervisor@iprcenter.example","coordinator":"coordinator@iprcenter.example"}').transform((value, ctx) => {
    const shape = z.partialRecord(z.enum(['counsel', 'supervisor', 'coordinator', 'agent']), z.union([z.email(), z.array(z.email()).min(1)]));
    try {
      return Object.fromEntries(Object.entries(shape.parse(JSON.parse(value))).map(([role, to]) => [role, ([] as string[]).concat(to)]));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a JSON object of role (counsel, supervisor, coordinator, agent) to an address or a list of addresses' });
      return z.NEVER;
    }
  }),
  TAKEDOWN_REGISTRY_CONTACTS: z.string().min(1).optional(),
  TAKEDOWN_PLATFORM_CONTACTS: z.string().min(1).optional(),
  TAKEDOWN_AGENCY_NAME: z.string().min(2).default('National Intellectual Property Rights Coordination Center'),
  TAKEDOWN_SEIZURE_NAMESERVERS: list.default(['ns1.seizedservers.example', 'ns2.seizedservers.example']),
  TAKEDOWN_RDAP_BOOTSTRAP: z.string().optional(),
  TAKEDOWN_WHOIS_SERVERS: z.string().default('{}').transform((value, ctx) => {
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(value));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a JSON object of TLD to "host[:port]", e.g. {"de":"whois.denic.de"}' });
      return z.NEVER;
    }
  }),
  // Lookups per second per RDAP/WHOIS host, enforced by the server on the lookup queue (fairness keys).
  TAKEDOWN_LOOKUP_HOST_RATE: z.coerce.number().positive().default(1),
  // Spacing between two requests to one host inside one process; 1000 / TAKEDOWN_LOOKUP_HOST_RATE when unset.
  TAKEDOWN_LOOKUP_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
  // The worker's capacity (worker/tuning.ts): the cache is ours (measured, README "Scale"); unset slots are the SDK's.
  TAKEDOWN_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().positive().default(1000),
  TAKEDOWN_WORKER_WORKFLOW_TASKS: z.coerce.number().int().positive().optional(),
  TAKEDOWN_WORKER_ACTIVITY_TASKS: z.coerce.number().int().positive().optional(),
  TAKEDOWN_WORKER_WORKFLOW_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  // How long a task for a workflow the worker holds in memory waits for that worker before any worker may take it (worker/tuning.ts).
  TAKEDOWN_WORKER_STICKY_TIMEOUT: durationSchema.default('60s'),
  // How far V8 lets the worker's heaps grow past what survived the last full collection, in percent (worker/tuning.ts).
  TAKEDOWN_WORKER_HEAP_GROWTH: z.coerce.number().int().min(10, 'at least 10 (percent): less collects all the time').max(300, 'at most 300 (percent)').default(100),
  // The longest one workflow activation may run before the SDK stops it (worker/tuning.ts says why it is not the SDK's 5 s).
  TAKEDOWN_WORKER_ACTIVATION_TIMEOUT: durationSchema.default('60s'),
  // Worker Versioning (worker/versioning.ts, docs/VERSIONING.md): the worker's deployment and build, both or neither.
  TAKEDOWN_WORKER_DEPLOYMENT: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, "_" and "-" (no dot: Temporal joins deployment and build as "name.build"), e.g. takedown').optional(),
  TAKEDOWN_WORKER_BUILD_ID: z.string().regex(/^[A-Za-z0-9_.+-]{1,100}$/, 'letters, digits and "_.+-", e.g. the git commit or release tag (v1.4.0)').optional(),
  // The worker's operations (worker/observability.ts): /healthz, /readyz and the SDK's Prometheus /metrics on one port (0: off), its log level, how long a stop drains.
  TAKEDOWN_WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  TAKEDOWN_WORKER_HEALTH_PORT: optionalPort.default(9464),
  TAKEDOWN_WORKER_SHUTDOWN_GRACE: durationSchema.default('30s'),
  TAKEDOWN_LOG_LEVEL: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'], { error: 'one of TRACE, DEBUG, INFO, WARN, ERROR' }).default('INFO'),
  // Where built workflow bundles are kept (worker/bundle-cache.ts); unset: <TAKEDOWN_DATA_DIR>/workflow-bundles.
  TAKEDOWN_WORKFLOW_BUNDLE_DIR: z.string().min(1).optional(),
  TAKEDOWN_DNS_SERVERS: list.default([]),
  TAKEDOWN_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  // The API and web UI (src/api, src/web): where it listens and how much it takes.
  TAKEDOWN_API_HOST: z.string().default('127.0.0.1'),
  TAKEDOWN_API_PORT: port.default(8080),
  // Below Temporal's 2 MB payload limit, with room for what a workflow adds to a request (the actor, the envelope).
  TAKEDOWN_API_BODY_LIMIT: z.coerce.number().int().positive().max(1.5 * 1024 * 1024, { error: 'at most 1572864 bytes (1.5 MiB): a request becomes a Temporal payload, which may not pass 2 MB' }).default(1024 * 1024),
  TAKEDOWN_SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  TAKEDOWN_ACK_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  /**
   * The reverse proxies in front of the API and the banner. A request's client address (rate limits, the
   * tip limit) is read from X-Forwarded-For only when the connection comes from one of these; anyone else's
   * X-Forwarded-For is ignored, since a client can write whatever it likes there. Empty: no proxy.
   */
  TAKEDOWN_TRUST_PROXY: proxyAddresses.default([]),
  // Identity (src/identity): unset issuer = the embedded local provider at TAKEDOWN_PUBLIC_URL.
  TAKEDOWN_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  TAKEDOWN_OIDC_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  TAKEDOWN_OIDC_AUDIENCE: z.string().min(1).default('takedown'),
  TAKEDOWN_OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  /** The claim holding the person's team (a string, or a list whose first entry counts); a dotted path works. */
  TAKEDOWN_OIDC_TEAM_CLAIM: z.string().min(1).default('team'),
  /** The web UI as the provider's client (authorization code flow, PKCE); without it people bring tokens. */
  TAKEDOWN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  TAKEDOWN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  TAKEDOWN_OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, { error: 'space-separated scopes including "openid"' }).default('openid profile email'),
  TAKEDOWN_TOKEN_TTL: z.string().regex(/^\d+(s|m|h|d)$/, { error: 'a duration like "8h" or "30m"' }).default('8h'),
  TAKEDOWN_SESSION_SECRET: z.string().min(16, 'at least 16 characters').default('development-only-session-secret-change-me'),
  TAKEDOWN_COOKIE_SECURE: bool.default(true),
  // The seizure banner (src/banner) and the verification that reaches it (activities/verification).
  TAKEDOWN_BANNER_HOST: z.string().default('127.0.0.1'),
  TAKEDOWN_BANNER_PORT: port.default(8090),
  TAKEDOWN_BANNER_HTTPS_PORT: port.default(8453),
  TAKEDOWN_BANNER_TLS_CERT: z.string().min(1).optional(),
  TAKEDOWN_BANNER_TLS_KEY: z.string().min(1).optional(),
  TAKEDOWN_BANNER_ADDRESSES: list.pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'an IPv4 or IPv6 address' })).min(1)).default(['127.0.0.1']),
  TAKEDOWN_BANNER_SECRET: z.string().min(16, 'at least 16 characters').default('development-only-banner-secret-change-me'),
  // Replaced by TAKEDOWN_TRUST_PROXY: "true" trusted a forged X-Forwarded-For from anyone.
  TAKEDOWN_BANNER_TRUST_PROXY: z.enum(['false', '0'], { error: 'replaced by TAKEDOWN_TRUST_PROXY: list the addresses of your reverse proxies (true trusted any client\'s forged X-Forwarded-For)' }).optional(),
  TAKEDOWN_BANNER_TIP_MAX_CHARS: z.coerce.number().int().min(100).max(50_000).default(4000),
  TAKEDOWN_BANNER_TIPS_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /** How long tips (leads, with the names and contacts visitors leave) are kept: set it to your records schedule. */
  TAKEDOWN_TIP_RETENTION: durationSchema.default('1095d'),
  /** How long a dissemination waits for the recipient's outcome before its reminder (issue 16). */
  TAKEDOWN_DISSEMINATION_FOLLOW_UP: durationSchema.default('30d'),
  TAKEDOWN_PUBLIC_SERVICE_URL: z.union([z.string().regex(/^\/[^\s]*$/), z.url({ protocol: /^https?$/ })], { error: 'a path on the banner ("/public-service") or an http(s) URL' }).default('/public-service'),
  TAKEDOWN_VERIFY_HTTP_PORT: port.default(80),
});

export type Config = z.infer<typeof configSchema> & { dbFile: string; blobDir: string };

/**
 * The secrets among the settings. Their defaults are public (README, .env.example), so production mode
 * (src/production.ts) refuses to start while any of them is unset, a default or short. A new secret
 * setting belongs in this list.
 */
export const secretSettings = ['TAKEDOWN_LINK_SECRET', 'TAKEDOWN_SESSION_SECRET', 'TAKEDOWN_BANNER_SECRET', 'TAKEDOWN_ACTOR_KEY'] as const satisfies readonly (keyof Config)[];

/** Reads and validates the configuration; a bad value stops the process with the variable's name and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  const dataDir = path.resolve(parsed.data.TAKEDOWN_DATA_DIR);
  return { ...parsed.data, TAKEDOWN_DATA_DIR: dataDir, dbFile: path.join(dataDir, 'takedown.db'), blobDir: path.join(dataDir, 'blobs') };
}

/** Adds `KEY=value` lines of a `.env` file to the environment (variables already set win). */
export function loadDotEnv(file = '.env', env: NodeJS.ProcessEnv = process.env): void {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match && env[match[1]!] === undefined) env[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
}
