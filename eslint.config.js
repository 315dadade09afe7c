import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

/**
 * The architecture (README): which workspace may import which. The media layer knows no API and no
 * sockets, the API no signaling, the UI only the shared contracts; `server/` composes them all.
 */
export const ARCHITECTURE = {
  '@panda/shared': [],
  '@panda/db': ['@panda/shared'],
  '@panda/sfu': ['@panda/shared'],
  '@panda/api': ['@panda/shared', '@panda/db'],
  '@panda/signaling': ['@panda/shared', '@panda/db', '@panda/sfu'],
  '@panda/server': ['@panda/shared', '@panda/db', '@panda/sfu', '@panda/api', '@panda/signaling'],
  '@panda/classroom-ui': ['@panda/shared'],
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'prisma/generated/**', 'data/**', 'bench-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs', 'sfu/worker-build/*.mjs', 'prisma/tools/*.mjs'] } },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
      // Interface methods are async even where one implementation needs no await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    plugins: { panda: layers },
    rules: { 'panda/layer-imports': ['error', { root: import.meta.dirname, allowed: ARCHITECTURE }] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['classroom-ui/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tests poke at loosely typed JSON answers on purpose.
    files: ['**/*.test.ts', 'tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
