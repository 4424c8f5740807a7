// Lint: typescript-eslint's recommended rules, plus the layout rules of docs/architecture.md: stage order,
// headless stages, a pure engine, one private and one import style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import smsgw from './scripts/lint/stage-order.js';

/**
 * The harness's stages, earliest first (docs/architecture.md, "Stages"): a file imports from its own stage
 * and the ones before it. The engine comes first: the app and the virtual device both run it.
 */
const harnessStages = [
  'android-app/src/engine',
  'android-app/node',
  'src/errors.ts',
  'src/version.ts',
  'src/package-files.ts',
  'src/optional-packages.ts',
  'src/logger.ts',
  'src/teardowns.ts',
  'src/units',
  'src/sms',
  'src/process',
  'src/scenario',
  'src/load',
  'src/stub',
  'src/device/console',
  'src/device/core',
  'src/device/web',
  'src/device/appium',
  'src/device/virtual',
  'src/device/emulator',
  'src/device/remote',
  'src/device',
  'src/metrics',
  'src/injection',
  'src/chaos',
  'src/judge',
  'src/report',
  'src/dashboard',
  'src/run',
  'src/selftest',
  'src/doctor',
  'src/bench',
  'src/cli',
  'bin',
];

/** The app's stages, earliest first: the engine, then what the screens are made of, then the shell. */
const appStages = [
  'android-app/src/engine',
  'android-app/node',
  'android-app/src/config',
  'android-app/src/theme',
  'android-app/src/utils',
  'android-app/src/services',
  'android-app/src/components',
  'android-app/src/screens',
  'android-app/src/app',
  'android-app/App.tsx',
  'android-app/index.js',
  'android-app/web',
];

/** Stages that must stay free of UI and device-automation code. */
const headlessStages = [
  'units',
  'sms',
  'process',
  'scenario',
  'load',
  'stub',
  'metrics',
  'injection',
  'chaos',
  'judge',
  'run',
].map((stage) => `src/${stage}/**/*.ts`);

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'reports/**',
      'android-app/node_modules/**',
      'coverage/**',
      'android-app/web/dist/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `console` is the global; a variable of that name hides it (name it after what it is: `link`, `server`).
      'id-denylist': ['error', 'console'],
    },
  },
  {
    // Plain .js/.mjs files run in Node as they are, so only TypeScript drops the extension.
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // One private style: TypeScript's `private`, not `#`.
      'no-restricted-syntax': [
        'error',
        { selector: 'PrivateIdentifier', message: 'Use TypeScript `private` (one private style), not `#`.' },
        // One import style: a relative import names the module without an extension (the bundler resolves it).
        {
          selector:
            ':matches(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration)[source.value=/^[.].*[.]js$/]',
          message: 'Import a relative module without its extension (one import style).',
        },
      ],
    },
  },
  {
    // A function longer than a screen hides its steps: split it, or say why it stays whole with
    // `// eslint-disable-next-line max-lines-per-function -- <why>`. Tests' describe blocks are lists, not steps.
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', 'test/**', 'android-app/test/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  {
    plugins: { smsgw },
    files: ['src/**', 'bin/**'],
    rules: { 'smsgw/stage-order': ['error', { stages: harnessStages }], 'smsgw/no-test-helpers': 'error' },
  },
  {
    plugins: { smsgw },
    files: ['android-app/**'],
    rules: { 'smsgw/stage-order': ['error', { stages: appStages }], 'smsgw/no-test-helpers': 'error' },
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
              message: 'A headless stage never imports ink or React (docs/architecture.md).',
            },
            {
              group: ['webdriverio', '@wdio/*', 'appium', 'appium-*'],
              message: 'A headless stage never imports webdriverio or Appium (docs/architecture.md).',
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
