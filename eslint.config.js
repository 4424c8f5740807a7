// Lint: typescript-eslint's recommended rules, plus the layer rules of DESIGN §4 and STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Stages that must stay free of UI and device-automation code. */
const headlessStages = ['scenario', 'load', 'stub', 'metrics', 'run'].map((stage) => `src/${stage}/**/*.ts`);

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'reports/**', 'android-app/node_modules/**', 'coverage/**', 'android-app/web/dist/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS config files that React Native's tools (Metro, Babel, Jest) load with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: headlessStages,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['ink', 'ink/*', 'ink-*', 'react', 'react/*'],
              message: 'DESIGN §4: this stage never imports ink or React.',
            },
            {
              group: ['webdriverio', '@wdio/*', 'appium', 'appium-*'],
              message: 'DESIGN §4: this stage never imports webdriverio.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine runs on Hermes as well as Node: no Node built-ins, no react-native, no Node-only packages.
    files: ['android-app/src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'crypto',
                'http',
                'https',
                'net',
                'child_process',
                'buffer',
                'stream',
                'url',
                'util',
                'events',
              ],
              message: 'The gateway engine is pure TypeScript: reach the platform through a port.',
            },
            {
              group: ['react-native', 'react-native/*', 'better-sqlite3', 'got', '@op-engineering/*'],
              message: 'The gateway engine talks to platforms only through its ports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Not on Hermes: use Uint8Array.' },
        { name: 'process', message: 'Not on Hermes: take configuration through options.' },
        { name: 'require', message: 'ESM only.' },
      ],
    },
  },
);
