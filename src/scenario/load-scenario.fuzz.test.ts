import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { loadScenario } from './load-scenario';

const valid = [
  'name: ok',
  'load:',
  '  - burst: { count: 100, over: 10s }',
  'server:',
  '  faults:',
  '    - { status: 503, rate: 0.2 }',
  'expect: { lost: 0 }',
  '',
].join('\n');
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

let dir = '';
let fileNumber = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smsgw-load-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `bytes` to a fresh file and loads it; the outcome as a value, so a property can compare two. */
async function loadBytes(
  bytes: Uint8Array,
): Promise<{ kind: 'ok'; name: string } | { kind: 'bad'; error: SmsgwError; file: string }> {
  const file = join(dir, `case-${(fileNumber += 1)}.yaml`);
  await writeFile(file, bytes);
  try {
    return { kind: 'ok', name: (await loadScenario(file)).name };
  } catch (error) {
    if (!(error instanceof SmsgwError) || error.code !== 'bad-scenario') throw error;
    return { kind: 'bad', error, file };
  }
}

/** A bad-scenario error that names the file and, per issue, its line and column. */
function expectReadable(error: SmsgwError, file: string): void {
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  expect(error.message).not.toMatch(/\n\s+at /);
  for (const issue of error.issues)
    expect(issue.startsWith(`${file}:`) && /^:\d+:\d+ \S/.test(issue.slice(file.length))).toBe(true);
}

/** A valid scenario with random bytes spliced in at a random place. */
const spliced = fc
  .tuple(fc.nat({ max: valid.length }), fc.uint8Array({ minLength: 1, maxLength: 16 }))
  .map(([at, junk]) => Buffer.concat([Buffer.from(valid.slice(0, at)), junk, Buffer.from(valid.slice(at))]));

// An invalid UTF-8 sequence: a lone continuation byte, a lead byte without its continuation, or a byte UTF-8 never uses.
const notUtf8 = fc.constantFrom([0x80], [0xbf], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xfe], [0xff]);

describe('loadScenario on arbitrary files', () => {
  it('answers arbitrary bytes with a readable bad-scenario error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), spliced), async (bytes) => {
        const outcome = await loadBytes(bytes);
        if (outcome.kind === 'bad') expectReadable(outcome.error, outcome.file);
      }),
      { seed: 20_261_129, numRuns: 300 },
    );
  });

  it('reads a file with a UTF-8 byte order mark exactly as the same file without it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(Buffer.from(valid)), spliced), async (bytes) => {
        const plain = await loadBytes(bytes);
        const marked = await loadBytes(Buffer.concat([bom, bytes]));
        expect(marked.kind).toBe(plain.kind);
        if (plain.kind === 'ok' && marked.kind === 'ok') expect(marked.name).toBe(plain.name);
        if (plain.kind === 'bad' && marked.kind === 'bad') {
          expect(marked.error.issues.map((issue) => issue.slice(marked.file.length))).toEqual(
            plain.error.issues.map((issue) => issue.slice(plain.file.length)),
          );
        }
      }),
      { seed: 20_261_130, numRuns: 100 },
    );
  });

  it('says "is not UTF-8 text" for a scenario with any invalid UTF-8 sequence in it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length }), notUtf8, async (at, junk) => {
        const outcome = await loadBytes(
          Buffer.concat([Buffer.from(valid.slice(0, at)), Buffer.from(junk), Buffer.from(valid.slice(at))]),
        );
        expect(outcome).toMatchObject({
          kind: 'bad',
          error: { message: expect.stringMatching(/: is not UTF-8 text$/) },
        });
      }),
      { seed: 20_261_131, numRuns: 100 },
    );
  });

  it('answers any path that names no file with a readable bad-scenario error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), async (name) => {
        const file = join(dir, 'absent', name);
        const error = await loadScenario(file).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SmsgwError);
        expect(error).toMatchObject({ code: 'bad-scenario', exitCode: 2 });
        expectReadable(error as SmsgwError, file);
      }),
      { seed: 20_261_132, numRuns: 200 },
    );
  });
});
