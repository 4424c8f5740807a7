import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { chaosOffsetMs } from './chaos';

const scenario = parseScenario(
  `name: c
load:
  - burst: { count: 100, over: 10s }
  - constant: { rate: 5/s, for: 10s }
chaos:
  - { at: 50%, kill: device }
  - { at: 3s, network: off, for: 2s }
`,
  'c.yaml',
);

describe('chaosOffsetMs', () => {
  it('places a percentage on the whole planned load', () => {
    expect(chaosOffsetMs(scenario.chaos[0]!, scenario.load)).toBe(10_000);
  });

  it('takes a time as it is written', () => {
    expect(chaosOffsetMs(scenario.chaos[1]!, scenario.load)).toBe(3_000);
  });
});
