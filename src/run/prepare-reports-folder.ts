// The reports folder is checked before a stub or a device starts: a run that cannot keep its
// evidence is an environment fault (exit 3) with the system's own reason, not an error mid-run.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SmsgwError } from '../errors';

/** The reason in the words `ls` and `mkdir` use; the errno when there is none better. */
function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EROFS':
      return 'read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const unavailable = (dir: string, reason: string, cause?: unknown): SmsgwError =>
  new SmsgwError(
    'folder-unavailable',
    `cannot write reports to ${dir}: ${reason}`,
    cause === undefined ? {} : { cause },
  );

function kindOf(stats: { isFile(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stats.isFile()) return 'a file';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  return 'a device or other special file';
}

/** The folders from `path` up to the root, deepest first. */
function ancestry(path: string): string[] {
  const chain = [path];
  for (let parent = dirname(path); parent !== chain[chain.length - 1]; parent = dirname(parent)) chain.push(parent);
  return chain;
}

/**
 * Creates `dir` (and its parents) if needed and proves a file can be written in it, by writing and
 * removing one. Throws SmsgwError('folder-unavailable') naming the real reason: `mkdir -p` on a
 * read-only mount answers ENOENT, and root passes every permission check, so only trying says.
 */
export async function prepareReportsFolder(dir: string): Promise<void> {
  const absolute = resolve(dir);
  // Deepest first: the first one that exists decides whether the rest can be created under it.
  const missing: string[] = [];
  for (const folder of ancestry(absolute)) {
    // stat follows a symbolic link, as creating a file through it would. ENOTDIR: a file further up,
    // which the walk reaches next and names.
    const stats = await stat(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw unavailable(dir, why(error), error);
    });
    if (stats === null) {
      missing.unshift(folder);
      continue;
    }
    if (!stats.isDirectory()) throw unavailable(dir, `is not a folder: ${folder} is ${kindOf(stats)}`);
    break;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      // Another run may have created it a moment ago.
      if (error.code !== 'EEXIST') throw unavailable(dir, why(error), error);
    });
  }
  const probe = join(absolute, `.smsgw-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    try {
      await handle.write('smsgw');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unavailable(dir, why(error), error);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}
