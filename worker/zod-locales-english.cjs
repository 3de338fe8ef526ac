'use strict';
/**
 * Stands in the workflow bundle for zod's locale index (worker/workflow-bundle.ts): workflows speak English
 * only (worker/preloaded-libraries.ts sets it), and the forty other locales were 0.4 MB of the bundle's code
 * and more of its source map, evaluated in every workflow context for nothing. CommonJS, as the index it
 * replaces (webpack parses a replacement as the original's type).
 */
exports.en = require('zod/v4/locales/en.cjs');
