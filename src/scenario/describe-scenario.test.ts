import { describe, expect, it } from 'vitest';
import { describeChaosStep, describeFault, describeLoadStep, describeScenario } from './describe-scenario';
import { parseScenario } from './parse-scenario';

describe('describeLoadStep', () => {
  it.each([
    [{ kind: 'burst', count: 100, overMs: 10_000 }, '100 SMS over 10s'],
    [{ kind: 'burst', count: 5, overMs: 0 }, '5 SMS at once'],
    [{ kind: 'constant', ratePerSec: 5, forMs: 600_000 }, '5/s for 10m'],
    [{ kind: 'ramp', fromPerSec: 1, toPerSec: 50, overMs: 300_000 }, 'ramp 1/s to 50/s over 5m'],
    [{ kind: 'soak', ratePerSec: 2, forMs: 28_800_000 }, 'soak 2/s for 8h'],
  ] as const)('describes %j as %s', (step, text) => {
    expect(describeLoadStep(step)).toBe(text);
  });
});

describe('describeFault', () => {
  it.each([
    [{ kind: 'status', status: 503, rate: 0.2, retryAfterMs: 1000, window: null }, '20% 503 (Retry-After 1s)'],
    [
      { kind: 'status', status: 500, rate: 1, retryAfterMs: null, window: { atMs: 5000, forMs: 10_000 } },
      '500 at 5s for 10s',
    ],
    [{ kind: 'delay', delayMs: 300, rate: 0.1, window: null }, '10% 300ms delay'],
    [{ kind: 'reset', rate: 0.05, window: null }, '5% reset'],
    [{ kind: 'hang', rate: 0.01, window: null }, '1% hang'],
    [{ kind: 'outage', window: { atMs: 3000, forMs: 15_000 } }, 'outage at 3s for 15s'],
  ] as const)('describes %j as %s', (fault, text) => {
    expect(describeFault(fault)).toBe(text);
  });
});

describe('describeChaosStep', () => {
  it('says what happens and when', () => {
    expect(
      describeChaosStep({ at: { kind: 'percent', fraction: 0.5 }, action: { kind: 'kill', target: 'device' } }),
    ).toBe('kill device at 50%');
    expect(
      describeChaosStep({ at: { kind: 'time', ms: 30_000 }, action: { kind: 'network', state: 'off', forMs: 20_000 } }),
    ).toBe('network off at 30s for 20s');
  });
});

describe('describeScenario', () => {
  it('gives one k6-style line, and is the default description', () => {
    const scenario = parseScenario(
      [
        'name: flaky',
        'load: [{ burst: { count: 100, over: 10s } }, { constant: { rate: 5/s, for: 10m } }]',
        'messages: { text: hostile }',
        'server: { faults: [{ status: 503, rate: 20%, retryAfter: 1s }, { reset: true, rate: 0.05 }] }',
        'chaos: [{ at: 50%, kill: device }]',
      ].join('\n'),
      'flaky.yaml',
    );
    const line =
      '100 SMS over 10s, then 5/s for 10m; hostile texts; faults: 20% 503 (Retry-After 1s), 5% reset; chaos: kill device at 50%';
    expect(describeScenario(scenario)).toBe(line);
    expect(scenario.description).toBe(line);
  });

  it('names the share of repeated SMS, and says nothing of none', () => {
    const parts = { load: [{ kind: 'burst', count: 100, overMs: 10_000 }], server: { faults: [] }, chaos: [] } as const;
    expect(describeScenario({ ...parts, messages: { text: 'ascii', repeats: 0.2 } })).toBe(
      '100 SMS over 10s; 20% repeated SMS',
    );
    expect(describeScenario({ ...parts, messages: { text: 'hostile', repeats: 0.05 } })).toBe(
      '100 SMS over 10s; hostile texts; 5% repeated SMS',
    );
    expect(describeScenario({ ...parts, messages: { text: 'ascii', repeats: 0 } })).toBe('100 SMS over 10s');
  });
});
