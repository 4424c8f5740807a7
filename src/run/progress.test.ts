import { describe, expect, it } from 'vitest';
import { progressLine, type ProgressSnapshot } from './progress';

const snapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  phase: 'load',
  elapsedMs: 2_400,
  planned: 100,
  attempted: 11,
  refused: 0,
  accepted: 11,
  redeliveries: 0,
  queueSize: 1,
  retrying: 0,
  failed: 0,
  rssBytes: null,
  deviceStatus: 'healthy',
  faults: { status: 0 },
  traced: null,
  ...overrides,
});

describe('progressLine', () => {
  it('keeps the format CI logs and the e2e tests read', () => {
    expect(progressLine(snapshot())).toBe('[   2.4s] load   sent 11/100  delivered 11  queue 1  retrying 0  failed 0');
  });

  it('adds faults, memory and an unwell device only when there is something to say', () => {
    expect(
      progressLine(snapshot({ faults: { status: 3, reset: 0 }, rssBytes: 52_000_000, deviceStatus: 'unreachable' })),
    ).toBe(
      '[   2.4s] load   sent 11/100  delivered 11  queue 1  retrying 0  failed 0  faults status×3  rss 52MB  device unreachable',
    );
  });

  it('leaves out "sent" when attached, with no plan of its own', () => {
    expect(progressLine(snapshot({ phase: 'attached', planned: 0, attempted: 0 }))).toBe(
      '[   2.4s] attached  delivered 11  queue 1  retrying 0  failed 0',
    );
  });

  it('counts as sent what was written to the console, and says nothing of duplicates before the first trace', () => {
    // 50 acknowledged, 52 written, 51 accepted: one OK is still on its way back, nothing is duplicated.
    const line = progressLine(snapshot({ elapsedMs: 5_000, attempted: 52, accepted: 51, queueSize: 0 }));
    expect(line).toBe('[   5.0s] load   sent 52/100  delivered 51  queue 0  retrying 0  failed 0');
  });

  it('shows duplicates as the latest trace counted them, with how long ago that was', () => {
    const traced = { atMs: 120_000, duplicates: 1, lost: 4 };
    expect(progressLine(snapshot({ elapsedMs: 185_000, traced }))).toBe(
      '[ 185.0s] load   sent 11/100  delivered 11  queue 1  retrying 0  failed 0  duplicates 1 (traced 1m ago)',
    );
  });
});
