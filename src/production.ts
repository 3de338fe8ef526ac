import { actorSigningKey } from './actor-keys';
import { configSchema, secretSettings, type Config } from './config';
import { payloadKeysFormat } from './temporal/payload-keys';

/** Host names of this machine: a public URL naming one of them is a local run (`npm start`). */
const localHostnames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

const isLocalHostname = (hostname: string) => localHostnames.has(hostname) || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Production mode, decided here and nowhere else: people other than the operator reach the system (its
 * public URL is not this machine), or the operator says so with NODE_ENV=production. The bind address does
 * not decide it: an API on 127.0.0.1 behind a reverse proxy serves the world all the same.
 */
export function productionReason(config: Pick<Config, 'TAKEDOWN_PUBLIC_URL'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  const hostname = new URL(config.TAKEDOWN_PUBLIC_URL).hostname.toLowerCase();
  return isLocalHostname(hostname) ? undefined : `TAKEDOWN_PUBLIC_URL ${config.TAKEDOWN_PUBLIC_URL} is not this machine`;
}

export const isProductionMode = (config: Pick<Config, 'TAKEDOWN_PUBLIC_URL'>, env: NodeJS.ProcessEnv = process.env): boolean => productionReason(config, env) !== undefined;

/** The shortest secret production takes, in bytes: 256 bits, as an HMAC-SHA256 key should have. */
export const minSecretBytes = 32;

/** The public development values (the schema's defaults, printed in README.md and .env.example). */
const developmentDefaults = configSchema.parse({}) as Pick<Config, (typeof secretSettings)[number]>;

const howToSetSecret = `set a random value of at least ${minSecretBytes} bytes, e.g. the output of \`openssl rand -base64 48\``;

/**
 * What makes this configuration unsafe for production, one line per variable: a secret that is not set
 * (so the public development default is used), equals that default, or is short; and the built-in password
 * sign-in, which is on whenever no organisation's identity provider is configured.
 */
export function productionProblems(config: Config, env: NodeJS.ProcessEnv = process.env, processName = 'API'): string[] {
  const problems: string[] = [];
  for (const name of secretSettings) {
    // Only the API signs actors: workers verify with public keys (below) and the banner acts for no one.
    if (name === 'TAKEDOWN_ACTOR_KEY' && processName !== 'API') continue;
    const value = config[name];
    if (env[name] === undefined || env[name] === '') problems.push(`${name}: not set, so the public development default would be used; ${howToSetSecret}`);
    else if (value === developmentDefaults[name]) problems.push(`${name}: is the public development default; ${howToSetSecret}`);
    else if (Buffer.byteLength(value, 'utf8') < minSecretBytes) problems.push(`${name}: ${Buffer.byteLength(value, 'utf8')} bytes is too short; ${howToSetSecret}`);
  }
  if (processName === 'worker') problems.push(...actorPublicKeyProblems(config, env));
  // The banner holds no Temporal client; the API and the worker read and write every payload.
  if (processName !== 'banner' && !env.TAKEDOWN_PAYLOAD_KEYS) {
    problems.push(`TAKEDOWN_PAYLOAD_KEYS: not set, so payloads would be encrypted with a development key kept beside the data; set ${payloadKeysFormat}, the same on every API and worker`);
  }
  if (!config.TAKEDOWN_OIDC_ISSUER) {
    problems.push("TAKEDOWN_OIDC_ISSUER: not set, so the built-in password sign-in (seeded users, development passwords printed in the README) would be on; set it to your organisation's OpenID Connect issuer URL, e.g. https://idp.agency.example/realms/hsi");
  }
  return problems;
}

/**
 * Every process (API, worker, banner) calls this right after reading its configuration: in production
 * mode an unsafe configuration stops it before it listens or connects, naming each variable and what
 * would be accepted. A local run (`npm start`) is never stopped here.
 */
export function refuseUnsafeProduction(config: Config, processName: string, env: NodeJS.ProcessEnv = process.env): void {
  const reason = productionReason(config, env);
  if (!reason) return;
  const problems = productionProblems(config, env, processName);
  if (problems.length === 0) return;
  throw new Error(`the ${processName} refuses to start in production mode (${reason}):\n${problems.map((p) => `  ${p}`).join('\n')}\n(README, "Security": what production requires)`);
}

/** A worker in production accepts signed actors only from keys the operator named, never the development one. */
function actorPublicKeyProblems(config: Config, env: NodeJS.ProcessEnv): string[] {
  const developmentKey = actorSigningKey(configSchema.parse({}).TAKEDOWN_ACTOR_KEY).publicKey;
  const howTo = 'set it to the public key of the API\'s TAKEDOWN_ACTOR_KEY (`npx tsx scripts/actor-public-key.ts` prints it), a comma-separated list while keys rotate';
  if (!env.TAKEDOWN_ACTOR_PUBLIC_KEYS) return [`TAKEDOWN_ACTOR_PUBLIC_KEYS: not set, so the worker would take the public development key's signatures; ${howTo}`];
  if (config.TAKEDOWN_ACTOR_PUBLIC_KEYS.includes(developmentKey)) return [`TAKEDOWN_ACTOR_PUBLIC_KEYS: lists the public development key ${developmentKey}, whose private half is public; ${howTo}`];
  return [];
}
