import { describe, expect, it } from 'vitest';
import { defaultDeviceId, deviceCommand } from './device-command';

describe('smsgw device --clock', () => {
  it('shows --clock in its help, with its range and a default of real time, and hides the origin the harness passes', () => {
    const help = deviceCommand().helpInformation().replace(/\s+/g, ' ');
    expect(help).toMatch(
      /--clock <n>x run the app's clock n times the wall clock, 1x to 10000x: .* \(default: "1x", env: SMSGW_CLOCK\)/,
    );
    expect(help).not.toContain('--clock-origin');
  });

  it.each(['0x', '10001x', '100', 'fast'])(
    'refuses --clock %s as bad input (exit 2) before it writes or starts anything',
    async (clock) => {
      const parsing = deviceCommand().parseAsync(['--webhook', 'http://127.0.0.1:9/webhook', '--clock', clock], {
        from: 'user',
      });
      await expect(parsing).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringMatching(
          /^Expected `--clock` to be a speed like 100x \(a whole number from 1x to 10,000x\)/,
        ),
      });
    },
  );
});

describe('smsgw device --device-id, by default', () => {
  it('is named after the console port it was given', () => {
    expect(defaultDeviceId(5554, '/tmp/a.sqlite')).toBe('virtual-5554');
  });

  it('is named after its database when the system picks the port, so a restart keeps it and two devices differ', () => {
    const first = defaultDeviceId(0, '/tmp/a.sqlite');
    expect(first).toMatch(/^virtual-[0-9a-f]{8}$/);
    expect(defaultDeviceId(0, '/tmp/./a.sqlite')).toBe(first);
    expect(defaultDeviceId(0, '/tmp/b.sqlite')).not.toBe(first);
  });
});
