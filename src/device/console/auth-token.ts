// The emulator console's auth token file: the emulator creates it, adb and Android Studio read it.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SmsgwError } from '../../errors';

/** ~/.emulator_console_auth_token, where the emulator and adb look for the token. */
export function defaultAuthTokenPath(): string {
  return join(homedir(), '.emulator_console_auth_token');
}

/** The console auth token, trimmed as the emulator trims it; null (no auth) when the file is missing or empty. */
export function readConsoleAuthToken(path: string = defaultAuthTokenPath()): string | null {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SmsgwError('environment', `Cannot read the emulator console auth token at ${path}`, {
      hint: 'make the file readable by this user (the emulator creates it with mode 0600), or delete it to turn auth off',
      cause: error,
    });
  }
  const token = content.trim();
  return token === '' ? null : token;
}

/**
 * True when the token file holds a token and a line break: adb sends the file's content untrimmed,
 * so it sends an empty line after `auth`, which the console answers with `KO: unknown command` (the
 * emulator's does too), and adb prints that before every answer. Tokens written by hand with echo,
 * or by smsgw before it wrote them bare, look like this.
 */
export function tokenFileBreaksAdbOutput(path: string = defaultAuthTokenPath()): boolean {
  try {
    const content = readFileSync(path, 'utf8');
    return content.trim() !== '' && /[\r\n]/.test(content);
  } catch {
    return false;
  }
}

/**
 * What the emulator does on its first start: when the default token file is missing, create it with
 * a random token, readable by this user only (0600), so the console demands `auth` from then on.
 * The token is written bare, without a newline, as the emulator writes it: adb sends the file's
 * content untrimmed, so a trailing newline reaches the console as an empty line, which the console
 * (ours and the emulator's alike) answers with `KO: unknown command`, and adb prints it.
 * Created under a temporary name and linked into place, so a second device starting at the same
 * moment either finds the whole token or creates none. Returns the token in force (null: no auth).
 */
export function ensureConsoleAuthToken(path: string = defaultAuthTokenPath()): {
  token: string | null;
  created: boolean;
} {
  const existing = readConsoleAuthToken(path);
  if (existing !== null || existsSync(path)) return { token: existing, created: false };
  const token = randomBytes(12).toString('base64url');
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, token, { mode: 0o600, flag: 'wx' });
    linkSync(temporary, path);
    return { token, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { token: readConsoleAuthToken(path), created: false };
    throw new SmsgwError('environment', `Cannot create the emulator console auth token at ${path}`, {
      hint: 'pass --auth-token-file with a writable path, or an empty file to turn auth off',
      cause: error,
    });
  } finally {
    rmSync(temporary, { force: true });
  }
}
