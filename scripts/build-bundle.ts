import path from 'node:path';
import { DefaultLogger } from '@temporalio/worker';
import { actorPublicKeys } from '../src/actor-keys';
import { loadConfig, loadDotEnv } from '../src/config';
import { prebuiltWorkflowBundle } from '../worker/bundle-cache';

/**
 * `npm run build:bundle`: builds the workflow bundle a worker with this configuration (its actor public keys)
 * will look for, into TAKEDOWN_WORKFLOW_BUNDLE_DIR (else <TAKEDOWN_DATA_DIR>/workflow-bundles), so an image
 * built with it starts its workers without bundling. Run again, it finds the bundle and says so.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const dir = config.TAKEDOWN_WORKFLOW_BUNDLE_DIR ? path.resolve(config.TAKEDOWN_WORKFLOW_BUNDLE_DIR) : path.join(config.TAKEDOWN_DATA_DIR, 'workflow-bundles');
  const bundle = await prebuiltWorkflowBundle(dir, actorPublicKeys(config), new DefaultLogger('WARN'));
  console.log(`${bundle.built ? 'built' : 'already built'}: ${bundle.codePath} (${(bundle.bytes / 1e6).toFixed(1)} MB, version ${bundle.version}, ${bundle.ms} ms)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
