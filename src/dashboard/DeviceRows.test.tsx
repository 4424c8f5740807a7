import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceRow } from '../metrics/metrics-snapshot';
import { Dashboard } from './Dashboard';
import { snapshotOf } from './sample-snapshot';

afterEach(() => cleanup());

const row = (index: number, overrides: Partial<DeviceRow> = {}): DeviceRow => ({
  index,
  label: `virtual:${41230 + index}`,
  status: 'healthy',
  sent: 25,
  acknowledged: 25,
  queueSize: 1,
  delivered: 24,
  peakRssBytes: 120_000_000,
  ...overrides,
});

describe('the dashboard of a fleet', () => {
  it('shows a row per device: its status, what it was sent, its queue, its deliveries, its peak', () => {
    const devices = [row(1), row(2, { status: 'unreachable', sent: 24, acknowledged: 23 }), row(3, { status: null })];
    const frame = render(<Dashboard snapshot={snapshotOf({ devices })} color={false} />).lastFrame() ?? '';
    expect(frame).toMatch(/device\s+status\s+sent\s+acknowledged\s+queued\s+delivered\s+peak rss/);
    expect(frame).toMatch(/1 virtual:41231\s+healthy\s+25\s+25\s+1\s+24\s+120MB/);
    expect(frame).toMatch(/2 virtual:41232\s+unreachable\s+24\s+23\s+1\s+24\s+120MB/);
    expect(frame).toMatch(/3 virtual:41233\s+—\s+25/);
  });

  it('shows no device rows for a run of one device', () => {
    const frame = render(<Dashboard snapshot={snapshotOf()} color={false} />).lastFrame() ?? '';
    expect(frame).not.toContain('acknowledged  queued');
    expect(frame).not.toMatch(/^device\s+status/m);
  });
});
