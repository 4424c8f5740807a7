// The Health screen's accuracy check (verdict `dashboard_matches_server`): the numbers on the screen
// against the device's own /health, and the delivered count against the stub's ledger (what the server
// really accepted). A screen that lies to the person watching it is a defect even when the queue is right.
import type { Health } from '../../../android-app/src/engine/types';
import type { StubStats } from '../../stub/index';
import type { ScreenMetric, ScreenTexts } from '../core/screen-texts';
import { parseCount, parsePercent, type Parsed } from './screen-metrics';

export interface MetricCheck {
  readonly metric: ScreenMetric;
  /** What the screen showed, verbatim. */
  readonly shown: string | undefined;
  /** What it should have shown, and according to whom. */
  readonly expected: string;
  readonly source: 'device' | 'stub';
  readonly matches: boolean;
}

export interface HealthScreenComparison {
  readonly matches: boolean;
  /** One sentence per disagreement, e.g. "today-delivered: screen shows 101, stub accepted 100". */
  readonly mismatches: string[];
  readonly checks: MetricCheck[];
}

// The screen rounds the rate to one decimal (formatPercent): half a step is still the same number.
const PERCENT_TOLERANCE = 0.05 + 1e-9;

function check(
  metric: ScreenMetric,
  shown: string | undefined,
  parse: (text: string) => Parsed,
  expected: number | null,
  source: MetricCheck['source'],
  scale = 1,
): MetricCheck {
  const parsed = shown === undefined ? null : parse(shown);
  const want = expected === null ? null : expected * scale;
  const matches =
    parsed !== null &&
    (want === null
      ? parsed.kind === 'none'
      : parsed.kind === 'number' && Math.abs(parsed.value - want) <= (scale === 1 ? 0 : PERCENT_TOLERANCE));
  return {
    metric,
    shown,
    expected: want === null ? '—' : String(scale === 1 ? want : `${want.toFixed(1)}%`),
    source,
    matches,
  };
}

function describe(item: MetricCheck): string {
  const shown = item.shown === undefined ? 'nothing (no such element)' : JSON.stringify(item.shown);
  return `${item.metric}: screen shows ${shown}, ${item.source === 'stub' ? 'stub accepted' : 'device /health says'} ${item.expected}`;
}

/** Compares a scrape with /health and the stub; `matches` only when every check agrees. */
export function compareHealthScreen(
  scraped: ScreenTexts,
  device: Health,
  stub: Pick<StubStats, 'accepted'>,
): HealthScreenComparison {
  const checks: MetricCheck[] = [
    check('queue-size', scraped['queue-size'], parseCount, device.queueSize, 'device'),
    check('pending', scraped.pending, parseCount, device.pending, 'device'),
    check('failed', scraped.failed, parseCount, device.failed, 'device'),
    check('today-delivered', scraped['today-delivered'], parseCount, device.deliveredToday, 'device'),
    check('today-total', scraped['today-total'], parseCount, device.totalToday, 'device'),
    check('success-rate', scraped['success-rate'], parsePercent, device.successRate24h, 'device', 100),
    // Distinct keys the server accepted: on a fresh device, exactly what "delivered today" counts.
    check('today-delivered', scraped['today-delivered'], parseCount, stub.accepted, 'stub'),
  ];
  const mismatches = checks.filter((item) => !item.matches).map(describe);
  return { matches: mismatches.length === 0, mismatches, checks };
}
