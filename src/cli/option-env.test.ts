import { describe, expect, it } from 'vitest';
import { scenarioFolder, smsgw } from '../../test/support/main-in-process';
import { program } from './main';
import { envName, secretVariable, visibleCommands } from './option-env';

const folder = scenarioFolder();
const tiny = folder.write('tiny.yaml', 'name: tiny\nload:\n  - burst: { count: 3, over: 0s }\n');

/** `smsgw validate --json` of the tiny scenario: the scenario as a run would use it. */
async function effective(args: readonly string[], env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await smsgw(['validate', tiny, '--json', ...args], env);
  expect(code, stderr).toBe(0);
  const [file] = (JSON.parse(stdout) as { files: { scenario: { seed: number; overrides: string[] } }[] }).files;
  return file!.scenario;
}

describe('SMSGW_* environment variables', () => {
  it('exist for every option of every command a user can type, named SMSGW_<FLAG> and shown in --help', () => {
    const root = program();
    const options = visibleCommands(root).flatMap((command) =>
      command.options
        .filter((option) => option.long !== '--version')
        .map((option) => ({ command, option, where: `${command.name()} ${option.flags}` })),
    );
    expect(options.length).toBeGreaterThan(50);
    for (const { option, where } of options)
      expect(option.envVar, where).toBe(option.long === '--secret' ? secretVariable : envName(option.flags));
    const run = root.commands.find((command) => command.name() === 'run')!;
    expect(run.helpInformation()).toMatch(/--seed <n>[^]*env:\s+SMSGW_SEED\)/);
    expect(root.helpInformation()).toMatch(/--verbose[^]*env:\s+SMSGW_VERBOSE\)/);
  });

  it('name a flag in upper snake case after SMSGW_', () => {
    expect(envName('--seed <n>')).toBe('SMSGW_SEED');
    expect(envName('--checkpoint-every <duration>')).toBe('SMSGW_CHECKPOINT_EVERY');
    expect(envName('--no-redact')).toBe('SMSGW_NO_REDACT');
    expect(envName('-V, --version')).toBe('SMSGW_VERSION');
  });

  it('SMSGW_SEED=7 gives the scenario the seed --seed 7 gives it, and a flag wins over its variable', async () => {
    expect((await effective([])).seed).toBe(1);
    expect((await effective(['--seed', '7'])).seed).toBe(7);
    expect((await effective([], { SMSGW_SEED: '7' })).seed).toBe(7);
    expect((await effective(['--seed', '3'], { SMSGW_SEED: '7' })).seed).toBe(3);
  });

  it('take several values of a repeatable option one per line', async () => {
    const scenario = await effective([], { SMSGW_SET: 'seed=5\n\nload.0.burst.count=4\n' });
    expect(scenario).toMatchObject({ seed: 5, overrides: ['seed=5', 'load.0.burst.count=4'] });
  });

  it('count as unset when empty, as a CI template leaves them', async () => {
    expect((await effective([], { SMSGW_SEED: '' })).seed).toBe(1);
  });

  it('turn a flag on with 1 or true and leave it off with 0 or false; anything else is exit 2 naming the variable', async () => {
    expect((await smsgw(['validate', tiny], { SMSGW_JSON: 'true' })).stdout).toMatch(/^\{/);
    const off = await smsgw(['validate', tiny], { SMSGW_JSON: '0' });
    expect(off.stdout).toMatch(/^ok {2}/);
    const bad = await smsgw(['validate', tiny], { SMSGW_JSON: 'maybe' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('smsgw: SMSGW_JSON: Expected 1 or 0 (or true or false) for a flag, got "maybe"\n');
  });

  it('name the variable a bad value came from, in one line and exit 2', async () => {
    const { code, stderr } = await smsgw(['validate', tiny], { SMSGW_SEED: 'abc' });
    expect(code).toBe(2);
    expect(stderr).toBe('smsgw: SMSGW_SEED: Expected `--seed` to be a non-negative integer, got "abc"\n');
    const flag = await smsgw(['validate', tiny, '--seed', 'abc'], { SMSGW_VERBOSE: '' });
    expect(flag.stderr).toBe('smsgw: Expected `--seed` to be a non-negative integer, got "abc"\n');
  });

  it("leave the environment once read, so a device smsgw starts never takes a variable meant for smsgw's command", async () => {
    const { code } = await smsgw(['validate', tiny], {
      SMSGW_DEFECT: 'drop:10%',
      SMSGW_NO_READ_SMS: '1',
      [secretVariable]: 's3cret',
    });
    expect(code).toBe(0);
    expect(process.env['SMSGW_DEFECT']).toBeUndefined();
    expect(process.env['SMSGW_NO_READ_SMS']).toBeUndefined();
    // The harness itself hands the secret to the devices it starts, through this variable.
    expect(process.env[secretVariable]).toBe('s3cret');
  });

  it('SMSGW_VERBOSE shows the stack of an error, as --verbose does', async () => {
    const quiet = await smsgw(['validate', `${folder.path}/missing.yaml`]);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    const verbose = await smsgw(['validate', `${folder.path}/missing.yaml`], { SMSGW_VERBOSE: '1' });
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});
