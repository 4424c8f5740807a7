import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, SmsgwError } from '../errors';
import { loadUserHandlers } from './user-handlers';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A module in a fresh folder; what it needs of msw it makes itself, since msw does not resolve from there. */
function moduleFile(name: string, source: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'smsgw-handlers-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

const refusal = (file: string, code?: 'bad-scenario') =>
  loadUserHandlers(file, code).then(
    () => expect.unreachable('loaded'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(SmsgwError);
      expect((error as SmsgwError).exitCode).toBe(ExitCode.badInput);
      return error as SmsgwError;
    },
  );

describe('loadUserHandlers', () => {
  it('loads the shipped example: an array of msw request handlers', async () => {
    const example = fileURLToPath(new URL('../../scenarios/examples/handlers.ts', import.meta.url));
    const handlers = await loadUserHandlers(example);
    expect(handlers.map((handler) => handler.info.header)).toEqual(['POST /webhook', 'POST /webhook']);
  });

  it('names a file that is not there, or a folder', async () => {
    expect((await refusal('no/such/handlers.ts')).message).toBe('no/such/handlers.ts: no such handlers module');
    const dir = mkdtempSync(join(tmpdir(), 'smsgw-handlers-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'handlers.ts'));
    expect((await refusal(join(dir, 'handlers.ts'))).message).toMatch(/handlers\.ts: is not a file/);
  });

  it('refuses a module without `handlers`, with `handlers` not an array, or with something else in it', async () => {
    const none = moduleFile('none.mjs', 'export const other = [];\n');
    expect((await refusal(none)).message).toBe(`${none}: exports no \`handlers\``);
    const notArray = moduleFile('object.mjs', 'export const handlers = { post: 1 };\n');
    expect((await refusal(notArray)).message).toMatch(/`handlers` is an object \(Object\), not an array/);
    const stray = moduleFile('stray.mjs', 'export const handlers = [42];\n');
    expect((await refusal(stray, 'bad-scenario')).message).toMatch(
      /`handlers\[0\]` is number 42, not an msw request handler/,
    );
    expect((await refusal(stray, 'bad-scenario')).code).toBe('bad-scenario');
  });

  it('names the file of a module that throws as it loads', async () => {
    const throwing = moduleFile('throws.mjs', "throw new Error('no database');\n");
    expect((await refusal(throwing)).message).toBe(`${throwing}: cannot be loaded: no database`);
  });

  it('names the file and line of a JavaScript syntax error', async () => {
    const broken = moduleFile('broken.mjs', 'export const handlers = [\n  1,\n  2 +,\n];\n');
    expect((await refusal(broken)).message).toMatch(
      new RegExp(`^${broken.replace(/[.]/g, '\\.')}:3(:\\d+)?: syntax error`),
    );
  });
});
