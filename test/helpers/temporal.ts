import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TASK_QUEUE, lookupQueueOf } from '../../domain/task-queues';
import { workflowBundle } from '../../worker/workflow-bundle';
import { signingInterceptors, testBundleOptions } from './signed-actor';
import { TakedownWorker } from '../../worker/takedown-worker';


/** The run's one real Temporal dev server, started by jest's global setup. */
export async function connectTestEnv(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_TEST_ADDRESS;
  if (!address) throw new Error('TEMPORAL_TEST_ADDRESS is not set: run the tests through jest (its global setup starts the server)');
  // Its client signs every actor as the API does (test/helpers/signed-actor.ts).
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address, client: { interceptors: signingInterceptors } });
  // The client's gRPC channel stays open until the jest worker exits: a call the client is retrying
  // (say, a query that met a busy server) would otherwise throw "Channel has been shut down" from its
  // retry timer after teardown, and jest would pin that on whichever test file runs next. Workers' native
  // connection is closed as usual.
  env.teardown = () => env.nativeConnection.close().catch(() => undefined);
  return env;
}

/** Bundle the workflows once per test file (it takes about a second). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ ...workflowBundle, logger: new DefaultLogger('WARN'), ...testBundleOptions() });
}

/** Bundles another workflows module as the worker does (tweetnacl inside, the development actor key, or the keys given, written in). */
export function bundleWorkflowsAt(workflowsPath: string, actorPublicKeys?: string[]): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN'), ...testBundleOptions(actorPublicKeys) });
}

/** A short random suffix so every test's workflow IDs (derived from case IDs and domains) are its own. */
export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** Fresh workers per test on their own task queue (and its lookup queue), running `fn` while they poll. */
export async function withWorker<T>(env: TestWorkflowEnvironment, bundle: WorkflowBundleWithSourceMap, activities: object, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = unique(`${TASK_QUEUE}-test-`);
  const worker = await TakedownWorker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  const lookups = await Worker.create({ connection: env.nativeConnection, taskQueue: lookupQueueOf(taskQueue), activities });
  return lookups.runUntil(worker.runUntil(fn(taskQueue)));
}

/**
 * The usual set-up of a workflow test file: one test environment and bundle per file, a fresh set of
 * local parts (`makeWorld`) per test. Read the fields inside tests (they are set by the hooks).
 */
export function useWorkflowTest<W extends { close(): Promise<void> }>(makeWorld: () => Promise<W>, bundle: () => Promise<WorkflowBundleWithSourceMap> = bundleWorkflows) {
  const context = {} as { env: TestWorkflowEnvironment; bundle: WorkflowBundleWithSourceMap; world: W };
  beforeAll(async () => { [context.env, context.bundle] = await Promise.all([connectTestEnv(), bundle()]); });
  afterAll(() => context.env?.teardown());
  beforeEach(async () => { context.world = await makeWorld(); });
  afterEach(() => context.world?.close());
  return context;
}
