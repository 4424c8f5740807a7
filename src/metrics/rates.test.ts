import { describe, expect, it } from 'vitest';
import { ratesOf } from './rates';
import type { MetricsPoint } from './metrics-snapshot';

const point = (atMs: number, injected: number | null, accepted: number | null): MetricsPoint => ({
  atMs,
  injected,
  accepted,
  queueSize: 0,
  latencyP50Ms: null,
  latencyP95Ms: null,
  rssBytes: null,
  faults: 0,
});

describe('ratesOf', () => {
  it('turns cumulative counters into per-second rates over uneven gaps', () => {
    expect(ratesOf([point(0, 0, 0), point(1000, 10, 5), point(3000, 30, 25)])).toEqual([
      { atMs: 1000, inPerSec: 10, outPerSec: 5 },
      { atMs: 3000, inPerSec: 10, outPerSec: 10 },
    ]);
  });

  it('gives no rate where a counter is unknown', () => {
    expect(ratesOf([point(0, null, 0), point(1000, 10, 4)])).toEqual([{ atMs: 1000, inPerSec: null, outPerSec: 4 }]);
  });
});
