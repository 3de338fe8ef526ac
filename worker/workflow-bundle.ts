import path from 'node:path';

/**
 * How workflows/ is bundled for the engine, the same for the worker, the tests and the benchmark.
 *
 * In its reusable V8 context the SDK evaluates every module of the bundle again for each workflow it
 * creates (and re-creates after a cache eviction), so that no workflow sees another's module state. The
 * libraries below hold no per-workflow state: they are evaluated once per context and shared, frozen, by
 * every workflow. Measured with a CPU profile of `bench case --targets 150`: evaluating the bundle's modules
 * took a third of the workflow thread's time, zod and tldts (the public-suffix list) much of it. Our own
 * domain modules stay per workflow: their zod schemas cache what they compute on themselves, which a
 * frozen shared copy could not.
 */
export const workflowBundle = {
  workflowsPath: path.join(__dirname, '..', 'workflows'),
  preloadModules: [path.join(__dirname, 'preloaded-libraries')],
};
