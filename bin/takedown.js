#!/usr/bin/env node
'use strict';
// The `takedown` command. tsx compiles the TypeScript sources on load, so there is no build step.
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`takedown: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
