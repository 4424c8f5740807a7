import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startDashboard } from './start-dashboard';
import { snapshotOf } from './sample-snapshot';

/** A control sequence after its ESC: `[`, an optional `?`, a count, a command letter. */
const CSI = /^\[(\??)(\d*)([A-Za-z])/;

/**
 * A terminal screen fed with what the dashboard writes: it follows the cursor moves and erases that
 * ink uses (CSI A, E, G, K, 2K, CR, LF; colours and modes are ignored), so a frame that leaves stale
 * lines behind shows on the screen as it would on a real terminal.
 */
function fakeScreen(columns: number, rows: number) {
  const lines: string[] = [''];
  let row = 0;
  let column = 0;
  const put = (char: string): void => {
    const line = (lines[row] ?? '').padEnd(column);
    lines[row] = line.slice(0, column) + char + line.slice(column + 1);
    column += 1;
  };
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      for (let i = 0; i < text.length; i += 1) {
        const char = text[i]!;
        if (char === '\u001b') {
          const match = CSI.exec(text.slice(i + 1));
          if (!match) continue;
          i += match[0].length;
          const [, privateMode, count, command] = match;
          const n = Number(count || '1');
          if (privateMode) continue;
          if (command === 'A') row = Math.max(0, row - n);
          else if (command === 'E') {
            row += n;
            column = 0;
          } else if (command === 'G') column = n - 1;
          else if (command === 'K') lines[row] = count === '2' ? '' : (lines[row] ?? '').slice(0, column);
          continue;
        }
        if (char === '\r') column = 0;
        // A terminal's line discipline turns LF into CR LF (onlcr).
        else if (char === '\n') {
          row += 1;
          column = 0;
          lines[row] ??= '';
        } else put(char);
      }
      done();
    },
  });
  const stdout = Object.assign(stream, { isTTY: true, columns, rows }) as unknown as NodeJS.WriteStream;
  return {
    stdout,
    text: () =>
      lines
        .map((line) => line.trimEnd())
        .join('\n')
        .trimEnd(),
  };
}

const frame = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startDashboard on a terminal', () => {
  it('redraws every frame in place: no line of an earlier frame is left on the screen', async () => {
    const screen = fakeScreen(120, 60);
    const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    const dashboard = startDashboard({ stdout: screen.stdout, stdin, fps: 20, color: false, onQuit: () => undefined });
    // The first frame is short (no sample yet); the next ones grow, then change line by line.
    await frame(100);
    for (let second = 1; second <= 4; second += 1) {
      dashboard.update(
        snapshotOf({ elapsedMs: second * 1000, attempted: second * 10, injected: second * 10, accepted: second * 10 }),
      );
      await frame(150);
    }
    await dashboard.close();
    const shown = screen.text();
    expect(shown.match(/elapsed/g)).toHaveLength(1);
    expect(shown).toContain('elapsed 0:04');
    expect(shown).not.toMatch(/waiting for the first sample/);
    expect(shown.match(/^sent /gm)).toHaveLength(1);
  });
});
