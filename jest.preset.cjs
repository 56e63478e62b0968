// Shared Jest settings: TypeScript through ts-jest (isolated modules: fast, and
// what TypeScript 6 with nodenext wants), workspace path aliases mapped to source.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;

module.exports = function preset(tsconfig) {
  return {
    testEnvironment: 'node',
    transform: {
      '^.+\\.tsx?$': ['ts-jest', { tsconfig }],
    },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${root}/` }),
    rootDir: path.dirname(tsconfig),
  };
};
