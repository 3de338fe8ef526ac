#!/usr/bin/env node
'use strict';
// The `takedown` command. tsx compiles the TypeScript sources on load, so there is no build step.
require('tsx/cjs');
const { main } = require('../src/cli/main.ts');

// A reader that stops early (`takedown list | head`) closes the pipe: the command ends quietly, as Unix tools do.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`takedown: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
