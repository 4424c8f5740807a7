// Vite config of the Health screen's web build: react-native-web stands in for react-native, and
// `.web.*` files win over native ones, as Metro does for platform extensions.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs: the page works wherever the device mounts it.
  base: './',
  logLevel: 'warn',
  resolve: {
    alias: [{ find: /^react-native$/, replacement: 'react-native-web' }],
    extensions: ['.web.tsx', '.web.ts', '.web.js', '.tsx', '.ts', '.mjs', '.js', '.jsx', '.json'],
  },
  // RN code reads these globals; the browser has neither.
  define: {
    __DEV__: 'false',
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // react-native-web marks its modules 'use client' for React Server Components; a plain SPA
      // bundle has no server side, so the directive means nothing here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
