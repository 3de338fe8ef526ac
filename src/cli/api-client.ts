import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * How the API commands reach the API: its URL and the token, from the environment (read once per
 * command) or the session `takedown login` saved. The CLI never talks to Temporal.
 */
const cliConfigSchema = z.object({
  TAKEDOWN_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A token to use instead of the saved session (CI, scripts, an organisation's provider). */
  TAKEDOWN_TOKEN: z.string().min(10).optional(),
  /** Where the session is saved; ~/.config/takedown by default. */
  TAKEDOWN_CONFIG_DIR: z.string().optional(),
});

export interface SavedSession {
  apiUrl: string;
  token: string;
  actor: { id: string; name: string; role: string };
  expiresAt?: string;
}

export function cliConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = cliConfigSchema.safeParse(env);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const configDir = parsed.data.TAKEDOWN_CONFIG_DIR ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'takedown');
  return { ...parsed.data, sessionFile: path.join(configDir, 'session.json') };
}

export const defaultApiUrl = 'http://127.0.0.1:8080';

/** A failure to report and exit 1 with, e.g. the API's refusal (code, message, fields). */
export class CliError extends Error {
  constructor(message: string, readonly code?: string, readonly fields?: Record<string, string[]>) {
    super(message);
  }
}

export function readSession(file: string): SavedSession | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SavedSession;
}

/** Saved readable by its owner only: it holds a bearer token. */
export function saveSession(file: string, session: SavedSession): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(session, null, 2), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export interface ApiClient {
  apiUrl: string;
  request<T = unknown>(method: string, pathname: string, body?: unknown): Promise<T>;
  /** The raw text of a response (CSV reports). */
  text(pathname: string): Promise<string>;
}

/** A client with the given token, TAKEDOWN_TOKEN or the saved session's; `anonymous` for sign-in itself. */
export function apiClient(options: { anonymous?: boolean; apiUrl?: string; token?: string } = {}): ApiClient {
  const config = cliConfig();
  const session = readSession(config.sessionFile);
  const apiUrl = (options.apiUrl ?? config.TAKEDOWN_API_URL ?? session?.apiUrl ?? defaultApiUrl).replace(/\/$/, '');
  const token = options.token ?? config.TAKEDOWN_TOKEN ?? session?.token;
  if (!options.anonymous && !token) throw new CliError('not signed in: run `takedown login` (or set TAKEDOWN_TOKEN)');

  async function send(method: string, pathname: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${pathname}`, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token && !options.anonymous ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(`cannot reach the API at ${apiUrl}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    if (!response.ok) {
      const payload = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string; fields?: Record<string, string[]> } } | undefined;
      const error = payload?.error;
      if (response.status === 401 && !options.anonymous) throw new CliError(`${error?.message ?? 'unauthenticated'}; run \`takedown login\``, error?.code);
      throw new CliError(error?.message ?? `HTTP ${response.status}`, error?.code, error?.fields);
    }
    return response;
  }

  return {
    apiUrl,
    request: async <T>(method: string, pathname: string, body?: unknown) => {
      const response = await send(method, pathname, body);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    text: async (pathname: string) => (await send('GET', pathname)).text(),
  };
}
