// Runs `main` in this process as a user would run smsgw, and collects what it printed: the usage
// and error text main writes, and what commands write to process.stdout and process.stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, vi } from 'vitest';
import { main } from '../../src/cli/main';

export interface Printed {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

afterEach(() => {
  vi.unstubAllEnvs();
  // An action that set it would leak into the next test's exit code, and into vitest's own.
  process.exitCode = undefined;
});

/** `smsgw <args>` with `env` added to the environment (and taken away after the test). */
export async function smsgw(args: readonly string[], env: Record<string, string> = {}): Promise<Printed> {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(['node', 'smsgw', ...args], {
      writeOut: (text) => (stdout += text),
      writeErr: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A folder for this file's scenarios, removed after its tests. */
export function scenarioFolder(): { write(name: string, text: string): string; readonly path: string } {
  const path = mkdtempSync(join(os.tmpdir(), 'smsgw-cli-'));
  afterAll(() => rmSync(path, { recursive: true, force: true }));
  return {
    path,
    write: (name, text) => {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
