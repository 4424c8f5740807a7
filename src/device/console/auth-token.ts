// The emulator console's auth token file: the emulator creates it, adb and Android Studio read it.
import { readFileSync } from 'node:fs';
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
