import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { importSettings, layerConfig, withBasePath } from './lint/layers.js';

const noElectron = {
  name: 'electron',
  message: 'electron/core and shared/ never import electron: they run in plain Node (tests, the LAN server) and shared/ in the browser too.',
};

// No type-aware rules: lint must stay fast on two shared cores (tsc already checks types).
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'docs/**', '**/*.d.ts', '.scratch*/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'project',
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: importSettings,
    rules: {
      // `_name` marks a value left out on purpose (a rest sibling, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Filters are built as `if (x) (where.push('a = ?'), params.push(x));` throughout the core.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Chinese text uses the ideographic space in templates and JSX on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    name: 'boundaries/no-electron-below-main',
    files: ['electron/core/**', 'shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  withBasePath({
    name: 'boundaries/shared',
    files: ['shared/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: 'shared', from: ['electron', 'renderer'], message: 'shared/ is below both sides: it imports neither electron/ nor renderer/.' }] },
      ],
    },
  }),
  // The layer order of electron/core (lint/layers.js).
  ...layerConfig(),
  {
    // The page runs in a sandboxed renderer or a plain browser: no Node, no core.
    name: 'boundaries/renderer',
    files: ['renderer/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process through window.api only.' }],
          patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser: no Node modules.' }],
        },
      ],
      'import-x/no-nodejs-modules': 'error',
    },
  },
  withBasePath({
    name: 'boundaries/renderer-paths',
    files: ['renderer/src/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: 'renderer', from: ['electron'], message: 'The renderer reaches the core through the api client (shared/api), never by import.' }] },
      ],
    },
  }),
  {
    name: 'react-hooks',
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
