// CommonJS because the package is "type": "module". Jest runs the app's *.test.tsx files; the engine's
// *.test.ts files belong to the root vitest run and must never be picked up here.
module.exports = {
  preset: '@react-native/jest-preset',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.test.tsx'],
  // A cold cache transforms react-native lazily inside the first render: give slow machines room.
  testTimeout: 30_000,
  setupFilesAfterEnv: ['<rootDir>/src/jest-setup.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/engine/', '<rootDir>/android/', '<rootDir>/web/'],
  // The engine imports async-mutex (ESM-friendly CJS) — fine; @op-engineering and netinfo ship untranspiled
  // sources, and @noble/hashes (the engine's SHA-256) ships ES modules only.
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|@op-engineering|@noble/hashes)/)',
  ],
};
