import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { chaosActionOf } from './chaos-schema';
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
        '{ at: 55%, kill: app, restart: 2s }',
        '{ at: 60%, kill: app }',
        '{ at: 70%, force-stop: app, for: 5s }',
        '{ at: 3s, network: off, for: 2s }',
        '{ at: 40%, disk: full, for: 10s }',
        '{ at: 30%, db: locked, for: 8s }',
      ]),
      'c.yaml',
    );
    expect(chaos).toEqual([
      { at: { kind: 'percent', fraction: 0.5 }, action: { kind: 'kill', target: 'device' } },
      { at: { kind: 'percent', fraction: 0.55 }, action: { kind: 'kill', target: 'app', restartAfterMs: 2000 } },
      { at: { kind: 'percent', fraction: 0.6 }, action: { kind: 'kill', target: 'app', restartAfterMs: 1000 } },
      { at: { kind: 'percent', fraction: 0.7 }, action: { kind: 'force-stop', target: 'app', forMs: 5000 } },
      { at: { kind: 'time', ms: 3000 }, action: { kind: 'network', state: 'off', forMs: 2000 } },
      { at: { kind: 'percent', fraction: 0.4 }, action: { kind: 'disk', state: 'full', forMs: 10_000 } },
      { at: { kind: 'percent', fraction: 0.3 }, action: { kind: 'db', state: 'locked', forMs: 8000 } },
    ]);
    expect(chaos.map(describeChaosStep)).toEqual([
      'kill device at 50%',
      'kill app at 55% (restart after 2s)',
      'kill app at 60% (restart after 1s)',
      'force-stop app at 70% for 5s',
      'network off at 3s for 2s',
      'disk full at 40% for 10s',
      'db locked at 30% for 8s',
    ]);
    expect(chaos.map(chaosActionOf)).toEqual([
      'kill: device',
      'kill: app',
      'kill: app',
      'force-stop: app',
      'network: off',
      'disk: full',
      'db: locked',
    ]);
  });

  it('names both targets of a kill and guesses a typo, at the value', () => {
    expect(issuesOf(withChaos(['{ at: 50%, kill: ap }', '{ at: 60%, kill: phone }']))).toEqual([
      'c.yaml:6:22 Expected `kill` to be `device` or `app`, got "ap"; did you mean `app`?',
      'c.yaml:7:22 Expected `kill` to be `device` or `app`, got "phone"',
    ]);
  });

  it('takes a restart delay only with `kill: app`, and only as a duration', () => {
    expect(
      issuesOf(withChaos(['{ at: 50%, kill: device, restart: 2s }', '{ at: 60%, kill: app, restart: soon }'])),
    ).toEqual([
      'c.yaml:6:39 `restart` goes only with `kill: app`; a killed device boots again at once',
      'c.yaml:7:36 Expected `restart` to be a duration like 1s or 300ms, got "soon"',
    ]);
  });

  it('takes `restart: 0` as starting the killed app again at once', () => {
    expect(parseScenario(withChaos(['{ at: 50%, kill: app, restart: 0 }']), 'c.yaml').chaos[0]?.action).toEqual({
      kind: 'kill',
      target: 'app',
      restartAfterMs: 0,
    });
  });

  it('guesses a mistyped key of a kill step', () => {
    expect(issuesOf(withChaos(['{ at: 50%, kill: app, restrat: 2s }']))).toEqual([
      'c.yaml:6:27 Unknown key `restrat`; did you mean `restart`?',
    ]);
  });

  it('points at a force-stop step with a wrong target, a missing window or a mistyped tag', () => {
    expect(
      issuesOf(
        withChaos([
          '{ at: 70%, force-stop: device, for: 5s }',
          '{ at: 70%, force-stop: app }',
          '{ at: 70%, forcestop: app, for: 5s }',
        ]),
      ),
    ).toEqual([
      'c.yaml:6:28 Expected `force-stop` to be `app`, got "device"',
      'c.yaml:7:5 Missing required key `for` in chaos[1]',
      'c.yaml:8:16 Expected each chaos step to be a map with one of `kill`, `force-stop`, `network`, `disk`, `db`, like { at: 50%, kill: device }, got `forcestop`; did you mean `force-stop`?',
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
          ['{ at: 10%, kill: app }', '{ at: 40%, disk: full, for: 10s }', '{ at: 30%, db: locked, for: 8s }'],
          'emulator-5556',
        ),
      ),
    ).toEqual([
      'c.yaml:7:22 `disk: full` is not supported on emulator devices, which take `kill: device`, `kill: app`, `force-stop: app` and `network: off`; run it on `device: virtual`',
      'c.yaml:8:20 `db: locked` is not supported on emulator devices, which take `kill: device`, `kill: app`, `force-stop: app` and `network: off`; run it on `device: virtual`',
    ]);
  });

  it('takes a power loss, an app kill and a force stop on an emulator', () => {
    expect(
      parseScenario(
        withChaos(
          ['{ at: 10%, kill: device }', '{ at: 20%, kill: app, restart: 2s }', '{ at: 30%, force-stop: app, for: 5s }'],
          'emulator',
        ),
        'c.yaml',
      ).chaos,
    ).toHaveLength(3);
  });

  it('takes every chaos step on the virtual device', () => {
    expect(
      parseScenario(
        withChaos([
          '{ at: 10%, kill: device }',
          '{ at: 20%, kill: app }',
          '{ at: 30%, force-stop: app, for: 5s }',
          '{ at: 40%, network: off, for: 1s }',
          '{ at: 50%, disk: full, for: 1s }',
          '{ at: 60%, db: locked, for: 1s }',
        ]),
        'c.yaml',
      ).chaos,
    ).toHaveLength(6);
  });

  it('refuses every chaos step on a remote device, which has no adb of ours', () => {
    expect(issuesOf(withChaos(['{ at: 3s, network: off, for: 2s }', '{ at: 5s, kill: app }'], 'remote'))).toEqual([
      'c.yaml:6:24 `network: off` is not supported on remote devices; a remote device takes no chaos steps',
      'c.yaml:7:21 `kill: app` is not supported on remote devices; a remote device takes no chaos steps',
    ]);
  });
});
