// Arbitrary command lines: whatever the flags, values and commands, smsgw answers with a
// readable message and exit 2 (0 for help and version), never a stack trace or an "unexpected error".
// Every generated command line carries a gate — a value the command checks before it starts
// anything — so no case can boot a device, open a port or spawn the SDK.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const smsgwBin = fileURLToPath(new URL('../../bin/smsgw.js', import.meta.url));
const commandNames = [
  'run',
  'validate',
  'device',
  'stub',
  'burst',
  'dashboard',
  'doctor',
  'emulator',
  'report',
  'selftest',
];
const helpTokens = ['-h', '--help', 'help', '-V', '--version'];

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function smsgw(args: readonly string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'smsgw', ...args], {
    writeOut: (text) => (stdout += text),
    writeErr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

afterEach(() => {
  // An action that set it would leak into the next case's exit code, and into vitest's own.
  process.exitCode = undefined;
});

/** Exit 0 only when help or version was asked for; otherwise 2 with a message on stderr and no stack trace. */
function expectReadable(args: readonly string[], { code, stdout, stderr }: Outcome): void {
  const context = `smsgw ${JSON.stringify(args)} → ${code}\nstderr: ${stderr}`;
  expect([0, 2], context).toContain(code);
  if (code === 0) {
    expect(
      args.some((arg) => helpTokens.includes(arg)),
      context,
    ).toBe(true);
    expect(stdout, context).not.toBe('');
    return;
  }
  expect(stderr, context).toMatch(/^(error: |smsgw: |Usage: )/);
  expect(stderr, context).not.toContain('unexpected error');
  if (!args.includes('--verbose')) expect(stderr, context).not.toMatch(/\n\s+at \S.*:\d+:\d+\)?$/m);
}

// ---- values users get wrong ----

const badPorts = ['-1', '65536', '99999', 'abc', '1.5', '', '0x10', ' 80', '８０', '5554 ', '1e3'];
const badIntegers = ['-1', 'abc', '1.5', '', '1e3', '99999999999999999999', ' 1', '0x1'];
const badUrls = ['notaurl', 'ftp://x', '', 'http//x', '127.0.0.1:8080', 'http://', 'javascript:alert(1)'];
const badDurations = ['10x', '-1s', '', 's', '1e9h', 'NaN', '10 s', '1h-30m', '∞', '0x10s', '999999999999999999d'];
const badRates = ['5/x', '-5/s', '/s', '0/s', '5//s', '1e400/s'];
const badDefects = [
  'drop',
  'drop:2',
  'bogus:1',
  ':',
  'drop:-1',
  'drop:1%%',
  'DROP:0.1',
  'latency:fast',
  'leak:lots',
  '',
];
const paths = [
  '/nonexistent/fuzz.yaml',
  '',
  '.',
  '/',
  '/dev/null',
  'scenarios',
  'package.json',
  '\0',
  '../../../../../../nonexistent',
];
const oddTokens = [
  '--',
  '-',
  '--=',
  '---x',
  '-abc',
  '--verbose',
  '--no-such-flag',
  '--port=',
  '--json=1',
  ...helpTokens,
];

const value = fc.oneof(
  fc.constantFrom(
    ...badPorts,
    ...badIntegers,
    ...badUrls,
    ...badDurations,
    ...badRates,
    ...badDefects,
    ...paths,
    '0',
    '1',
    '100',
    '10s',
    'ascii',
    'plain',
    'appium',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
/** Random tokens for a command: its own flags (with or without a value), odd tokens and junk. */
const tokensFor = (flags: readonly string[]) =>
  fc
    .array(
      fc.oneof(
        {
          weight: 3,
          arbitrary:
            flags.length > 0
              ? fc
                  .tuple(fc.constantFrom(...flags), fc.option(value))
                  .map(([flag, arg]) => (arg === null ? [flag] : [flag, arg]))
              : fc.constant([]),
        },
        { weight: 2, arbitrary: value.map((arg) => [arg]) },
        { weight: 1, arbitrary: fc.constantFrom(...oddTokens).map((token) => [token]) },
      ),
      { maxLength: 6 },
    )
    .map((groups) => groups.flat());

/**
 * Each command with its gate and the flags fuzzed after it. The gate is the last value the command
 * checks before it starts anything, so every other flag's check runs first; the gated flag is never
 * among the fuzzed ones, so a later valid value cannot override it.
 */
const commands: Record<string, { readonly gate: fc.Arbitrary<string[]>; readonly flags: readonly string[] }> = {
  run: {
    gate: fc.constantFrom('/nonexistent/fuzz.yaml', '/dev/null', '.', 'package.json').map((file) => [file]),
    flags: [
      '--reports',
      '--json',
      '--ndjson',
      '--quiet',
      '--no-dashboard',
      '--fps',
      '--defect',
      '--metrics',
      '--appium',
      '--baseline',
      '--checkpoint-every',
      '--seed',
      '--set',
      '--redact',
      '--no-redact',
    ],
  },
  validate: {
    gate: fc.constantFrom('/nonexistent/fuzz.yaml', '/dev/null', '.', 'package.json').map((file) => [file]),
    flags: ['--json', '--set', '--seed', '--baseline'],
  },
  device: {
    gate: fc.constantFrom(...badIntegers).map((seed) => ['--seed', seed]),
    flags: [
      '--webhook',
      '--console-port',
      '--health-port',
      '--secret',
      '--db',
      '--device-id',
      '--avd-name',
      '--auth-token-file',
      '--defect',
      '--ready-json',
      '--verbose',
    ],
  },
  stub: {
    gate: fc.constantFrom('webhook', '', '/_smsgw/stats').map((path) => ['--path', path]),
    flags: ['--port', '--host', '--scenario', '--secret', '--ledger', '--json'],
  },
  burst: {
    gate: fc.constantFrom(...badIntegers).map((seed) => ['--seed', seed]),
    flags: ['--port', '--host', '--count', '--over', '--senders', '--text', '--json'],
  },
  dashboard: {
    gate: fc.constantFrom(...badUrls).map((url) => ['--stub', url]),
    flags: ['--device', '--fps', '--no-dashboard'],
  },
  doctor: { gate: fc.constant(['--x-fuzz-gate']), flags: ['--json'] },
  'emulator list': { gate: fc.constant(['--x-fuzz-gate']), flags: [] },
  'emulator boot': {
    gate: fc.constantFrom(...badUrls).map((url) => ['--webhook', url]),
    flags: ['--port', '--avd', '--timeout', '--apk', '--secret'],
  },
  'emulator stop': { gate: fc.constant(['--x-fuzz-gate']), flags: ['--serial'] },
  'report compare': { gate: fc.constant(['/nonexistent/run-a', '/nonexistent/run-b']), flags: ['--json'] },
  selftest: { gate: fc.constant(['--x-fuzz-gate']), flags: ['--only', '--reports', '--json', '--no-control'] },
};

const gatedCommandLine = fc.constantFrom(...Object.keys(commands)).chain((name) => {
  const { gate, flags } = commands[name]!;
  return fc.tuple(gate, tokensFor(flags)).map(([gateArgs, rest]) => [...name.split(' '), ...gateArgs, ...rest]);
});

describe('smsgw on arbitrary command lines', () => {
  it('answers any flags and values given to any command with exit 2 and a readable message (0 for help)', async () => {
    await fc.assert(
      fc.asyncProperty(gatedCommandLine, async (args) => expectReadable(args, await smsgw(args))),
      { seed: 20_261_160, numRuns: 300 },
    );
  });

  it('answers unknown commands and stray tokens at the top level the same way', async () => {
    // A command name would start that command with no gate: those are the property above.
    const token = fc.oneof(value, fc.constantFrom(...oddTokens)).filter((arg) => !commandNames.includes(arg));
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 5 }), async (args) => expectReadable(args, await smsgw(args))),
      { seed: 20_261_161, numRuns: 200 },
    );
  });
});

describe('smsgw report compare on damaged reports', () => {
  const report = {
    schemaVersion: 1,
    runId: 'r1',
    status: 'passed',
    scenario: { name: 'burst-100', description: '', file: 'scenarios/burst-100.yaml' },
    phases: { loadMs: 10_000, drainMs: 500 },
    counts: { injected: 100, delivered: 100, lost: 0, duplicates: 0, redeliveries: 0 },
    latency: { p50Ms: 10, p95Ms: 20, p99Ms: 30 },
    verdicts: [{ name: 'rss_growth', value: 1000 }],
    series: { points: [{ rssBytes: 1000 }] },
  };
  const paths = [
    'runId',
    'status',
    'scenario',
    'scenario.name',
    'phases',
    'phases.loadMs',
    'phases.drainMs',
    'counts',
    'counts.injected',
    'counts.delivered',
    'latency',
    'latency.p95Ms',
    'verdicts',
    'verdicts.0',
    'verdicts.0.value',
    'series',
    'series.points',
    'series.points.0',
    'series.points.0.rssBytes',
  ];
  /** The report with the value at `path` replaced, or removed when `value` is undefined. */
  const damaged = (path: string, value: unknown): unknown => {
    const copy = structuredClone(report) as Record<string, unknown>;
    const keys = path.split('.');
    const parent = keys
      .slice(0, -1)
      .reduce<Record<string, unknown>>((inner, key) => inner[key] as Record<string, unknown>, copy);
    if (value === undefined) delete parent[keys.at(-1)!];
    else parent[keys.at(-1)!] = value;
    return copy;
  };
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smsgw-compare-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers any damage to either report with exit 2 and a readable message (0 when it is harmless)', async () => {
    // A comparison that works prints its table on process.stdout; only the exit code and stderr matter here.
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths),
          fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
          fc.boolean(),
          async (path, value, first) => {
            const good = join(dir, 'good.json');
            const bad = join(dir, 'bad.json');
            await writeFile(good, JSON.stringify(report));
            await writeFile(bad, JSON.stringify(damaged(path, value)));
            const args = ['report', 'compare', ...(first ? [bad, good] : [good, bad])];
            const outcome = await smsgw(args);
            expect([0, 2], `${path} = ${JSON.stringify(value)}: ${outcome.stderr}`).toContain(outcome.code);
            if (outcome.code === 2)
              expect(outcome.stderr).toMatch(
                /^smsgw: .*damaged smsgw run report|^smsgw: .* is not an smsgw run report/,
              );
          },
        ),
        { seed: 20_261_162, numRuns: 150 },
      );
    } finally {
      stdout.mockRestore();
    }
  });
});

/** The real program in a child process, for what in-process cannot show: the exit code and output streams. */
function spawnSmsgw(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [smsgwBin, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// Each spawn pays for tsx and the imports (2-5 s on a busy machine): a few, side by side.
describe('bin/smsgw.js on bad command lines', () => {
  it.concurrent.each([
    [['frobnicate']],
    [['run', '/dev/zero', '--defect', 'drop']],
    [['device', '--webhook', 'notaurl', '--console-port', '0']],
  ])('exits 2 with a readable message for smsgw %j', async (args) => {
    expectReadable(args, await spawnSmsgw(args));
  });

  it.concurrent('exits 0 and prints the version for --version', async () => {
    const outcome = await spawnSmsgw(['--version']);
    expect(outcome).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
