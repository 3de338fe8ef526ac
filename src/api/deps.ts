import type { Client } from '@temporalio/client';
import type { Duration } from '../../domain/duration';
import type { PayloadCodec } from '@temporalio/common';
import type { ReadinessChecks } from '../health/readiness';
import type { LocalIdentityProvider } from '../identity/provider';
import type { RevokedTokens } from '../identity/revoked-tokens';
import type { IdentityVerifier } from '../identity/verifier';
import type { OidcClientSettings } from '../web/oidc-client';
import type { UsedLinks } from './ack/used-links';
import type { BannerStats } from './metrics/banner-stats';
import type { LeadStore } from './leads/store';
import type { DisseminationStore } from './leads/disseminations';
import type { OutreachStore } from './outreach/store';

/** Everything the API needs, handed in, so tests build it in-process against the real Temporal server. */
export interface ApiDeps {
  /** The Temporal client: the API (with the worker) is the only part that talks to Temporal. */
  client: Client;
  verifier: IdentityVerifier;
  /** The embedded provider (sign-in page, token endpoint, discovery); absent with an organisation's provider. */
  identity?: LocalIdentityProvider;
  usedLinks: UsedLinks;
  /** Tokens ended by signing out: refused from then on, though their signature and expiry are still good. */
  revokedTokens: RevokedTokens;
  /** Banner hits and tips (the banner server writes them to the shared SQLite file). */
  banner: BannerStats;
  /** Leads (tips, referrals, agents' own) in the shared SQLite file (src/api/leads/store.ts). */
  leads: LeadStore;
  /** Leads and case findings passed to other offices, agencies and partners, with their recorded outcomes. */
  disseminations: DisseminationStore;
  /** Outreach and training events and their outcomes (src/api/outreach/store.ts). */
  outreach: OutreachStore;
  settings: ApiSettings;
  /** What `/readyz` checks (src/api/main.ts: Temporal and the SQLite file); none in tests that do not ask. */
  readiness?: ReadinessChecks;
}

export interface ApiSettings {
  /** Task queue of the case workflows the API starts. */
  taskQueue: string;
  /** HMAC key of acknowledgement links (the worker signs with the same key). */
  linkSecret: string;
  /** The secret the API signs every actor with (TAKEDOWN_ACTOR_KEY, src/actor-keys.ts); workers hold its public key. */
  actorKey: string;
  /** HMAC key of CSRF tokens. */
  sessionSecret: string;
  cookieSecure: boolean;
  bodyLimit: number;
  /** Requests per minute per client address on sign-in and on the public acknowledgement pages. */
  signInRateLimit: number;
  ackRateLimit: number;
  /** Reverse proxies whose X-Forwarded-For names the client for the rate limits (TAKEDOWN_TRUST_PROXY); none when absent. */
  trustProxy?: string[];
  /** The web UI's sign-in through the organisation's OpenID Connect provider (authorization code flow), when configured. */
  oidcSignIn?: OidcClientSettings;
  /**
   * Tests only, never read from the environment: anyone may set a case's clocks (test cases open as the
   * agent with short clocks). Without it only a supervisor may (domain/clock-bounds.ts).
   */
  anyoneMaySetClocks?: boolean;
  /** The codec server (/codec/encode, /codec/decode) with the codec the API's client encrypts with; off when absent. */
  codec?: CodecSettings;
  /** How long a dissemination waits for its outcome before the reminder (TAKEDOWN_DISSEMINATION_FOLLOW_UP; default 30d). */
  disseminationFollowUp?: Duration;
  /**
   * Tests only, never read from the environment: how long a query may wait for its worker before the answer is
   * WORKFLOW_NOT_ANSWERING (503). Without it the engine's own wait stands (about 30 s for a workflow nobody serves).
   */
  queryTimeoutMs?: number;
  /** Fastify's logger (pino, secrets redacted): off, on (stdout), or into a stream (tests read what was logged). */
  logger: boolean | NodeJS.WritableStream;
}

/** The codec server's settings (src/api/routes/codec.ts). */
export interface CodecSettings {
  codec: PayloadCodec;
  namespace: string;
  /** The origins (the Temporal Web UI's) allowed to call with credentials: TAKEDOWN_CODEC_CORS_ORIGINS. */
  corsOrigins: readonly string[];
  /**
   * Whether `/codec/encode` is served (false in production): encrypting is what lets the Web UI send a signal a
   * workflow takes for one of ours, and in production only our workers send those (src/temporal/payload-codec.ts).
   */
  encode?: boolean;
}
