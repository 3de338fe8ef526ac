import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
const bool = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const port = z.coerce.number().int().min(1).max(65535);

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
  TAKEDOWN_LOOKUP_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  TAKEDOWN_LOOKUPS_PER_SECOND: z.coerce.number().positive().default(1),
  TAKEDOWN_DNS_SERVERS: list.default([]),
  TAKEDOWN_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export type Config = z.infer<typeof configSchema> & { dbFile: string; blobDir: string };

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
