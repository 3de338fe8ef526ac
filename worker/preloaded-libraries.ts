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

/*
 * No stack is captured for errors made in workflow code. The SDK records, for its stack-trace query, where every
 * promise of every workflow was created: it builds an Error for each and maps each frame through the bundle's
 * source map. Measured (`operation --targets 1000`, 2026-12-02): 30% of the workflow thread's busy time;
 * with no frames the workflow worker's CPU went from 109 s to 89 s and the run from 167 s to 149 s. What is lost:
 * the Temporal UI's "Stack Trace" tab shows no frames, and an error thrown by workflow code carries its type and
 * message but no stack (refusals and failures are ours, named and worded, and each target's timeline says where
 * it stands). Set here, before the SDK freezes this context's globals, so every workflow shares it.
 */
Error.stackTraceLimit = 0;
