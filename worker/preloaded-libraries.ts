/**
 * The libraries the workflow bundle evaluates once per V8 context and shares, frozen, between workflows
 * (worker/workflow-bundle.ts). Both packages declare that they have no side effects, so the bundler drops a
 * bare `require` of them: requiring this module, which uses them, keeps them in the shared set.
 *
 * zod writes its defaults (the English messages, the memoizer) into its global configuration the first time
 * a schema is built; frozen, that configuration could no longer be written, so they are set here, before it
 * is frozen, to what zod would set itself.
 */
import * as tldts from 'tldts';
import * as zod from 'zod';

zod.config(zod.locales.en());
zod.config({ memoizer: zod.core.memoizer() });

export const preloadedLibraries = [zod, tldts];
