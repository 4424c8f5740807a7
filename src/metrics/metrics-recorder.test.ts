import { describe, expect, it } from 'vitest';
import { createMetricsRecorder, type LoadSample } from './metrics-recorder';
import { healthOf, statsOf } from '../../test/support/metrics-kit';

const load = (injected: number, attempted = injected): LoadSample => ({
  planned: 100,
  attempted,
  injected,
  refused: 0,
  inDoubt: 0,
  clock: { plannedMs: 10_000, elapsedMs: 1_000, paused: false },
});
const ok = <T>(value: T) => ({ kind: 'ok' as const, value });

describe('createMetricsRecorder', () => {
  it('counts as lost so far what was acknowledged but is neither accepted nor queued', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    const snapshot = recorder.sample({
      atMs: 1000,
      phase: 'load',
      health: ok(healthOf({ queueSize: 5 })),
      stub: ok(statsOf({ accepted: 40 })),
      load: load(50),
    });
    expect(snapshot).toMatchObject({ injected: 50, accepted: 40, queueSize: 5, lostSoFar: 5 });
  });

  it('counts no duplicates from the counters: more accepted than acknowledged is an OK still on its way back', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    const snapshot = recorder.sample({
      atMs: 5_000,
      phase: 'load',
      health: ok(healthOf({ queueSize: 0 })),
      stub: ok(statsOf({ accepted: 51 })),
      load: load(50, 52),
    });
    expect(snapshot).toMatchObject({ attempted: 52, injected: 50, accepted: 51, traced: null });
  });

  it('carries the latest trace in every snapshot after it', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    recorder.sample({
      atMs: 119_000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf({ accepted: 10 })),
      load: load(10),
    });
    recorder.noteTrace({ atMs: 120_000, duplicates: 1, lost: 3 });
    const next = recorder.sample({
      atMs: 121_000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf({ accepted: 11 })),
      load: load(11),
    });
    const later = recorder.sample({
      atMs: 180_000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf({ accepted: 12 })),
      load: load(12),
    });
    expect(next.traced).toEqual({ atMs: 120_000, duplicates: 1, lost: 3 });
    expect(later.traced).toEqual({ atMs: 120_000, duplicates: 1, lost: 3 });
  });

  it('keeps the newer trace when an older one is noted after it', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    recorder.noteTrace({ atMs: 240_000, duplicates: 0, lost: 0 });
    recorder.noteTrace({ atMs: 120_000, duplicates: 2, lost: 0 });
    const snapshot = recorder.sample({
      atMs: 241_000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf()),
      load: load(1),
    });
    expect(snapshot.traced).toEqual({ atMs: 240_000, duplicates: 0, lost: 0 });
  });

  it('measures throughput in and out between two samples', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    recorder.sample({
      atMs: 1000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf({ accepted: 0 })),
      load: load(0),
    });
    const snapshot = recorder.sample({
      atMs: 3000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf({ accepted: 10 })),
      load: load(20),
    });
    expect(snapshot.throughputIn).toBe(10);
    expect(snapshot.throughputOut).toBe(5);
  });

  it('puts status changes with their reasons and first faults on the timeline, once each', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    recorder.sample({ atMs: 1000, phase: 'load', health: ok(healthOf()), stub: ok(statsOf()), load: load(1) });
    const degraded = ok(healthOf({ status: 'degraded', reasons: ['breaker open'] }));
    recorder.sample({
      atMs: 2000,
      phase: 'load',
      health: degraded,
      stub: ok(statsOf({}, { reset: 2 })),
      load: load(2),
    });
    const snapshot = recorder.sample({
      atMs: 3000,
      phase: 'load',
      health: degraded,
      stub: ok(statsOf({}, { reset: 5 })),
      load: load(3),
    });
    expect(snapshot.timeline.map((entry) => entry.text)).toEqual([
      'healthy',
      'degraded: breaker open',
      'first connection resets',
    ]);
    expect(snapshot.reasons).toEqual(['breaker open']);
  });

  it('reports an unreachable device as an error and keeps its last known numbers', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    recorder.sample({
      atMs: 1000,
      phase: 'load',
      health: ok(healthOf({ queueSize: 7 })),
      stub: ok(statsOf()),
      load: load(1),
    });
    const snapshot = recorder.sample({
      atMs: 2000,
      phase: 'load',
      health: { kind: 'unreachable', error: 'ECONNREFUSED' },
      stub: ok(statsOf()),
      load: load(1),
    });
    expect(snapshot.deviceStatus).toBe('unreachable');
    expect(snapshot.queueSize).toBe(7);
    expect(recorder.series().map((point) => point.queueSize)).toEqual([7, null]);
    expect(snapshot.errors.map((entry) => entry.text)).toEqual(['device unreachable: ECONNREFUSED']);
  });

  it('reports a new device error once, not on every sample', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    const failing = ok(healthOf({ lastError: { message: 'HTTP 503', category: 'http-transient', at: 5 } }));
    recorder.sample({ atMs: 1000, phase: 'load', health: failing, stub: ok(statsOf()), load: load(1) });
    const snapshot = recorder.sample({
      atMs: 2000,
      phase: 'load',
      health: failing,
      stub: ok(statsOf()),
      load: load(1),
    });
    expect(snapshot.errors).toEqual([{ seq: 1, atMs: 1000, text: 'device http-transient: HTTP 503' }]);
  });

  it('keeps the series bounded in a long soak and hands the dashboard only recent history', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't', maxPoints: 200 });
    let snapshot = null;
    for (let second = 0; second < 8 * 3600; second += 1) {
      snapshot = recorder.sample({
        atMs: second * 1000,
        phase: 'load',
        health: ok(healthOf()),
        stub: ok(statsOf({ accepted: second })),
        load: load(second),
      });
    }
    expect(recorder.series().length).toBeLessThanOrEqual(200);
    expect(recorder.series()[0]?.atMs).toBe(0);
    expect(snapshot?.history.length).toBe(60);
    expect(snapshot?.history.at(-1)?.atMs).toBe((8 * 3600 - 1) * 1000);
  });

  it('shows an error that keeps coming back once per 10 s, with how often it came back', () => {
    const recorder = createMetricsRecorder({ source: 'run', title: 't' });
    for (let second = 0; second <= 12; second += 1) recorder.error(second * 1000, 'device http-transient: HTTP 503');
    const snapshot = recorder.sample({
      atMs: 13_000,
      phase: 'load',
      health: ok(healthOf()),
      stub: ok(statsOf()),
      load: load(1),
    });
    expect(snapshot.errors.map((entry) => [entry.atMs, entry.text])).toEqual([
      [0, 'device http-transient: HTTP 503'],
      [10_000, 'device http-transient: HTTP 503 (again, 9 more since)'],
    ]);
  });
});
