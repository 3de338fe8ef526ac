import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Reading docker-compose.yml and an env file as Docker Compose does, for the checks in compose.test.ts (no Docker
 * engine runs here): YAML with merge keys, `${VAR}` interpolation, and the per-service environment a container gets.
 */
export const root = path.resolve(__dirname, '..', '..');

export interface Healthcheck { test?: string | string[]; disable?: boolean }
export interface Service {
  image?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published?: string | number; host_ip?: string })[];
  networks?: string[] | Record<string, unknown>;
  network_mode?: string;
  volumes?: (string | { type: string; source?: string; target: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  profiles?: string[];
  deploy?: { replicas?: number };
  [key: string]: unknown;
}
export interface ComposeFile { services: Record<string, Service>; networks?: Record<string, { internal?: boolean } | null>; [key: string]: unknown }

export const readRepoFile = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The file as Compose reads it: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function parseCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

/** A deep copy to break on purpose: each check is shown failing on one. */
export const copyOf = <T>(value: T): T => structuredClone(value);

/**
 * Compose's interpolation: `$$` is a dollar; `${VAR}` and `$VAR`; `${VAR:-default}` / `${VAR-default}`;
 * `${VAR:?message}` / `${VAR?message}` stop with the message when unset (`:` also when empty), as `docker
 * compose` does before it starts anything; `${VAR:+alt}` / `${VAR+alt}`.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string | undefined, colon: string, op: string | undefined, arg: string, bare: string | undefined) => {
    if (match === '$$') return '$';
    const variable = (name ?? bare)!;
    const current = env[variable];
    const missing = current === undefined || (colon === ':' && current === '');
    if (op === '-') return missing ? arg : current!;
    if (op === '?') {
      if (missing) throw new Error(`required variable ${variable} is missing a value: ${arg}`);
      return current!;
    }
    if (op === '+') return missing ? '' : arg;
    return current ?? '';
  });
}

/** What a service's container finds in its environment: set values interpolated, value-less names passed on only when the env file sets them. */
export function serviceEnvironment(service: Service, env: Record<string, string>): Record<string, string> {
  const entries: [string, string | number | boolean | null][] = Array.isArray(service.environment)
    ? service.environment.map((item) => (item.includes('=') ? [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)] : [item, null]))
    : Object.entries(service.environment ?? {});
  const result: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === null) {
      if (env[name] !== undefined) result[name] = env[name]!;
    } else {
      result[name] = interpolate(String(value), env);
    }
  }
  return result;
}

export interface EnvFileEntry { name: string; value: string; generate?: string; example?: string }

/**
 * An env file as Compose's dotenv reader takes it: `NAME=value` lines (an optional pair of quotes around the
 * value), `#` comments. The comment lines right above a variable may say how to fill it: `# generate: <command>`
 * or `# example: <value>`.
 */
export function parseEnvFile(text: string): EnvFileEntry[] {
  const entries: EnvFileEntry[] = [];
  let notes: { generate?: string; example?: string } = {};
  for (const line of text.split('\n')) {
    const note = /^#\s*(generate|example):\s*(.+?)\s*$/.exec(line);
    if (note) { notes[note[1] as 'generate' | 'example'] = note[2]; continue; }
    if (/^\s*(#|$)/.test(line)) { if (line.trim() === '') notes = {}; continue; }
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) throw new Error(`not a NAME=value line: ${line}`);
    entries.push({ name: match[1]!, value: match[2]!.replace(/^(['"])(.*)\1$/, '$2'), ...notes });
    notes = {};
  }
  return entries;
}

/** `host_ip`, published and target port of each published port, long or short syntax. */
export function publishedPorts(service: Service): { hostIp?: string; published?: string; target: string }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return { hostIp: port.host_ip, published: port.published === undefined ? undefined : String(port.published), target: String(port.target) };
    const parts = port.split(':');
    // [[host_ip:]published:]target, an IPv6 host_ip in brackets
    const target = parts.pop()!;
    const published = parts.pop();
    const hostIp = parts.length > 0 ? parts.join(':').replace(/^\[|\]$/g, '') : undefined;
    return { hostIp, published, target };
  });
}

export const networksOf = (service: Service): string[] => (Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? { default: null }));

export const dependsOn = (service: Service): Record<string, string> =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(service.depends_on ?? {}).map(([name, d]) => [name, d.condition ?? 'service_started']));

export const commandOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/));
