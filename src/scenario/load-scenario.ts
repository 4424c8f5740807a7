// Reads a scenario file from disk; a missing, unreadable, oversized or non-UTF-8 file is a bad
// scenario too (exit 2), said in words rather than as the YAML errors its bytes would cause.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { SmsgwError } from '../errors';
import { maxFileBytes } from './defaults';
import { parseScenario } from './parse-scenario';
import type { Override } from './overrides';
import type { Scenario } from './scenario-schema';

const hint = 'pass the path of a scenario file, e.g. scenarios/burst-100.yaml';

function unreadable(file: string, error: unknown): SmsgwError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'is a directory, not a scenario file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return new SmsgwError('bad-scenario', `${file}: ${why}`, { cause: error, hint });
}

const utf16Bom = (bytes: Buffer): boolean =>
  (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);

// Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
const readOnly = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's bytes, at most `maxFileBytes`; only regular files, so a FIFO or /dev/zero cannot hang or flood us. */
async function readBytes(file: string): Promise<Buffer> {
  const handle = await open(file, readOnly);
  try {
    const stats = await handle.stat();
    if (stats.isDirectory())
      throw new SmsgwError('bad-scenario', `${file}: is a directory, not a scenario file`, { hint });
    if (!stats.isFile()) throw new SmsgwError('bad-scenario', `${file}: is not a regular file`, { hint });
    if (stats.size > maxFileBytes) throw tooBig(file, stats.size);
    // One byte past the cap, so a file that grew since the stat is still caught.
    const buffer = Buffer.alloc(maxFileBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxFileBytes) throw tooBig(file, length);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

const tooBig = (file: string, bytes: number): SmsgwError =>
  new SmsgwError('bad-scenario', `${file}: ${bytes} bytes is too big for a scenario file (at most ${maxFileBytes})`, {
    hint,
  });

/** Reads and validates the scenario at `file` (a path, relative to the working directory), with `--set` overrides. */
export async function loadScenario(file: string, overrides: readonly Override[] = []): Promise<Scenario> {
  let bytes: Buffer;
  try {
    bytes = await readBytes(file);
  } catch (error) {
    throw error instanceof SmsgwError ? error : unreadable(file, error);
  }
  if (utf16Bom(bytes) || !isUtf8(bytes)) {
    throw new SmsgwError(
      'bad-scenario',
      `${file}: is not UTF-8 text${utf16Bom(bytes) ? ' (it looks like UTF-16)' : ''}`,
      {
        hint: 'save the scenario as UTF-8, the encoding YAML files use',
      },
    );
  }
  // A UTF-8 byte order mark is allowed (Windows editors write one) but dropped here: the YAML
  // parser would count it as a column, and every issue on line 1 would point one column too far.
  const text = bytes.toString('utf8');
  const scenario = parseScenario(text.startsWith('\ufeff') ? text.slice(1) : text, file, overrides);
  // The report names the exact file a run read, so two runs of "the same" scenario can be told apart.
  return { ...scenario, sourceSha256: createHash('sha256').update(bytes).digest('hex') };
}
