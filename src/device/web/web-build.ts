// Where the web Health screen's build lives, and building it on demand: a fresh clone has no
// android-app/web/dist (it is git-ignored), and `npm ci` should not depend on vite succeeding. The
// built package ships the build in dist/web and has nothing to build it from.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SmsgwError } from '../../errors';
import { packageFiles, packageRoot, runsFromBuild } from '../../package-files';
import { webDefaults as defaults } from './defaults';

const appDir = join(packageRoot, 'android-app');

/** The built page and its assets, served by the virtual device at `/`. */
export const webDistDir = packageFiles.webDist;
const buildScript = join(appDir, 'web', 'build-web.mjs');
/** Held while one process builds: test files run in parallel, and two builds would empty dist under each other. */
const lockDir = join(appDir, 'web', '.build-lock');
/** What the page is made of: a change in any of these makes the build stale. */
const sourceDirs = ['web', 'src/screens', 'src/components', 'src/utils', 'src/theme', 'src/config'].map((dir) =>
  join(appDir, dir),
);

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === '.build-lock' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** 'missing', 'stale' (a source changed after the build) or 'current'. */
export function webBuildState(): 'missing' | 'stale' | 'current' {
  const index = join(webDistDir, 'index.html');
  if (!existsSync(index)) return 'missing';
  if (runsFromBuild) return 'current';
  const builtAt = statSync(index).mtimeMs;
  return sourceDirs.some((dir) => existsSync(dir) && newestMtimeMs(dir) > builtAt) ? 'stale' : 'current';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + defaults.buildTimeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir); // atomic: exactly one process gets it
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left over from a killed process.
      const lockAgeMs = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (Date.now() > deadline || lockAgeMs > defaults.buildTimeoutMs)
        rmSync(lockDir, { recursive: true, force: true });
      await sleep(defaults.buildLockPollMs);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds the page unless a current build is there; `progress` gets one line before a build. */
export async function ensureWebBuild(progress: (line: string) => void = () => {}): Promise<void> {
  if (webBuildState() === 'current') return;
  if (runsFromBuild)
    throw new SmsgwError('environment', `The web Health screen is missing from this smsgw package (${webDistDir})`, {
      hint: 'reinstall smsgw',
    });
  await withBuildLock(async () => {
    const state = webBuildState(); // another process may have built it while we waited
    if (state === 'current') return;
    progress(`smsgw: the web Health screen build is ${state}; building it (npm run build:web)…`);
    try {
      await promisify(execFile)(process.execPath, [buildScript], { timeout: defaults.buildTimeoutMs });
    } catch (error) {
      throw new SmsgwError('environment', 'Could not build the web Health screen', {
        hint: 'run `npm run build:web` to see why',
        cause: error,
      });
    }
  });
}
