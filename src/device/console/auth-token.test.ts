import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureConsoleAuthToken, readConsoleAuthToken, tokenFileBreaksAdbOutput } from './auth-token';

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

describe('ensureConsoleAuthToken', () => {
  it('creates a missing token file with a random token, readable by its owner only', () => {
    const path = join(dir, 'fresh');
    const first = ensureConsoleAuthToken(path);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^[\w-]{16}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.token);
    expect(ensureConsoleAuthToken(path)).toEqual({ token: first.token, created: false });
  });

  it('writes the token bare, without a newline, as the emulator does, since adb sends the file untrimmed', () => {
    const path = join(dir, 'bare');
    const { token } = ensureConsoleAuthToken(path);
    expect(readFileSync(path, 'utf8')).toBe(token);
  });

  it('leaves an existing token, and an empty file (auth off), as they are', () => {
    const kept = join(dir, 'kept');
    writeFileSync(kept, 'abc\n');
    expect(ensureConsoleAuthToken(kept)).toEqual({ token: 'abc', created: false });
    const off = join(dir, 'off');
    writeFileSync(off, '');
    expect(ensureConsoleAuthToken(off)).toEqual({ token: null, created: false });
  });
});

describe('tokenFileBreaksAdbOutput', () => {
  it('tells a token file with a line break, which adb sends on as an empty line, from a bare one, an empty one and none', () => {
    const files = {
      newline: 'Bakox7Ngcdg0jJ6a\n',
      crlf: 'Bakox7Ngcdg0jJ6a\r\n',
      bare: 'Bakox7Ngcdg0jJ6a',
      empty: '',
      blank: '\n',
    };
    const found: Record<string, boolean> = {};
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(dir, `adb-${name}`), content);
      found[name] = tokenFileBreaksAdbOutput(join(dir, `adb-${name}`));
    }
    found.missing = tokenFileBreaksAdbOutput(join(dir, 'adb-missing'));
    expect(found).toEqual({ newline: true, crlf: true, bare: false, empty: false, blank: false, missing: false });
  });
});
