// Browser end-to-end tests: real Chromium through the real pages of the built app.
module.exports = {
  ...require('../../jest.preset.cjs')(`${__dirname}/../tsconfig.json`),
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  globalSetup: '<rootDir>/global-setup.ts',
  globalTeardown: '<rootDir>/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
