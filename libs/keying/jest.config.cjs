module.exports = { ...require('../../jest.preset.cjs')(`${__dirname}/tsconfig.json`), displayName: 'keying' };
