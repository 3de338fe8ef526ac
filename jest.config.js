/** Jest runs TypeScript through swc (types are checked separately by `tsc --noEmit`). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // jose is ESM-only; let swc transform it so jest (CommonJS on Node 20) can load it.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The cluster suite starts Temporal on PostgreSQL: `npm run test:cluster` (jest.cluster.config.js) runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cluster/'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  setupFiles: ['<rootDir>/test/helpers/quiet-runtime.ts'],
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
