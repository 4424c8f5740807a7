// `smsgw burst` against a running `smsgw device`: everything sent is acknowledged and stored.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs, type CliRun } from './support/run-cli';
import { startReceiver } from './support/webhook-receiver';

let device: CliRun | null = null;
afterEach(() => {
  device?.child.kill('SIGKILL');
  device = null;
});

describe('smsgw burst', { timeout: wholeProgramTimeoutMs }, () => {
  it('fires SMS at a device console and reports every one acknowledged', async () => {
    const dir = tempDir();
    const receiver = await startReceiver();
    device = startCli([
      'device',
      '--webhook',
      receiver.url,
      '--console-port',
      '0',
      '--health-port',
      '0',
      '--db',
      join(dir, 'q.sqlite'),
      '--auth-token-file',
      join(dir, 'none'),
    ]);
    await device.waitFor(/health on http:\/\/127\.0\.0\.1:\d+/);
    const port = /console on 127\.0\.0\.1:(\d+)/.exec(device.output())?.[1] ?? '';
    const healthUrl = /health on (http:\/\/127\.0\.0\.1:\d+\/health)/.exec(device.output())?.[1] ?? '';

    const result = await runCli([
      'burst',
      '--port',
      port,
      '--count',
      '50',
      '--over',
      '0s',
      '--text',
      'mixed',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ sent: 50, acknowledged: 50, refused: 0, unanswered: 0 });
    // OK means the phone's SMS store has it; the app stores it a moment later.
    await vi.waitFor(
      async () => {
        const health = (await (await fetch(healthUrl)).json()) as { engine: { totalToday: number } };
        expect(health.engine.totalToday).toBe(50);
      },
      { timeout: 30_000, interval: 100 },
    );
    receiver.close();
  });

  it('exits 3 with a hint when no console listens on the port', async () => {
    const result = await runCli(['burst', '--port', '1', '--count', '1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/connection refused/i);
  });

  it('exits 2 for a count that is not a number', async () => {
    const result = await runCli(['burst', '--count', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Expected `--count` to be a non-negative integer, got "many"');
  });
});
