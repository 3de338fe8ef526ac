/**
 * `npm run test:cluster`: the make-sure suite against Temporal's own server on PostgreSQL (test/cluster), with
 * its global setup starting that cluster (scripts/cluster) instead of the dev server. Not part of `npm test`.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
  testTimeout: 300_000,
  maxWorkers: 1,
  // One file runs in jest's own process, where the Temporal SDK's native runtime keeps the process alive after the run.
  forceExit: true,
};
