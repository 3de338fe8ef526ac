import path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

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
  /**
   * Log context: every workflow's and activity's log line names its case (workflows/shared/log-interceptors.ts).
   * Forged signals: one whose payload the codec refused is dropped (workflows/shared/refused-payloads.ts).
   */
  workflowInterceptorModules: [path.join(__dirname, '..', 'workflows', 'shared', 'log-interceptors'), path.join(__dirname, '..', 'workflows', 'shared', 'refused-payloads')],
};

/** The webpack the Temporal bundler runs (its own dependency, not ours): its DefinePlugin writes the keys in. */
const webpack = require(require.resolve('webpack', { paths: [require.resolve('@temporalio/worker')] })) as typeof import('webpack');

const englishOnlyZod = new webpack.NormalModuleReplacementPlugin(/zod[\\/]v4[\\/]locales[\\/]index\.c?js$/, path.join(__dirname, 'zod-locales-english.cjs'));

/**
 * What every bundle of workflow code needs besides (the worker's, the tests', the benchmark's), given the
 * public keys of the signed actor (base64, src/actor-keys.ts): workflows/shared/actor-signature.ts reads them as a
 * constant of the bundle, so rotating keys is a worker restart with a new TAKEDOWN_ACTOR_PUBLIC_KEYS, and
 * histories replay the same under any keys (only Update validators read them, and those do not run on replay).
 *
 * `crypto` is left out of the bundle: tweetnacl, which verifies the signatures, reaches for it only to seed
 * its random generator, which verifying never uses (with nothing found it leaves the generator unset). zod's
 * locale index is replaced by its English locale alone (worker/zod-locales-english.cjs).
 */
export function workflowBundleOptions(actorPublicKeys: string[]): Pick<BundleOptions, 'ignoreModules' | 'webpackConfigHook'> {
  const hex = actorPublicKeys.map((key) => Buffer.from(key, 'base64').toString('hex'));
  return {
    ignoreModules: ['crypto'],
    webpackConfigHook: (config) => ({ ...config, plugins: [...(config.plugins ?? []), new webpack.DefinePlugin({ __TAKEDOWN_ACTOR_PUBLIC_KEYS__: JSON.stringify(hex) }), englishOnlyZod] }),
  };
}
