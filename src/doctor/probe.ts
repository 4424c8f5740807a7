// What the doctor may ask of the machine, behind one interface so tests can play any machine.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface RunOutput {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Probe {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  exists(path: string): boolean;
  /** Full path of a command on PATH, or null. */
  which(command: string): string | null;
  run(command: string, args: readonly string[], timeoutMs?: number): Promise<RunOutput>;
  /** Resolves a package the way the harness would import it; null when it is not installed. */
  resolvePackage(name: string): string | null;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export function systemProbe(resolvePackage: (name: string) => string | null): Probe {
  return {
    env: process.env,
    home: process.env.HOME ?? '',
    exists: existsSync,
    which(command) {
      for (const dir of (process.env.PATH ?? '').split(delimiter)) {
        const candidate = join(dir, command);
        if (dir && existsSync(candidate)) return candidate;
      }
      return null;
    },
    run: (command, args, timeoutMs = DEFAULT_TIMEOUT_MS) =>
      new Promise((resolve) => {
        execFile(command, [...args], { timeout: timeoutMs }, (error, stdout, stderr) =>
          resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr) }),
        );
      }),
    resolvePackage,
  };
}
