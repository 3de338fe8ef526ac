import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../scripts/temporal-server';
import { loadConfig } from '../../src/config';
import { actorSigningKey } from '../../src/actor-keys';
import { isProductionMode, productionProblems, refuseUnsafeProduction } from '../../src/production';
import { startOidcProvider } from '../helpers/oidc-provider';
import { waitFor } from '../helpers/wait';

// Production mode: every process refuses to start with a development secret or the built-in sign-in, and
// says which variables are wrong. Each process runs as it does in a deployment: its own Node process.
const root = path.resolve(__dirname, '..', '..');
const tsxLoader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const entries = { api: 'src/api/main.ts', worker: 'worker/main.ts', banner: 'src/banner/main.ts' } as const;
const secrets = ['TAKEDOWN_LINK_SECRET', 'TAKEDOWN_SESSION_SECRET', 'TAKEDOWN_BANNER_SECRET'];
/** What each process needs besides: the API signs actors with its secret key, a worker checks them with public keys. */
const actorSettings: Record<keyof typeof entries, string> = { api: 'TAKEDOWN_ACTOR_KEY', worker: 'TAKEDOWN_ACTOR_PUBLIC_KEYS', banner: '' };
const goodSecret = (name: string) => `${name.toLowerCase()}-a-long-random-value-for-tests-0123456789`;
const dirs: string[] = [];

/** A clean environment (nothing of this test run's own), in a directory without a `.env` file. */
function runProcess(entry: string, env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-mode-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, entry)], {
    cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, TAKEDOWN_DATA_DIR: path.join(dir, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(entries))('the %s in production mode', (name, entry) => {
  test('with every default it exits non-zero naming each secret and the missing identity provider', async () => {
    // The Temporal address points nowhere: the refusal must come before any connection is tried.
    const run = runProcess(entry, { TAKEDOWN_PUBLIC_URL: 'https://takedown.agency.example', TAKEDOWN_TEMPORAL_ADDRESS: '127.0.0.1:1' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.output()).toContain('refuses to start in production mode (TAKEDOWN_PUBLIC_URL https://takedown.agency.example is not this machine)');
    for (const secret of secrets) expect(run.output()).toMatch(new RegExp(`${secret}: not set, so the public development default would be used; set a random value of at least 32 bytes`));
    expect(run.output()).toMatch(/TAKEDOWN_OIDC_ISSUER: not set, so the built-in password sign-in .* would be on/);
    // Only the API holds the actor key; a worker names the public keys it lacks instead, and the banner neither.
    for (const setting of ['TAKEDOWN_ACTOR_KEY:', 'TAKEDOWN_ACTOR_PUBLIC_KEYS:']) {
      if (setting.startsWith(`${actorSettings[name as keyof typeof entries]}:`)) expect(run.output()).toContain(setting);
      else expect(run.output()).not.toContain(setting);
    }
    // The API and the worker encrypt every payload: without keys they would use the development key. The banner holds no payload.
    if (name === 'banner') expect(run.output()).not.toContain('TAKEDOWN_PAYLOAD_KEYS');
    else expect(run.output()).toContain('TAKEDOWN_PAYLOAD_KEYS: not set, so payloads would be encrypted with a development key kept beside the data');
  }, 30_000);
});

test('NODE_ENV=production on a local URL is production too: a default secret and a short one are named, good settings are not', async () => {
  const run = runProcess(entries.api, {
    NODE_ENV: 'production', TAKEDOWN_TEMPORAL_ADDRESS: '127.0.0.1:1', TAKEDOWN_OIDC_ISSUER: 'https://idp.agency.example/realms/hsi',
    TAKEDOWN_LINK_SECRET: 'development-only-link-secret-change-me', TAKEDOWN_SESSION_SECRET: 'only-twenty-bytes-xx', TAKEDOWN_BANNER_SECRET: goodSecret('TAKEDOWN_BANNER_SECRET'),
  });
  expect(await run.exited).not.toBe(0);
  const output = run.output();
  expect(output).toContain('(NODE_ENV=production)');
  expect(output).toContain('TAKEDOWN_LINK_SECRET: is the public development default');
  expect(output).toContain('TAKEDOWN_SESSION_SECRET: 20 bytes is too short');
  expect(output).not.toContain('TAKEDOWN_BANNER_SECRET');
  expect(output).not.toContain('TAKEDOWN_OIDC_ISSUER');
}, 30_000);

test('the API starts in production mode with its own secrets and the organisation\'s identity provider, and offers no password sign-in', async () => {
  const provider = await startOidcProvider({ clientId: 'takedown-web', redirectUri: 'https://takedown.agency.example/sign-in/callback', audience: 'takedown', roleClaim: 'roles', apiScope: 'takedown', users: [] });
  const port = await freePort();
  const run = runProcess(entries.api, {
    TAKEDOWN_PUBLIC_URL: 'https://takedown.agency.example', TAKEDOWN_TEMPORAL_ADDRESS: process.env.TEMPORAL_TEST_ADDRESS!, TAKEDOWN_OIDC_ISSUER: provider.issuer,
    TAKEDOWN_API_PORT: String(port), ...Object.fromEntries([...secrets, 'TAKEDOWN_ACTOR_KEY'].map((s) => [s, goodSecret(s)])),
    TAKEDOWN_PAYLOAD_KEYS: `2026-12:${Buffer.alloc(32, 7).toString('base64')}`,
  });
  try {
    let healthy = false;
    await waitFor('the API to answer', async () => {
      if (run.child.exitCode !== null) throw new Error(`the API exited (${run.child.exitCode}): ${run.output()}`);
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      return healthy;
    }, 30_000);
    expect(healthy).toBe(true);
    // The built-in provider's password grant is not there at all.
    expect((await fetch(`http://127.0.0.1:${port}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chen', password: 'chen-dev-password' }) })).status).toBe(404);
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
    await provider.close();
  }
}, 45_000);

test('the banner starts in production mode with its own secrets', async () => {
  const port = await freePort();
  const run = runProcess(entries.banner, {
    TAKEDOWN_PUBLIC_URL: 'https://takedown.agency.example', TAKEDOWN_OIDC_ISSUER: 'https://idp.agency.example/realms/hsi', TAKEDOWN_BANNER_PORT: String(port),
    ...Object.fromEntries(secrets.map((s) => [s, goodSecret(s)])),
  });
  try {
    await waitFor('the banner to listen', () => {
      if (run.child.exitCode !== null) throw new Error(`the banner exited (${run.child.exitCode}): ${run.output()}`);
      return run.output().includes('seizure banner listening');
    }, 30_000);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
}, 45_000);

test('locally (npm start) the banner starts with every default: no secret, no identity provider needed', async () => {
  const port = await freePort();
  const run = runProcess(entries.banner, { TAKEDOWN_BANNER_PORT: String(port) });
  try {
    await waitFor('the banner to listen', () => {
      if (run.child.exitCode !== null) throw new Error(`the banner exited (${run.child.exitCode}): ${run.output()}`);
      return run.output().includes('seizure banner listening');
    }, 30_000);
    expect(run.output()).not.toContain('refuses to start');
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
}, 45_000);

describe('deciding production mode', () => {
  test.each([
    ['http://127.0.0.1:8080', false], ['http://localhost:8080', false], ['http://[::1]:8080', false], ['http://takedown.localhost', false],
    ['https://takedown.agency.example', true], ['http://10.1.2.3:8080', true], ['http://127.0.0.1.nip.io', true],
  ])('TAKEDOWN_PUBLIC_URL %s → production %s', (url, production) => {
    expect(isProductionMode({ TAKEDOWN_PUBLIC_URL: url }, {})).toBe(production);
  });

  test('npm start stays zero-configuration: with no settings at all nothing is refused', () => {
    const config = loadConfig({});
    expect(isProductionMode(config, {})).toBe(false);
    expect(() => refuseUnsafeProduction(config, 'API', {})).not.toThrow();
    // The same settings would be refused in production: the check is off only because the run is local.
    expect(productionProblems(config, {})).toHaveLength(6);
  });

  test('a worker in production takes signed actors only from the public keys it is given, never the development key', () => {
    const production = { NODE_ENV: 'production', TAKEDOWN_OIDC_ISSUER: 'https://idp.agency.example/realms/hsi', TAKEDOWN_PAYLOAD_KEYS: `2026-12:${Buffer.alloc(32, 9).toString('base64')}`, ...Object.fromEntries(secrets.map((s) => [s, goodSecret(s)])) };
    const problemsWith = (env: Record<string, string>) => productionProblems(loadConfig({ ...production, ...env }), { ...production, ...env }, 'worker');
    expect(problemsWith({})).toEqual([expect.stringMatching(/^TAKEDOWN_ACTOR_PUBLIC_KEYS: not set, so the worker would take the public development key's signatures/)]);
    const developmentKey = actorSigningKey(loadConfig({}).TAKEDOWN_ACTOR_KEY).publicKey;
    const ours = actorSigningKey(goodSecret('TAKEDOWN_ACTOR_KEY')).publicKey;
    expect(problemsWith({ TAKEDOWN_ACTOR_PUBLIC_KEYS: `${ours},${developmentKey}` })).toEqual([expect.stringContaining(`TAKEDOWN_ACTOR_PUBLIC_KEYS: lists the public development key ${developmentKey}`)]);
    // Its public keys suffice: a worker never needs the API's secret TAKEDOWN_ACTOR_KEY.
    expect(problemsWith({ TAKEDOWN_ACTOR_PUBLIC_KEYS: ours })).toEqual([]);
    expect(productionProblems(loadConfig({ ...production, TAKEDOWN_ACTOR_PUBLIC_KEYS: ours }), { ...production, TAKEDOWN_ACTOR_PUBLIC_KEYS: ours }, 'API')).toEqual([
      expect.stringMatching(/^TAKEDOWN_ACTOR_KEY: not set/),
    ]);
  });

  test('a public key that is not 32 bytes of base64 stops any process, naming the variable', () => {
    expect(() => loadConfig({ TAKEDOWN_ACTOR_PUBLIC_KEYS: 'not-a-key' })).toThrow(/TAKEDOWN_ACTOR_PUBLIC_KEYS\.0: an Ed25519 public key: 32 bytes in base64/);
  });
});
