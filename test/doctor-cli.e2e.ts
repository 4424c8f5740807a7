// `smsgw doctor` on this very machine: it must name what is really here and what is not.
import { describe, expect, it } from 'vitest';
import { onPath } from './support/require-tool';
import { runCli, wholeProgramTimeoutMs } from './support/run-cli';

interface Check {
  readonly name: string;
  readonly status: string;
  readonly fix: string;
}

describe('smsgw doctor', { timeout: wholeProgramTimeoutMs }, () => {
  it('reports this machine as it is, with a fix for each missing piece, and exits 0 when virtual runs can go', async () => {
    const result = await runCli(['doctor', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const checks = JSON.parse(result.stdout) as Check[];
    const status = (name: string): string | undefined => checks.find((check) => check.name === name)?.status;
    expect(status('node')).toBe('ok');
    expect(status('appium')).toBe('ok');
    expect(status('webdriverio')).toBe('ok');
    // The doctor looks tools up on PATH, as the tests do.
    expect(status('chromium')).toBe(onPath('chromium') ? 'ok' : 'missing');
    expect(status('chromedriver')).toBe(onPath('chromedriver') ? 'ok' : 'missing');
    const sdkPresent = Boolean(process.env.ANDROID_HOME ?? process.env.ANDROID_SDK_ROOT);
    if (!sdkPresent) expect(status('android-sdk')).toBe('missing');
    for (const check of checks.filter((item) => item.status === 'missing')) expect(check.fix, check.name).not.toBe('');
  });

  it('prints a readable table with a summary line', async () => {
    const result = await runCli(['doctor'], { NO_COLOR: '1' });
    expect(result.stdout).toMatch(/^ok\s+node\s+v\d+/m);
    expect(result.stdout).toMatch(/virtual device runs: ready/);
  });
});
