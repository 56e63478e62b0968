module.exports = { ...require('../../jest.preset.cjs')(`${__dirname}/tsconfig.json`), displayName: 'api', testMatch: ['<rootDir>/src/**/*.spec.ts'] };
