import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';
import type { Health } from '../engine/types';
import type { HealthSource } from '../services/health-source';
import { fixtureNowMs, healthFixture } from '../../test/support/health-fixture';
import { colors } from '../theme/colors';
import { HealthScreen } from './HealthScreen';

/** A source that answers with `values` in turn (the last one repeats) and counts its loads. */
function sourceOf(...values: (Health | Error)[]) {
  let calls = 0;
  const source: HealthSource & { calls: () => number } = {
    calls: () => calls,
    load: () => {
      const value = values[Math.min(calls++, values.length - 1)]!;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    },
  };
  return source;
}

const colorOf = (testID: string) => StyleSheet.flatten(screen.getByTestId(testID).props.style).color;
const textOf = (testID: string) => screen.getByTestId(testID).props.children;

afterEach(() => {
  jest.useRealTimers();
});

describe('HealthScreen', () => {
  it('shows every metric with a testID and an accessibility label Appium can read', async () => {
    render(
      <HealthScreen
        source={sourceOf(
          healthFixture({
            queueSize: 3,
            pending: 2,
            failed: 1,
            successRate24h: 0.975,
            totalToday: 40,
            deliveredToday: 38,
            oldestPendingAgeMs: 12_400,
            latencyP95Ms: 850,
            retrying: 1,
          }),
        )}
      />,
    );
    expect(await screen.findByText('3')).toBeTruthy();
    const expected: Record<string, string> = {
      'queue-size': '3',
      pending: '2',
      'success-rate': '97.5%',
      failed: '1',
      'today-total': '40',
      'today-delivered': '38',
      'queue-lag': '12.4 s',
      'p95-latency': '850 ms',
      retrying: '1',
    };
    for (const [name, value] of Object.entries(expected)) expect(textOf(`metric-${name}`)).toBe(value);
    expect(screen.getByTestId('metric-queue-size').props.accessibilityLabel).toBe('Queue size: 3');
    expect(screen.getByLabelText('Success rate (24h): 97.5%')).toBeTruthy();
  });

  it('turns the queue orange above 100 and keeps it blue at 100', async () => {
    const { unmount } = render(<HealthScreen source={sourceOf(healthFixture({ queueSize: 101 }))} />);
    await screen.findByText('101');
    expect(colorOf('metric-queue-size')).toBe(colors.warn);
    unmount();
    render(<HealthScreen source={sourceOf(healthFixture({ queueSize: 100 }))} />);
    await screen.findByText('100');
    expect(colorOf('metric-queue-size')).toBe(colors.info);
  });

  it('turns the success rate red below 95% and green at 95%', async () => {
    const { unmount } = render(<HealthScreen source={sourceOf(healthFixture({ successRate24h: 0.949 }))} />);
    await screen.findByText('94.9%');
    expect(colorOf('metric-success-rate')).toBe(colors.bad);
    unmount();
    render(<HealthScreen source={sourceOf(healthFixture({ successRate24h: 0.95 }))} />);
    await screen.findByText('95.0%');
    expect(colorOf('metric-success-rate')).toBe(colors.good);
  });

  it('turns failed red as soon as one message failed', async () => {
    const { unmount } = render(<HealthScreen source={sourceOf(healthFixture({ failed: 0 }))} />);
    await screen.findByTestId('metric-failed');
    expect(colorOf('metric-failed')).toBe(colors.good);
    unmount();
    render(<HealthScreen source={sourceOf(healthFixture({ failed: 1 }))} />);
    await screen.findByTestId('metric-failed');
    expect(colorOf('metric-failed')).toBe(colors.bad);
  });

  it('shows the SMS given up on, red from the first one, where Appium reads it on a phone', async () => {
    render(<HealthScreen source={sourceOf(healthFixture({ failed: 4, gaveUp: 3 }))} />);
    await screen.findByTestId('metric-gave-up');
    expect(textOf('metric-gave-up')).toBe('3');
    expect(screen.getByTestId('metric-gave-up').props.accessibilityLabel).toBe('Given up: 3');
    expect(colorOf('metric-gave-up')).toBe(colors.bad);
  });

  it('says healthy when healthy and lists the reasons when issues are detected', async () => {
    const { unmount } = render(<HealthScreen source={sourceOf(healthFixture())} />);
    expect(await screen.findByText('System Healthy')).toBeTruthy();
    expect(screen.queryAllByTestId('status-reason')).toHaveLength(0);
    unmount();
    render(
      <HealthScreen
        source={sourceOf(
          healthFixture({ status: 'degraded', reasons: ['network offline', '2 message(s) failed in the last 24 h'] }),
        )}
      />,
    );
    expect(await screen.findByText('System Issues Detected')).toBeTruthy();
    expect(screen.getAllByTestId('status-reason').map((node) => node.props.children)).toEqual([
      '• network offline',
      '• 2 message(s) failed in the last 24 h',
    ]);
    expect(screen.getByTestId('metric-status').props.accessibilityLabel).toBe('Status: degraded');
  });

  it('shows the network state and the "Retry active" chip only while messages are retrying', async () => {
    const { unmount } = render(<HealthScreen source={sourceOf(healthFixture({ network: 'online', retrying: 0 }))} />);
    expect(await screen.findByText('Connected')).toBeTruthy();
    expect(screen.queryByTestId('retry-active-chip')).toBeNull();
    unmount();
    render(<HealthScreen source={sourceOf(healthFixture({ network: 'offline', retrying: 3 }))} />);
    expect(await screen.findByText('Disconnected')).toBeTruthy();
    expect(colorOf('metric-network')).toBe(colors.bad);
    expect(screen.getByTestId('retry-active-chip').props.accessibilityLabel).toBe('Retry active: 3 retrying');
  });

  it('shows the last error with its category and how long ago it happened', async () => {
    const lastError = {
      message: 'HTTP 503: unavailable',
      category: 'http-transient' as const,
      at: fixtureNowMs - 3 * 60_000 - 10_000,
    };
    render(<HealthScreen source={sourceOf(healthFixture({ lastError }))} />);
    expect(await screen.findByText('3 minutes ago')).toBeTruthy();
    expect(textOf('metric-last-error')).toBe('HTTP 503: unavailable');
    expect(textOf('metric-last-error-category')).toBe('http-transient');
  });

  it('says "None" when there has been no error', async () => {
    render(<HealthScreen source={sourceOf(healthFixture())} />);
    expect(await screen.findByLabelText('Last error: none')).toBeTruthy();
  });

  it('shows what the engine is doing: dispatcher, breaker, sends in flight, last claim round', async () => {
    render(
      <HealthScreen
        source={sourceOf(
          healthFixture({
            dispatcherRunning: false,
            breaker: 'open',
            inFlight: 2,
            lastRunAt: fixtureNowMs - 5 * 60_000,
          }),
        )}
      />,
    );
    expect(await screen.findByText('Stopped')).toBeTruthy();
    expect(textOf('metric-breaker')).toBe('open');
    expect(colorOf('metric-breaker')).toBe(colors.bad);
    expect(textOf('metric-in-flight')).toBe('2');
    expect(textOf('metric-last-run')).toBe('5 minutes ago');
  });

  it('refreshes by itself every 10 seconds', async () => {
    jest.useFakeTimers();
    const source = sourceOf(
      healthFixture({ queueSize: 1 }),
      healthFixture({ queueSize: 2 }),
      healthFixture({ queueSize: 3 }),
    );
    render(<HealthScreen source={source} />);
    // Not findBy*: with fake timers it advances the clock while it polls.
    await act(async () => {});
    expect(textOf('metric-queue-size')).toBe('1');
    await act(async () => jest.advanceTimersByTime(9_999));
    expect(source.calls()).toBe(1);
    await act(async () => jest.advanceTimersByTime(1));
    expect(textOf('metric-queue-size')).toBe('2');
    await act(async () => jest.advanceTimersByTime(10_000));
    expect(textOf('metric-queue-size')).toBe('3');
    expect(source.calls()).toBe(3);
  });

  it('stops refreshing once it is gone', async () => {
    jest.useFakeTimers();
    const source = sourceOf(healthFixture());
    const { unmount } = render(<HealthScreen source={source} refreshIntervalMs={1_000} />);
    await act(async () => {});
    expect(source.calls()).toBe(1);
    unmount();
    await act(async () => jest.advanceTimersByTime(5_000));
    expect(source.calls()).toBe(1);
  });

  it('loads again when the refresh button is pressed', async () => {
    const source = sourceOf(healthFixture({ failed: 0 }), healthFixture({ failed: 4 }));
    render(<HealthScreen source={source} />);
    await screen.findByTestId('metric-failed');
    fireEvent.press(screen.getByTestId('refresh-button'));
    expect(await screen.findByText('4')).toBeTruthy();
    expect(source.calls()).toBe(2);
  });

  it('loads again on pull to refresh and shows the spinner meanwhile', async () => {
    const source = sourceOf(healthFixture({ totalToday: 5 }), healthFixture({ totalToday: 6 }));
    render(<HealthScreen source={source} />);
    await screen.findByText('5');
    const control = () => screen.getByTestId('health-scroll').props.refreshControl;
    await act(async () => control().props.onRefresh());
    expect(textOf('metric-today-total')).toBe('6');
    expect(control().props.refreshing).toBe(false);
  });

  it('shows why health could not be loaded, then recovers on the next refresh', async () => {
    const source = sourceOf(new Error('device unreachable'), healthFixture({ queueSize: 7 }));
    render(<HealthScreen source={source} />);
    expect(await screen.findByText('Could not load health: device unreachable')).toBeTruthy();
    fireEvent.press(screen.getByTestId('refresh-button'));
    expect(await screen.findByText('7')).toBeTruthy();
    expect(screen.queryByTestId('health-load-error')).toBeNull();
  });
});
