// `smsgw dashboard` as a user runs it, without a terminal: plain lines, clear errors, clean exits.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli, wholeProgramTimeoutMs } from './support/run-cli';
import { startStub, type StubServer } from '../src/stub/index';

let stub: StubServer | null = null;
afterEach(async () => {
  await stub?.close();
  stub = null;
});

describe('smsgw dashboard', { timeout: wholeProgramTimeoutMs }, () => {
  it('exits 2 and names the flag for a URL it cannot use', async () => {
    const result = await runCli(['dashboard', '--device', 'not a url']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Expected `--device` to be a URL');
  });

  it('keeps polling a device it cannot reach, prints plain lines off a terminal, and stops on Ctrl-C with 130', async () => {
    stub = await startStub({ port: 0 });
    const run = startCli(['dashboard', '--device', 'http://127.0.0.1:9', '--stub', stub.url]);
    await run.waitFor(/attached\s+delivered 0\s+queue \?.*device unreachable/);
    await run.waitFor(/\[\s+[1-9]\d*\.\d+s\] attached/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toContain('sent ');
  });
});
