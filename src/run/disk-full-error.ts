// A full disk under a run's folder: recognised whoever hit it (SQLite answers SQLITE_FULL, a file
// write ENOSPC or EDQUOT) and said in one line, with the figures a person needs to make room.
import { readdirSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { SmsgwError } from '../errors';
import { formatBytes, formatDuration } from '../units/index';
import { runDefaults } from './defaults';

const fullCodes: ReadonlySet<string> = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** How SQLite and the OS say it in words: all a device that died of it leaves (its stderr, as the error's hint). */
const fullWords = /database or disk is full|no space left on device|disk quota exceeded/i;

/** Whether `error` (or what caused it) says the disk is full. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof SmsgwError && error.code === 'device-unavailable')
    return fullWords.test(`${error.message}\n${error.hint ?? ''}`);
  for (let cause = error, depth = 0; cause !== null && typeof cause === 'object' && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && fullCodes.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Where the disk filled up first. */
export interface DiskFullNote {
  /** What was being written: `injections.sqlite`, `a checkpoint report`…; null when the run saw the free space run out first. */
  readonly writing: string | null;
  /** What the write failed with; null with `writing`. */
  readonly cause: unknown;
  /** Since the run started; null before anything did. */
  readonly atMs: number | null;
  /** Whether it stopped the run (mid-run), rather than came at its end or before its start. */
  readonly stoppedRun: boolean;
  /** The space as it was then: by the end of the run, teardown and `--redact` may have freed some. */
  readonly space: DiskSpace;
}

export interface DiskSpace {
  /** Bytes free to this user; null where the file system cannot say. */
  readonly free: number | null;
  readonly total: number | null;
  /** Bytes the run's own files held. */
  readonly written: number;
  /** Bytes the run held back for its last files (disk-reserve.ts), still held then. */
  readonly reserved: number;
}

/** A note of the full disk under `dir`, with the space as it is now. */
export function noteDiskFull(dir: string, fields: Omit<DiskFullNote, 'space'>): DiskFullNote {
  const reserved = statSync(join(dir, runDefaults.diskReserveFile), { throwIfNoEntry: false })?.size ?? 0;
  return { ...fields, space: { ...spaceOf(dir), written: bytesIn(dir), reserved } };
}

/** A run file the end of the run could not write, and how big it would have been when known. */
export interface UnwrittenFile {
  readonly name: string;
  readonly bytes: number | null;
}

export interface DiskFullDetails {
  /** Files of the run folder that are there, evidence kept; absent while the run goes on. */
  readonly kept?: readonly string[];
  readonly notWritten?: readonly UnwrittenFile[];
}

/** The bytes free to this user and the size of the file system under `dir`; null where it cannot be read. */
export function spaceOf(dir: string): { free: number | null; total: number | null } {
  try {
    const stats = statfsSync(dir);
    return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
  } catch {
    return { free: null, total: null };
  }
}

/** Bytes the run's files directly in `dir` hold; not the reserve, which holds room rather than evidence. */
export function bytesIn(dir: string): number {
  let total = 0;
  try {
    for (const name of readdirSync(dir)) {
      if (name !== runDefaults.diskReserveFile)
        total += statSync(join(dir, name), { throwIfNoEntry: false })?.size ?? 0;
    }
  } catch {
    // a folder that cannot be listed has written nothing this can count
  }
  return total;
}

const codeOf = (error: unknown): string => {
  if (error instanceof SmsgwError) return fullWords.exec(`${error.message}\n${error.hint ?? ''}`)?.[0] ?? error.message;
  for (let cause = error, depth = 0; cause !== null && typeof cause === 'object' && depth < 5; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * One line for a run stopped by a full disk: the folder, what hit it, the space free and what the run
 * wrote there, and once the run is over, which files were kept and which did not fit.
 */
export function diskFullError(dir: string, note: DiskFullNote, details: DiskFullDetails = {}): SmsgwError {
  const { free, total, written, reserved } = note.space;
  const space =
    free === null
      ? 'free space unknown'
      : `${formatBytes(free)} free${total === null ? '' : ` of ${formatBytes(total)}`}`;
  const what =
    note.writing === null ? 'the disk filled up' : `writing ${note.writing} failed with ${codeOf(note.cause)}`;
  const when =
    note.atMs === null ? 'before the run started' : `${formatDuration(Math.round(note.atMs / 100) * 100)} into the run`;
  const held = reserved > 0 ? `, ${formatBytes(reserved)} held back for its last files` : '';
  const parts = [
    `no space left in ${dir}: ${what} ${when} (${space}, ${formatBytes(written)} written by this run${held})`,
  ];
  if (note.stoppedRun) parts.push('the run stopped there');
  if (details.kept) parts.push(`kept: ${details.kept.length > 0 ? details.kept.join(', ') : 'nothing'}`);
  if (details.notWritten && details.notWritten.length > 0) {
    parts.push(
      `not written: ${details.notWritten.map((file) => (file.bytes === null ? file.name : `${file.name} (${formatBytes(file.bytes)})`)).join(', ')}`,
    );
  }
  return new SmsgwError('disk-full', parts.join('; '), note.cause === null ? {} : { cause: note.cause });
}
