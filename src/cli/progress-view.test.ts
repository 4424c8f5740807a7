import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openProgressView, parseFps, progressMode } from './progress-view';
import { snapshotOf } from '../dashboard/sample-snapshot';

const streams = () => {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdout: process.stdout,
    stdin: process.stdin,
    text: () => text,
  };
};

describe('progressMode', () => {
  it('draws the dashboard only on a terminal, and never for --json, --quiet or --no-dashboard', () => {
    const terminal = { isTTY: true, rows: 40 };
    expect(progressMode({}, terminal)).toBe('dashboard');
    expect(progressMode({}, { isTTY: false })).toBe('lines');
    expect(progressMode({ json: true }, terminal)).toBe('none');
    expect(progressMode({ quiet: true }, { isTTY: false })).toBe('none');
    expect(progressMode({ dashboard: false }, terminal)).toBe('lines');
  });

  it('prints plain lines on a terminal of no size, where the dashboard could not redraw', () => {
    expect(progressMode({}, { isTTY: true, rows: 0 })).toBe('lines');
  });
});

describe('parseFps', () => {
  it('accepts a positive rate and names the flag when refusing one', () => {
    expect(parseFps('2.5')).toBe(2.5);
    expect(() => parseFps('0')).toThrow('Expected `--fps` to be a number above 0 and at most 30, got "0"');
    expect(() => parseFps('fast')).toThrow(/got "fast"/);
  });
});

describe('openProgressView in lines mode', () => {
  it('prints the plain progress line, throttled to one a second early on and one per 5 s later', async () => {
    const io = streams();
    const view = await openProgressView({ mode: 'lines', fps: 4, onQuit: () => undefined, ...io });
    for (let second = 1; second <= 60; second += 1) view.update(snapshotOf({ elapsedMs: second * 1000 }));
    await view.close();
    const lines = io.text().trim().split('\n');
    expect(lines[0]).toBe(
      '[   1.0s] load   sent 41/100  delivered 36  queue 4  retrying 1  failed 0  redelivered 2  faults status×3 reset×1  rss 52MB',
    );
    expect(lines.map((line) => line.slice(0, 9))).toEqual([
      ...Array.from({ length: 29 }, (_, i) => `[${`${i + 1}.0s`.padStart(7)}]`),
      ...[34, 39, 44, 49, 54, 59].map((s) => `[  ${s}.0s]`),
    ]);
  });

  it('prints nothing in quiet mode', async () => {
    const io = streams();
    const view = await openProgressView({ mode: 'none', fps: 4, onQuit: () => undefined, ...io });
    view.update(snapshotOf());
    expect(io.text()).toBe('');
  });
});
