import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Before ink is imported: under CI=true (as CI runs the tests) ink renders only the last frame, and
// this test watches the live frames a person at a terminal sees.
vi.hoisted(() => {
  for (const key of Object.keys(process.env))
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete process.env[key];
});
import { dashboardCommand } from './dashboard-command';
import { startStub, type StubServer } from '../stub/index';

/** A terminal as ink sees it: a TTY stdout that records frames, a stdin that supports raw mode. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 110;
  readonly rows = 50;
  output = '';
  write = (text: string): boolean => {
    this.output += text;
    return true;
  };
}

class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  press(key: string): void {
    this.pending = key;
    this.emit('readable');
    this.emit('data', key);
  }
  read = (): string | null => {
    const key = this.pending;
    this.pending = null;
    return key;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const noSignals = { once: () => undefined, off: () => undefined };
let stub: StubServer | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
  process.exitCode = undefined;
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('smsgw dashboard', () => {
  it('shows an attached stub, a device it cannot reach, and quits with 0 on q', async () => {
    stub = await startStub({ port: 0 });
    const stdout = new FakeTerminal();
    const stdin = new FakeKeyboard();
    const io = {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stdout as unknown as NodeJS.WriteStream,
      signals: noSignals,
      intervalMs: 100,
    };
    const done = dashboardCommand(io).parseAsync(['--device', 'http://127.0.0.1:9', '--stub', stub.url], {
      from: 'user',
    });
    await until(() => stdout.output.includes('DEVICE UNREACHABLE'), 'the unreachable banner');
    expect(stdout.output).toContain(`smsgw attached · device http://127.0.0.1:9 · stub ${stub.url}`);
    expect(stdout.output).toContain('GET http://127.0.0.1:9/health failed');
    expect(stdout.output).toContain('requests 0');
    stdin.press('q');
    await done;
    expect(process.exitCode).toBe(0);
  });

  it('refuses to start without a device or a stub to watch', async () => {
    await expect(dashboardCommand({ signals: noSignals }).parseAsync([], { from: 'user' })).rejects.toThrow(
      'Expected `--device <url>`, `--stub <url>` or both, got neither',
    );
  });

  it('refuses a URL that is not http', async () => {
    await expect(
      dashboardCommand({ signals: noSignals }).parseAsync(['--stub', 'localhost:8080'], { from: 'user' }),
    ).rejects.toMatchObject({ code: 'bad-option' });
  });
});
