// Integration tests: the real app on a real PostgreSQL (embedded, or DATABASE_URL).
module.exports = {
  ...require('../../jest.preset.cjs')(`${__dirname}/../tsconfig.json`),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  globalSetup: '<rootDir>/global-setup.ts',
  globalTeardown: '<rootDir>/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
};
