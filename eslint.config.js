// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/**
 * One lint configuration for the whole monorepo. The import rules are what keep the architecture visible:
 * packages talk to each other only through their public entry point (`@patchbay/<name>`), never through a
 * relative path that climbs out of the package or a deep path into another package's files, and no module
 * graph may contain a cycle.
 */
export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'deploy/local/.state/**', 'helm/**', '**/*.d.ts'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'import-x/no-relative-packages': 'error',
      'import-x/no-self-import': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@patchbay/*/*'],
              message: 'Import another package only through its entry point (@patchbay/<name>).',
            },
            {
              group: [
                '../../libs/*',
                '../../services/*',
                '../../../libs/*',
                '../../../services/*',
                '**/../libs/**',
                '**/../services/**',
              ],
              message: 'Cross-package imports go through @patchbay/<name>, not a relative path.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/cli.ts', '**/*.bench.ts', '**/bin/**/*.ts', '**/scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
