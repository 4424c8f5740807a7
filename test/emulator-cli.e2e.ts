// `smsgw emulator` on a machine without the Android SDK: clear errors and the documented exit codes.
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, wholeProgramTimeoutMs } from './support/run-cli';

// A HOME without ~/Android/Sdk and no SDK variables: the machine every CI box without the SDK is.
const noSdk = (): NodeJS.ProcessEnv => ({ HOME: tempDir(), ANDROID_HOME: '', ANDROID_SDK_ROOT: '' });

describe('smsgw emulator', { timeout: wholeProgramTimeoutMs }, () => {
  it('exits 3 naming the missing SDK and the fix', async () => {
    const result = await runCli(['emulator', 'list'], noSdk());
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/No Android SDK found/);
    expect(result.stderr).toMatch(/hint: .*ANDROID_HOME/);
  });

  it('exits 2 for an odd console port before looking for the SDK', async () => {
    const result = await runCli(['emulator', 'boot', '--port', '5555'], noSdk());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('even number from 5554 to 5682');
  });

  it('exits 2 for an unknown option of a subcommand', async () => {
    const result = await runCli(['emulator', 'boot', '--bogus']);
    expect(result.code).toBe(2);
  });
});
