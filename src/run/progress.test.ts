import { describe, expect, it } from 'vitest';
import { progressLine, type ProgressSnapshot } from './progress';

const snapshot = (overrides: Partial<ProgressSnapshot> = {}): ProgressSnapshot => ({
  phase: 'load', elapsedMs: 2_400, planned: 100, injected: 11, refused: 0, accepted: 11, redeliveries: 0,
  queueSize: 1, retrying: 0, failed: 0, rssBytes: null, deviceStatus: 'healthy', faults: { status: 0 }, ...overrides,
});

describe('progressLine', () => {
  it('keeps the format CI logs and the e2e tests read', () => {
    expect(progressLine(snapshot())).toBe('[   2.4s] load   sent 11/100  delivered 11  queue 1  retrying 0  failed 0');
  });

  it('adds faults, memory and an unwell device only when there is something to say', () => {
    expect(progressLine(snapshot({ faults: { status: 3, reset: 0 }, rssBytes: 52_000_000, deviceStatus: 'unreachable' }))).toBe(
      '[   2.4s] load   sent 11/100  delivered 11  queue 1  retrying 0  failed 0  faults status×3  rss 52MB  device unreachable',
    );
  });

  it('leaves out "sent" when attached, with no plan of its own', () => {
    expect(progressLine(snapshot({ phase: 'attached', planned: 0, injected: 0 }))).toBe('[   2.4s] attached  delivered 11  queue 1  retrying 0  failed 0');
  });
});
