import path from 'node:path';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase, type Db } from '../../lib/store/database';
import { Client, Connection } from '@temporalio/client';
import { createUsedLinks } from '../../src/api/ack/used-links';
import { createBannerStats } from '../../src/api/metrics/banner-stats';
import { createLeadStore } from '../../src/api/leads/store';
import { createDisseminationStore } from '../../src/api/leads/disseminations';
import { createOutreachStore } from '../../src/api/outreach/store';
import { buildApi } from '../../src/api/app';
import type { ApiSettings } from '../../src/api/deps';
import type { Api } from '../../src/api/types';
import { generateSigningKey } from '../../src/identity/keys';
import { createRevokedTokens } from '../../src/identity/revoked-tokens';
import { createLocalIdentityProvider, type LocalIdentityProvider } from '../../src/identity/provider';
import { seedUsers } from '../../src/identity/users';
import { createIdentityVerifier, localKeys } from '../../src/identity/verifier';
import { lookupQueueOf } from '../../domain/task-queues';
import { configSchema } from '../../src/config';
import { unsignedClient } from '../helpers/signed-actor';
import { bundleWorkflows, connectTestEnv, unique } from '../helpers/temporal';
import { linkSecret, startWorld, type World } from '../helpers/world';
import { call, type CallOptions, type CallResult } from './http';
import { checkAnswers, watchAnswers } from './contract-check';
import { PayloadEncryptionCodec } from '../../src/temporal/payload-codec';
import { TakedownWorker } from '../../worker/takedown-worker';

/** The seeded users by username; tokens are issued for each by the embedded provider. */
export type Username = 'rivera' | 'okafor' | 'lindqvist' | 'moreau' | 'haddad' | 'patel' | 'chen' | 'vantage' | 'paysafe';
export const roleOf: Record<Username, string> = { rivera: 'agent', okafor: 'counsel', lindqvist: 'counsel', moreau: 'agent', haddad: 'counsel', patel: 'coordinator', chen: 'supervisor', vantage: 'partner', paysafe: 'partner' };
/** Each seeded user's team (src/identity/users.ts): rivera, okafor, lindqvist and chen are miami-ipr; moreau and haddad newark-ipr. */
export const teamOf: Record<Username, string> = { rivera: 'miami-ipr', okafor: 'miami-ipr', lindqvist: 'miami-ipr', moreau: 'newark-ipr', haddad: 'newark-ipr', patel: 'ipr-center', chen: 'miami-ipr', vantage: 'vantage-brands', paysafe: 'paysafe-trust' };

/** Clocks short enough for a test to see a target go from notice to SEIZED. */
export const fastClocks = { registryExecutionWithin: '1m', verificationPollEvery: '200ms', verificationPollMax: '1s', verificationDeadline: '1m' } as const;

/**
 * The API built in-process over the real Temporal dev server, with a worker running the real workflows
 * and the activities of the test world (RDAP, DNS, shop, SMTP sink, banner). Nothing is mocked.
 */
export interface ApiWorld {
  env: TestWorkflowEnvironment;
  world: World;
  app: Api;
  db: Db;
  taskQueue: string;
  identity: LocalIdentityProvider;
  tokens: Record<Username, string>;
  /** http://127.0.0.1:PORT of the listening API. */
  baseUrl: string;
  /** A request as a seeded user (bearer token), or anonymous with `null`. */
  call(user: Username | null, options: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export const testSettings = (taskQueue: string, overrides: Partial<ApiSettings> = {}): ApiSettings => ({
  taskQueue, linkSecret, sessionSecret: 'test-session-secret-0123456789', actorKey: configSchema.parse({}).TAKEDOWN_ACTOR_KEY, cookieSecure: true, bodyLimit: 2 * 1024 * 1024,
  signInRateLimit: 1000, ackRateLimit: 1000, logger: false, anyoneMaySetClocks: true,
  codec: { codec: new PayloadEncryptionCodec([testPayloadKey]), namespace: 'default', corsOrigins: ['http://127.0.0.1:8233'] }, ...overrides,
});

/** The codec server's key in tests (the test worlds' clients and workers do not encrypt; test/api/payload-codec.test.ts does). */
export const testPayloadKey = { id: 'test-2026', key: Buffer.alloc(32, 0x5a) };

/** The API's SQLite-backed stores over one database (used links, signed-out tokens, banner statistics, leads). */
export const storesOf = (db: Db) => ({ usedLinks: createUsedLinks(db), revokedTokens: createRevokedTokens(db), banner: createBannerStats(db), leads: createLeadStore(db), disseminations: createDisseminationStore(db), outreach: createOutreachStore(db) });

/** A Temporal client that never connects: for tests of the API's parts that need no engine. */
export const unusedClient = () => new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });

export async function testIdentity() {
  const identity = createLocalIdentityProvider({ issuer: 'http://takedown.test', audience: 'takedown', roleClaim: 'roles', tokenTtl: '1h', key: await generateSigningKey(), users: seedUsers });
  const verifier = createIdentityVerifier({ issuer: identity.issuer, audience: 'takedown', roleClaim: 'roles', keys: localKeys(identity.jwks()) });
  const tokens = Object.fromEntries(await Promise.all(seedUsers.map(async (u) => [u.username, (await identity.signIn(u.username, u.password))!.accessToken] as const))) as Record<Username, string>;
  return { identity, verifier, tokens };
}

export async function startApiWorld(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, settings: Partial<ApiSettings> = {}): Promise<ApiWorld> {
  const world = await startWorld();
  const taskQueue = unique('takedown-api-');
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: world.activities });
  // Lookups run on their own queue (a global polite rate); a second worker serves it, as in production.
  const lookups = await Worker.create({ connection: env.nativeConnection, taskQueue: lookupQueueOf(taskQueue), activities: world.activities });
  const running = Promise.all([worker.run(), lookups.run()]);
  const stopWorkers = async () => { worker.shutdown(); lookups.shutdown(); await running; };
  const db = openDatabase(path.join(world.dataDir, 'api.db'));
  let built: Awaited<ReturnType<typeof testIdentity>> & { app: Api };
  try {
    const identityParts = await testIdentity();
    built = { ...identityParts, app: await buildApi({ client: unsignedClient(env), verifier: identityParts.verifier, identity: identityParts.identity, ...storesOf(db), settings: testSettings(taskQueue, settings) }) };
  } catch (error) {
    // Leave nothing running (the worker holds the test server's connection) when the API cannot be built.
    await stopWorkers();
    await world.close();
    throw error;
  }
  const { app, identity, tokens } = built;
  // Every answer of this file's API is looked up in its contract when it closes (test/api/contract-check.ts).
  const answers = watchAnswers(app);
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    env, world, app, db, taskQueue, identity, tokens, baseUrl,
    call: (user, options) => call(baseUrl, { ...options, headers: { ...(user ? { authorization: `Bearer ${tokens[user]}` } : {}), ...options.headers } }),
    async close() {
      try {
        await checkAnswers(baseUrl, answers);
      } finally {
        await app.close();
        await stopWorkers();
        await world.close();
        db.close();
      }
    },
  };
}

/** The usual set-up of an API test file: the test environment, the bundle and one API world for the file. */
export function useApiTest(settings: Partial<ApiSettings> = {}) {
  const context = {} as { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap; api: ApiWorld };
  beforeAll(async () => {
    [context.env, context.bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
    context.api = await startApiWorld(context.env, context.bundle, settings);
  });
  afterAll(async () => {
    await context.api?.close();
    await context.env?.teardown();
  });
  return context;
}
