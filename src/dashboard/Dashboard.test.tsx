import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { Dashboard } from './Dashboard';
import { snapshotOf } from './sample-snapshot';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(() => cleanup());

describe('Dashboard', () => {
  it('shows the scenario, phase, time left, counters and a healthy banner', () => {
    const { lastFrame } = render(<Dashboard snapshot={snapshotOf()} color={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('smsgw run · 100 SMS in 10 s, server healthy (acceptance test)');
    expect(frame).toContain('load · elapsed 0:06 · load 0:04 of 0:10 · 0:06 left');
    expect(frame).toContain('● DEVICE HEALTHY');
    expect(frame).toMatch(
      /sent 41\/100\s+acknowledged 40\s+queued 4\s+sending 1\s+retrying 1\s+delivered 36\s+failed 0\s+lost so far 0\s+duplicates — \(not traced yet\)/,
    );
    expect(frame).toContain('redeliveries 2');
  });

  it('shows no duplicates before the first trace, even while an OK on its way back puts delivered ahead of acknowledged', () => {
    const snapshot = snapshotOf({ attempted: 52, injected: 50, accepted: 51, queueSize: 0, traced: null });
    const frame = render(<Dashboard snapshot={snapshot} color={false} />).lastFrame() ?? '';
    expect(frame).toMatch(/sent 52\/100\s+acknowledged 50\s/);
    expect(frame).toContain('delivered 51');
    expect(frame).toContain('duplicates — (not traced yet)');
  });

  it('shows duplicates as the latest trace counted them, with how long ago that was', () => {
    const snapshot = snapshotOf({ elapsedMs: 185_000, traced: { atMs: 120_000, duplicates: 1, lost: 4 } });
    expect(render(<Dashboard snapshot={snapshot} color={false} />).lastFrame()).toContain(
      'duplicates 1 (traced 1m ago)',
    );
  });

  it('shows a degraded device with the reasons it gives', () => {
    const snapshot = snapshotOf({ deviceStatus: 'degraded', reasons: ['circuit breaker open', 'queue growing'] });
    expect(render(<Dashboard snapshot={snapshot} color={false} />).lastFrame()).toContain(
      '▲ DEVICE DEGRADED — circuit breaker open; queue growing',
    );
  });

  it('shows a down device, and a stub that stopped answering', () => {
    const snapshot = snapshotOf({
      deviceStatus: 'down',
      reasons: ['queue paused: no webhook URL'],
      stubReachable: false,
    });
    const frame = render(<Dashboard snapshot={snapshot} color={false} />).lastFrame() ?? '';
    expect(frame).toContain('✖ DEVICE DOWN — queue paused: no webhook URL');
    expect(frame).toContain('STUB UNREACHABLE');
  });

  it('says the load is paused', () => {
    const snapshot = snapshotOf({ load: { plannedMs: 10_000, elapsedMs: 4_000, paused: true } });
    expect(render(<Dashboard snapshot={snapshot} color={false} />).lastFrame()).toContain('PAUSED (p to resume)');
  });

  it('draws sparklines, the stub faults and the timeline', () => {
    const frame = render(<Dashboard snapshot={snapshotOf()} color={false} />).lastFrame() ?? '';
    expect(frame).toMatch(/in\s+[▁-█]{5}\s+10\.0\/s/);
    expect(frame).toMatch(/device rss\s+[▁-█]{6}\s+52MB/);
    expect(frame).toMatch(/status 3\s+delay 0\s+reset 1/);
    expect(frame).toMatch(/0:03 chaos\s+device killed \(SIGKILL\)/);
  });

  it('prints each error once, above the live frame', () => {
    const first = snapshotOf({ errors: [{ seq: 1, atMs: 2_000, text: 'device network: ECONNRESET' }] });
    const { rerender, lastFrame } = render(<Dashboard snapshot={first} color={false} />);
    rerender(
      <Dashboard
        snapshot={{
          ...first,
          errors: [...first.errors, { seq: 2, atMs: 3_000, text: 'device http-transient: HTTP 503' }],
        }}
        color={false}
      />,
    );
    rerender(
      <Dashboard
        snapshot={{
          ...first,
          elapsedMs: 7_000,
          errors: [...first.errors, { seq: 2, atMs: 3_000, text: 'device http-transient: HTTP 503' }],
        }}
        color={false}
      />,
    );
    // In debug mode (the test renderer) each frame is everything printed above plus the live part.
    const frame = lastFrame() ?? '';
    expect(frame.match(/ECONNRESET/g)).toHaveLength(1);
    expect(frame.match(/HTTP 503/g)).toHaveLength(1);
    expect(frame.indexOf('HTTP 503')).toBeLessThan(frame.indexOf('smsgw run'));
  });

  it('stops printing errors after 500, saying where the rest are, so an error storm cannot grow memory', () => {
    const batch = (from: number) =>
      Array.from({ length: 20 }, (_, i) => ({ seq: from + i, atMs: 1_000, text: `error number ${from + i}.` }));
    const { rerender, lastFrame } = render(<Dashboard snapshot={snapshotOf({ errors: batch(1) })} color={false} />);
    for (let from = 21; from <= 600; from += 20)
      rerender(<Dashboard snapshot={snapshotOf({ errors: batch(from) })} color={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('error number 500. (no more errors shown: see device.log and report.json)');
    expect(frame).not.toContain('error number 501.');
  });

  it('calls onQuit on q and on Ctrl-C', async () => {
    const onQuit = vi.fn();
    const { stdin } = render(<Dashboard snapshot={snapshotOf()} onQuit={onQuit} />);
    await tick();
    stdin.write('q');
    stdin.write('\u0003');
    await tick();
    expect(onQuit).toHaveBeenCalledTimes(2);
  });

  it('calls onTogglePause on p, and not onQuit', async () => {
    const onQuit = vi.fn();
    const onTogglePause = vi.fn();
    const { stdin } = render(<Dashboard snapshot={snapshotOf()} onQuit={onQuit} onTogglePause={onTogglePause} />);
    await tick();
    stdin.write('p');
    await tick();
    expect(onTogglePause).toHaveBeenCalledTimes(1);
    expect(onQuit).not.toHaveBeenCalled();
  });

  it('opens and closes the help with ?', async () => {
    const { stdin, lastFrame } = render(<Dashboard snapshot={snapshotOf()} onTogglePause={() => undefined} />);
    await tick();
    expect(lastFrame()).not.toContain('pause the load, or resume it');
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('pause the load, or resume it');
    stdin.write('?');
    await tick();
    expect(lastFrame()).not.toContain('pause the load, or resume it');
  });

  it('ignores keys when told not to listen', async () => {
    const onQuit = vi.fn();
    const { stdin } = render(<Dashboard snapshot={snapshotOf()} onQuit={onQuit} keys={false} />);
    await tick();
    stdin.write('q');
    await tick();
    expect(onQuit).not.toHaveBeenCalled();
  });

  it('shows an attached device without a load of its own', () => {
    const snapshot = snapshotOf({
      source: 'attached',
      title: 'device http://127.0.0.1:8081 · stub http://127.0.0.1:8080',
      phase: 'attached',
      load: null,
      elapsedMs: 65_000,
    });
    const frame = render(<Dashboard snapshot={snapshot} color={false} />).lastFrame() ?? '';
    expect(frame).toContain('smsgw attached · device http://127.0.0.1:8081');
    expect(frame).toContain('up 1:05');
    expect(frame).toContain('pending 2');
    expect(frame).not.toContain('lost so far');
    // Nothing of ours was injected, so there is nothing to trace duplicates against.
    expect(frame).not.toContain('duplicates');
    expect(frame).not.toContain('sent ');
  });

  it('waits for the first sample without failing', () => {
    expect(render(<Dashboard snapshot={null} />).lastFrame()).toContain('waiting for the first sample');
  });
});
