// `smsgw device` bounds what idle console connections can hold: a connection that does not
// authenticate in time is told so and closed, and one past the cap is refused with a line saying
// why. Both limits are flags, checked with messages that say what was expected.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawPeer } from './support/console-kit';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs } from './support/run-cli';

describe('smsgw device console limits', { timeout: wholeProgramTimeoutMs }, () => {
  it('closes an idle unauthenticated connection after --console-auth-timeout and refuses one past --console-max-connections', async () => {
    const dir = tempDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'Bakox7Ngcdg0jJ6a');
    const device = startCli([
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
      tokenFile,
      '--console-max-connections',
      '1',
      '--console-auth-timeout',
      '5s',
    ]);
    await device.waitFor(/console on 127\.0\.0\.1:\d+/);
    const port = Number(/console on 127\.0\.0\.1:(\d+)/.exec(device.output())?.[1]);

    const idle = await RawPeer.open(port);
    await idle.untilEndsWith("'\r\nOK\r\n", 60_000);
    const refused = await RawPeer.open(port);
    await refused.closed;
    expect(refused.text).toBe('KO: too many console connections (max 1), try again later\r\n');
    await idle.closed;
    expect(idle.text).toMatch(
      /^Android Console: Authentication required\r\n[\s\S]*OK\r\nKO: authentication timeout\r\n$/,
    );
    await device.stop();
  });

  it.each([
    [['--console-max-connections', '0'], 'Expected `--console-max-connections` to be at least 1, got "0"'],
    [
      ['--console-max-connections', 'many'],
      'Expected `--console-max-connections` to be a non-negative integer, got "many"',
    ],
    [
      ['--console-auth-timeout', '30'],
      'Expected `--console-auth-timeout` to be a duration like 1s or 300ms, got "30" (add a unit: 30s or 30ms)',
    ],
    [['--console-auth-timeout', '30d'], 'Expected `--console-auth-timeout` to be at most 24d, got "30d"'],
  ])('refuses %j with exit 2 and says what it expected', async (flag, message) => {
    const result = await runCli([
      'device',
      '--webhook',
      'http://127.0.0.1:9/webhook',
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--db',
      join(tempDir(), 'q.sqlite'),
      ...flag,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
