import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { evaluateVerdicts, type RunMeasurements } from './verdicts';

const expectations = parseScenario(
  `name: g
load: [ { soak: { rate: 2/s, for: 1h } } ]
expect:
  rss_growth: "< 5MB/h"
  db_growth: "< 50MB/h"
`,
  'g.yaml',
).expect;

const base: RunMeasurements = {
  injected: 10,
  sent: 10,
  refused: 0,
  unanswered: { count: 0, neverDelivered: 0 },
  gaveUp: 0,
  delivered: 10,
  lost: 0,
  duplicates: 0,
  successRate: 1,
  latencyP95Ms: 40,
  deviceRssBytes: 90e6,
  drainedWithinMs: 300,
  dashboardMatchesServer: null,
  corrupted: { count: 0, samples: [] },
};
const named = (measured: RunMeasurements, name: string) =>
  evaluateVerdicts(expectations, measured).find((verdict) => verdict.name === name);

describe('growth verdicts', () => {
  it('passes flat memory and shows the slope per hour', () => {
    expect(named({ ...base, rssGrowthBytesPerHour: 1e6 }, 'rss_growth')).toMatchObject({
      expected: '< 5MB/h',
      actual: '1MB/h',
      value: 1e6,
      passed: true,
    });
  });

  it('fails a leak of 12 MB an hour', () => {
    expect(named({ ...base, rssGrowthBytesPerHour: 12e6 }, 'rss_growth')).toMatchObject({
      actual: '12MB/h',
      passed: false,
    });
  });

  it('fails a database that grows faster than allowed', () => {
    expect(named({ ...base, dbGrowthBytesPerHour: 80e6 }, 'db_growth')).toMatchObject({
      expected: '< 50MB/h',
      passed: false,
    });
  });

  it('fails, saying why, when the run was too short to measure a slope', () => {
    expect(named({ ...base, rssGrowthBytesPerHour: null }, 'rss_growth')).toMatchObject({
      actual: 'not measured',
      passed: false,
      detail: expect.stringMatching(/warm-up/),
    });
  });

  it('rejects a growth written without a time unit', () => {
    const parse = () =>
      parseScenario(
        'name: g\nload: [ { burst: { count: 1, over: 1s } } ]\nexpect: { rss_growth: "< 5MB" }\n',
        'g.yaml',
      );
    expect(parse).toThrow(expect.objectContaining({ issues: [expect.stringMatching(/rss_growth.*5MB\/h/)] }));
  });
});
