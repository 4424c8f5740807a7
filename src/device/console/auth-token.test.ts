import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConsoleAuthToken } from './auth-token';

const dir = mkdtempSync(join(tmpdir(), 'smsgw-token-'));

describe('readConsoleAuthToken', () => {
  it('reads the token and trims it, as the emulator does', () => {
    const path = join(dir, 'token');
    writeFileSync(path, '  Bakox7Ngcdg0jJ6a\n');
    expect(readConsoleAuthToken(path)).toBe('Bakox7Ngcdg0jJ6a');
  });

  it('returns null (no auth) for a missing file', () => {
    expect(readConsoleAuthToken(join(dir, 'missing'))).toBeNull();
  });

  it('returns null (no auth) for an empty or blank file', () => {
    const path = join(dir, 'empty');
    writeFileSync(path, ' \n');
    expect(readConsoleAuthToken(path)).toBeNull();
  });

  it('names the file when it cannot be read', () => {
    expect(() => readConsoleAuthToken(dir)).toThrow(`Cannot read the emulator console auth token at ${dir}`);
  });
});
