import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { describeChaosStep } from './describe-scenario';
import { parseScenario } from './parse-scenario';

const withChaos = (steps: readonly string[], device = 'virtual'): string =>
  [
    'name: c',
    `device: ${device}`,
    'load:',
    '  - burst: { count: 10, over: 10s }',
    'chaos:',
    ...steps.map((step) => `  - ${step}`),
    '',
  ].join('\n');

function issuesOf(text: string): readonly string[] {
  try {
    parseScenario(text, 'c.yaml');
  } catch (error) {
    if (error instanceof SmsgwError) return error.issues ?? [];
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('chaos steps', () => {
  it('reads every kind of step into one shape with an action', () => {
    const { chaos } = parseScenario(
      withChaos([
        '{ at: 50%, kill: device }',
        '{ at: 3s, network: off, for: 2s }',
        '{ at: 40%, disk: full, for: 10s }',
        '{ at: 30%, db: locked, for: 8s }',
      ]),
      'c.yaml',
    );
    expect(chaos).toEqual([
      { at: { kind: 'percent', fraction: 0.5 }, action: { kind: 'kill', target: 'device' } },
      { at: { kind: 'time', ms: 3000 }, action: { kind: 'network', state: 'off', forMs: 2000 } },
      { at: { kind: 'percent', fraction: 0.4 }, action: { kind: 'disk', state: 'full', forMs: 10_000 } },
      { at: { kind: 'percent', fraction: 0.3 }, action: { kind: 'db', state: 'locked', forMs: 8000 } },
    ]);
    expect(chaos.map(describeChaosStep)).toEqual([
      'kill device at 50%',
      'network off at 3s for 2s',
      'disk full at 40% for 10s',
      'db locked at 30% for 8s',
    ]);
  });

  it('points at the line and column of a disk or db step that is missing its window or has a wrong word', () => {
    expect(issuesOf(withChaos(['{ at: 40%, disk: full }', '{ at: 30%, db: open, for: 8s }']))).toEqual([
      'c.yaml:6:5 Missing required key `for` in chaos[0]',
      'c.yaml:7:20 Expected `db` to be `locked`, got "open"',
    ]);
  });

  it('rejects an unknown key in a disk step at its own position', () => {
    expect(issuesOf(withChaos(['{ at: 40%, disk: full, for: 10s, size: 1GB }']))).toEqual([
      'c.yaml:6:38 Unknown key `size`; expected one of `at`, `disk`, `for`',
    ]);
  });

  it('refuses disk and db steps on an emulator, at the step, before anything starts', () => {
    expect(
      issuesOf(
        withChaos(
          ['{ at: 10%, kill: device }', '{ at: 40%, disk: full, for: 10s }', '{ at: 30%, db: locked, for: 8s }'],
          'emulator-5556',
        ),
      ),
    ).toEqual([
      'c.yaml:7:22 `disk: full` is not supported on emulator devices; run it on `device: virtual`',
      'c.yaml:8:20 `db: locked` is not supported on emulator devices; run it on `device: virtual`',
    ]);
  });

  it('refuses every chaos step on a remote device, which has no adb of ours', () => {
    expect(issuesOf(withChaos(['{ at: 3s, network: off, for: 2s }'], 'remote'))).toEqual([
      'c.yaml:6:24 `network: off` is not supported on remote devices; a remote device takes no chaos steps',
    ]);
  });
});
