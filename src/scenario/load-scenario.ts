// Reads a scenario file from disk; a missing or unreadable file is a bad scenario too (exit 2).
import { readFile } from 'node:fs/promises';
import { SmsgwError } from '../errors';
import { parseScenario } from './parse-scenario';
import type { Scenario } from './scenario-schema';

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
  return new SmsgwError('bad-scenario', `${file}: ${why}`, {
    cause: error,
    hint: 'pass the path of a scenario file, e.g. scenarios/burst-100.yaml',
  });
}

/** Reads and validates the scenario at `file` (a path, relative to the working directory). */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(file, error);
  }
  return parseScenario(text, file);
}
