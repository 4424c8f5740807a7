import { describe, expect, it } from 'vitest';
import { deviceCommand } from './device-command';

describe('smsgw device --clock', () => {
  it('shows --clock in its help, with its range and a default of real time, and hides the origin the harness passes', () => {
    const help = deviceCommand().helpInformation().replace(/\s+/g, ' ');
    expect(help).toMatch(/--clock <n>x run the app's clock n times the wall clock, 1x to 10000x: .* \(default: "1x"\)/);
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
