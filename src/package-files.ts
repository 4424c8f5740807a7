// Where smsgw's own files are. It runs either from its TypeScript sources (a clone of the
// repository, through tsx) or from the built package (`dist/`, as `npm i -D smsgw` installs it),
// and the two lay their files out differently: every path to a file of smsgw's own starts here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when this code runs from the built package: the build bundles `src/` into `dist/*.js`. */
export const runsFromBuild = !import.meta.url.endsWith('.ts');

/**
 * The package's root, the folder of its package.json: the repository in a clone, `node_modules/smsgw`
 * when installed. One level up from here either way: this file is `src/package-files.ts`, and the
 * build puts every chunk straight into `dist/`.
 */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The files a running smsgw starts or serves. */
export const packageFiles = {
  /** The `smsgw` command: devices and apps are started through it, as a user would. */
  bin: join(packageRoot, 'bin', 'smsgw.js'),
  /** The stub's thread. */
  stubWorker: runsFromBuild
    ? join(packageRoot, 'dist', 'stub-worker.js')
    : join(packageRoot, 'src', 'stub', 'stub-worker.mjs'),
  /** The watchdog that ends a command's process group with this process (plain JavaScript, no project code). */
  groupWatchdog: runsFromBuild
    ? join(packageRoot, 'dist', 'group-watchdog.mjs')
    : join(packageRoot, 'src', 'process', 'group-watchdog.mjs'),
  /** The web Health screen's build: shipped in the package, built on demand in a clone. */
  webDist: runsFromBuild ? join(packageRoot, 'dist', 'web') : join(packageRoot, 'android-app', 'web', 'dist'),
  /** The shipped scenarios. */
  scenarios: join(packageRoot, 'scenarios'),
} as const;
