import { describe, expect, it } from 'vitest';
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  histogramOf,
  renderExposition,
  type MetricFamily,
} from './prometheus-text';

describe('escapeLabelValue', () => {
  it('escapes a backslash, a double quote and a line feed, and nothing else', () => {
    expect(escapeLabelValue('C:\\runs\\"soak"\nnext')).toBe('C:\\\\runs\\\\\\"soak\\"\\nnext');
    expect(escapeLabelValue("it's {ok}, =1")).toBe("it's {ok}, =1");
  });
});

describe('escapeHelp', () => {
  it('escapes a backslash and a line feed but leaves a double quote', () => {
    expect(escapeHelp('a "quoted"\\path\nline')).toBe('a "quoted"\\\\path\\nline');
  });
});

describe('formatValue', () => {
  it('writes infinities and NaN as Prometheus reads them', () => {
    expect([Infinity, -Infinity, NaN, 0, 2.5, 1e21].map(formatValue)).toEqual([
      '+Inf',
      '-Inf',
      'NaN',
      '0',
      '2.5',
      '1e+21',
    ]);
  });
});

describe('histogramOf', () => {
  it('counts cumulatively, an observation equal to a bound inside that bound, and one past every bound only in the count', () => {
    const histogram = histogramOf([0.5, 1, 1.5, 3, 10], [1, 2, 5]);
    expect(histogram.buckets).toEqual([
      { le: 1, count: 2 },
      { le: 2, count: 3 },
      { le: 5, count: 4 },
    ]);
    expect(histogram).toMatchObject({ count: 5, sum: 16 });
  });

  it('gives empty buckets and a zero count and sum for no observations', () => {
    expect(histogramOf([], [1, 2])).toEqual({
      buckets: [
        { le: 1, count: 0 },
        { le: 2, count: 0 },
      ],
      sum: 0,
      count: 0,
    });
  });
});

describe('renderExposition', () => {
  const labels = { scenario: 'soak', run_id: 'r"1\\x\ny' };

  it('writes HELP, TYPE and every sample of a counter and a gauge, label values escaped', () => {
    const families: MetricFamily[] = [
      {
        kind: 'counter',
        name: 'smsgw_injected_total',
        help: 'SMS sent\nto the "device"',
        samples: [{ labels, value: 3 }],
      },
      { kind: 'gauge', name: 'smsgw_device_queue_depth', help: 'queue', samples: [{ labels: {}, value: 0 }] },
    ];
    expect(renderExposition(families)).toBe(
      [
        '# HELP smsgw_injected_total SMS sent\\nto the "device"',
        '# TYPE smsgw_injected_total counter',
        'smsgw_injected_total{scenario="soak",run_id="r\\"1\\\\x\\ny"} 3',
        '# HELP smsgw_device_queue_depth queue',
        '# TYPE smsgw_device_queue_depth gauge',
        'smsgw_device_queue_depth 0',
        '',
      ].join('\n'),
    );
  });

  it('writes a histogram as cumulative _bucket lines ending in le="+Inf" equal to _count, then _sum and _count', () => {
    const latency = histogramOf([0.2, 0.7, 4], [0.5, 1]);
    const text = renderExposition([
      {
        kind: 'histogram',
        name: 'smsgw_latency_seconds',
        help: 'latency',
        samples: [{ labels: { device: 'a' }, ...latency }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      '# HELP smsgw_latency_seconds latency',
      '# TYPE smsgw_latency_seconds histogram',
      'smsgw_latency_seconds_bucket{device="a",le="0.5"} 1',
      'smsgw_latency_seconds_bucket{device="a",le="1"} 2',
      'smsgw_latency_seconds_bucket{device="a",le="+Inf"} 3',
      'smsgw_latency_seconds_sum{device="a"} 4.9',
      'smsgw_latency_seconds_count{device="a"} 3',
      '',
    ]);
  });

  it('refuses buckets that are not cumulative, so a wrong histogram never reaches a scraper', () => {
    const broken: MetricFamily = {
      kind: 'histogram',
      name: 'smsgw_latency_seconds',
      help: 'latency',
      samples: [
        {
          labels: {},
          buckets: [
            { le: 1, count: 3 },
            { le: 2, count: 2 },
          ],
          sum: 1,
          count: 3,
        },
      ],
    };
    expect(() => renderExposition([broken])).toThrow(/fewer than the one before/);
  });

  it('refuses a counter without _total, a bad metric or label name, and a family given twice', () => {
    const gauge = (name: string, sampleLabels = {}): Extract<MetricFamily, { kind: 'gauge' | 'counter' }> => ({
      kind: 'gauge',
      name,
      help: 'x',
      samples: [{ labels: sampleLabels, value: 1 }],
    });
    expect(() => renderExposition([{ ...gauge('smsgw_injected'), kind: 'counter' }])).toThrow(/_total/);
    expect(() => renderExposition([gauge('smsgw-injected')])).toThrow(/metric name/);
    expect(() => renderExposition([gauge('smsgw_x', { 'run-id': 'a' })])).toThrow(/label name/);
    expect(() => renderExposition([gauge('smsgw_x', { __name__: 'a' })])).toThrow(/label name/);
    expect(() => renderExposition([gauge('smsgw_x'), gauge('smsgw_x')])).toThrow(/twice/);
  });

  it('leaves out a family with no samples, and writes nothing for none', () => {
    expect(renderExposition([{ kind: 'gauge', name: 'smsgw_x', help: 'x', samples: [] }])).toBe('');
  });
});
