// A secret passed as --secret sits in the argument list, which every user of the machine can read
// (`ps -ef`, /proc/<pid>/cmdline). Each command that takes one warns, once, on stderr, and points
// to SMSGW_WEBHOOK_SECRET, which it honours and which `ps` does not show.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stubOptionsFromFlags } from '../src/cli/stub-command';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';

const warning =
  /warning: --secret shows the secret to every user of this machine in `ps`; set SMSGW_WEBHOOK_SECRET instead/g;
/** Without the variable, whatever the environment running the tests has. */
const noVariable = { SMSGW_WEBHOOK_SECRET: '' };

describe('a secret on the command line', { timeout: wholeProgramTimeoutMs }, () => {
  it('makes smsgw device warn once on stderr, and the variable makes it quiet', async () => {
    const dir = tempDir();
    const noAuth = join(dir, 'no-auth');
    writeFileSync(noAuth, '');
    const args = [
      'device',
      '--webhook',
      'http://127.0.0.1:9/webhook',
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--db',
      join(dir, 'q.sqlite'),
      '--auth-token-file',
      noAuth,
    ];
    const flagged = startCli([...args, '--secret', 's3cret'], noVariable);
    await flagged.waitFor(/console on 127\.0\.0\.1:\d+/);
    await flagged.stop();
    const quiet = startCli(args, { SMSGW_WEBHOOK_SECRET: 's3cret' });
    await quiet.waitFor(/console on 127\.0\.0\.1:\d+/);
    await quiet.stop();
    expect(flagged.output().match(warning)).toHaveLength(1);
    expect(quiet.output()).not.toMatch(warning);
  });

  it('makes smsgw stub warn once on stderr', async () => {
    const stub = startCli(['stub', '--port', '0', '--secret', 's3cret'], noVariable);
    await stub.waitFor(/listening on http/);
    await stub.stop();
    expect(stub.output().match(warning)).toHaveLength(1);
  });

  it('makes smsgw emulator boot warn once on stderr, before anything else', async () => {
    // An odd console port is refused before any tool runs: the warning comes first all the same.
    const result = await runCli(['emulator', 'boot', '--port', '5555', '--secret', 's3cret'], noVariable);
    expect(result.code).toBe(2);
    expect(result.stderr.match(warning)).toHaveLength(1);
    expect(result.stderr.indexOf('warning')).toBeLessThan(result.stderr.indexOf('5555'));
  });

  it('is pointed away from in the help of every command that takes one', async () => {
    for (const command of [['device'], ['stub'], ['emulator', 'boot']]) {
      const help = await runCli([...command, '--help']);
      expect(help.stdout).toMatch(
        /--secret <s>[\s\S]*SMSGW_WEBHOOK_SECRET[\s\S]*Environment:\n {2}SMSGW_WEBHOOK_SECRET/,
      );
    }
  });
});

describe('SMSGW_WEBHOOK_SECRET for smsgw stub', () => {
  const flags = { port: '0', host: '127.0.0.1', path: '/webhook', ledger: ':memory:' };

  it('gives the stub its secret, loses to --secret, and wins over the scenario', async () => {
    const scenario = writeScenario(
      tempDir(),
      'signed',
      'name: signed\nserver:\n  secret: from-scenario\nload:\n  - burst: { count: 1, over: 1s }\n',
    );
    const env = { SMSGW_WEBHOOK_SECRET: 'from-environment' };
    expect((await stubOptionsFromFlags(flags, env)).secret).toBe('from-environment');
    expect((await stubOptionsFromFlags({ ...flags, secret: 'from-flag' }, env)).secret).toBe('from-flag');
    expect((await stubOptionsFromFlags({ ...flags, scenario }, env)).secret).toBe('from-environment');
    expect((await stubOptionsFromFlags({ ...flags, scenario }, {})).secret).toBe('from-scenario');
  });
});
