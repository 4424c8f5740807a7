import { describe, expect, it } from 'vitest';
import { scenarioFolder, smsgw } from '../../test/support/main-in-process';

const folder = scenarioFolder();
const good = folder.write('good.yaml', 'name: good\nload:\n  - burst: { count: 100, over: 10s }\n');
const steps = folder.write(
  'steps.yaml',
  'name: steps\nserver: { secret: hunter2 }\nload:\n  - burst: { count: 5, over: 0s }\n  - constant: { rate: 5/s, for: 1m }\n',
);
const bad = folder.write('bad.yaml', 'name: Bad Name\nload:\n  - burst: { count: -5, over: 10s }\n');
const missing = `${folder.path}/missing.yaml`;

interface ValidateDocument {
  readonly valid: boolean;
  readonly files: readonly {
    readonly file: string;
    readonly valid: boolean;
    readonly name?: string;
    readonly load?: string;
    readonly issues?: readonly string[];
    readonly scenario?: { readonly seed: number; readonly overrides: readonly string[]; readonly server: object };
  }[];
}

describe('smsgw validate', () => {
  it('prints one ok line per valid file with its name and load, and exits 0', async () => {
    const { code, stdout, stderr } = await smsgw(['validate', good, steps]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe(`ok  ${good}  good: 100 SMS over 10s\nok  ${steps}  steps: 5 SMS at once, then 5/s for 1m\n`);
  });

  it('lists every mistake of every file and the valid files as ok, and exits 2', async () => {
    const { code, stdout, stderr } = await smsgw(['validate', good, bad, missing]);
    expect(code).toBe(2);
    expect(stdout).toBe(`ok  ${good}  good: 100 SMS over 10s\n`);
    expect(stderr).toContain('smsgw: 2 of 3 scenario files have mistakes\n');
    expect(stderr).not.toContain('nothing was run');
    expect(stderr).toContain(`  ${bad}: 2 problems\n`);
    expect(stderr).toMatch(/bad\.yaml:1:7 Expected `name`/);
    expect(stderr).toMatch(/bad\.yaml:3:21 Expected `count` to be at least 1/);
    expect(stderr).toContain(`  ${missing}: no such file`);
  });

  it('prints one JSON document with each file, valid with its scenario (secret hidden) or with its mistakes', async () => {
    const { code, stdout, stderr } = await smsgw(['validate', '--json', steps, bad, '--set', 'seed=9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^smsgw: 1 of 2 scenario files have mistakes\n {2}\S*bad\.yaml: 2 problems\n/);
    const document = JSON.parse(stdout) as ValidateDocument;
    expect(document.valid).toBe(false);
    expect(document.files.map((file) => [file.file, file.valid])).toEqual([
      [steps, true],
      [bad, false],
    ]);
    expect(document.files[0]).toMatchObject({ name: 'steps', load: '5 SMS at once, then 5/s for 1m' });
    expect(document.files[0]!.scenario).toMatchObject({
      seed: 9,
      overrides: ['seed=9'],
      server: { secret: '(hidden)' },
    });
    expect(stdout).not.toContain('hunter2');
    expect(document.files[1]!.issues).toHaveLength(2);
  });

  it('applies --set to every file and says which override has no list item to go into, exit 2', async () => {
    const { code, stderr } = await smsgw(['validate', good, steps, '--set', 'load.1.constant.rate=9/s']);
    expect(code).toBe(2);
    expect(stderr).toContain('1 of 2 scenario files have mistakes');
    expect(stderr).toContain('    --set load.1.constant.rate=9/s: `load` has 1 item, so there is no `load.1`\n');
    expect(stderr).not.toContain(`${steps}:`);
  });

  it('refuses a --set without `=` before any file is read, with one line and exit 2', async () => {
    const { code, stdout, stderr } = await smsgw(['validate', good, '--set', 'foo']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe('smsgw: `--set foo`: expected path=value, like load.0.burst.count=1000');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("checks the scenario's handlers module as a run would: one that exports no handlers is a mistake", async () => {
    folder.write('no-handlers.mjs', 'export const other = 1;\n');
    const withHandlers = folder.write(
      'with-handlers.yaml',
      'name: with-handlers\nserver: { handlers: ./no-handlers.mjs }\nload:\n  - burst: { count: 1, over: 0s }\n',
    );
    const { code, stderr } = await smsgw(['validate', withHandlers]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no-handlers\.mjs: exports no `handlers`/);
  });

  it('refuses a baseline that is not a run, exit 2', async () => {
    const { code, stderr } = await smsgw(['validate', good, '--baseline', missing]);
    expect(code).toBe(2);
    expect(stderr).toContain(`smsgw: No run at ${missing}\n`);
  });
});
