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
      'c.yaml:8:16 Expected each chaos step to be a map with one of `kill`, `force-stop`, `network`, `gsm`, `doze`, `disk`, `db`, like { at: 50%, kill: device }, got `forcestop`; did you mean `force-stop`?',
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
      'c.yaml:6:38 Unknown key `size`; expected one of `at`, `device`, `disk`, `for`',
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
      'c.yaml:7:22 `disk: full` is not supported on emulator devices, which take `kill: device`, `kill: app`, `force-stop: app`, `network: off`, `network: { delay }`, `network: { speed }`, `gsm: { data: off }` and `doze: on`; run it on `device: virtual`',
      'c.yaml:8:20 `db: locked` is not supported on emulator devices, which take `kill: device`, `kill: app`, `force-stop: app`, `network: off`, `network: { delay }`, `network: { speed }`, `gsm: { data: off }` and `doze: on`; run it on `device: virtual`',
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
  it('reads link, mobile data and Doze steps, with the link setting kept as the console takes it', () => {
    const { chaos } = parseScenario(
      withChaos([
        '{ at: 30%, network: { delay: umts }, for: 20s }',
        '{ at: 35%, network: { delay: 100:300 }, for: 5s }',
        '{ at: 40%, network: { delay: 250 }, for: 5s }',
        '{ at: 45%, network: { speed: gsm }, for: 20s }',
        '{ at: 50%, network: { speed: 14.4:57.6 }, for: 5s }',
        '{ at: 60%, gsm: { data: off }, for: 10s }',
        '{ at: 70%, doze: on, for: 60s }',
      ]),
      'c.yaml',
    );
    expect(chaos.map((step) => step.action)).toEqual([
      { kind: 'link', setting: 'delay', value: 'umts', forMs: 20_000 },
      { kind: 'link', setting: 'delay', value: '100:300', forMs: 5000 },
      { kind: 'link', setting: 'delay', value: '250', forMs: 5000 },
      { kind: 'link', setting: 'speed', value: 'gsm', forMs: 20_000 },
      { kind: 'link', setting: 'speed', value: '14.4:57.6', forMs: 5000 },
      { kind: 'gsm', data: 'off', forMs: 10_000 },
      { kind: 'doze', state: 'on', forMs: 60_000 },
    ]);
    expect(chaos.map(describeChaosStep)).toEqual([
      'network delay umts at 30% for 20s',
      'network delay 100:300 at 35% for 5s',
      'network delay 250 at 40% for 5s',
      'network speed gsm at 45% for 20s',
      'network speed 14.4:57.6 at 50% for 5s',
      'gsm data off at 60% for 10s',
      'doze on at 70% for 1m',
    ]);
    expect(new Set(chaos.map(chaosActionOf))).toEqual(
      new Set(['network: { delay }', 'network: { speed }', 'gsm: { data: off }', 'doze: on']),
    );
  });

  it('names the profiles of a link setting it cannot read, and guesses a typo, at the value', () => {
    expect(
      issuesOf(
        withChaos([
          '{ at: 30%, network: { delay: umst }, for: 20s }',
          '{ at: 30%, network: { speed: fast }, for: 20s }',
          '{ at: 30%, network: { delay: 300:100 }, for: 20s }',
        ]),
      ),
    ).toEqual([
      'c.yaml:6:34 Expected `delay` to be a profile (gsm, hscsd, gprs, umts, edge, hsdpa, lte, evdo, 5g, none), a latency in ms like 200, or a range like 100:300, got "umst"; did you mean `umts`?',
      'c.yaml:7:34 Expected `speed` to be a profile (gsm, hscsd, gprs, umts, edge, hsdpa, lte, evdo, 5g, full), a rate in kbit/s like 64, or up:down like 14.4:57.6, got "fast"',
      'c.yaml:8:34 Expected `delay` to be a profile (gsm, hscsd, gprs, umts, edge, hsdpa, lte, evdo, 5g, none), a latency in ms like 200, or a range like 100:300, got "300:100"',
    ]);
  });

  it('takes one link setting a step, a known key, and a window', () => {
    expect(
      issuesOf(
        withChaos([
          '{ at: 30%, network: { delay: umts, speed: gsm }, for: 20s }',
          '{ at: 30%, network: {}, for: 20s }',
          '{ at: 30%, network: { dealy: umts }, for: 20s }',
          '{ at: 30%, network: { delay: umts } }',
          '{ at: 30%, network: on, for: 20s }',
        ]),
      ),
    ).toEqual([
      'c.yaml:6:25 Expected `network` to have one of `delay` or `speed`, got both; split it into 2 steps',
      'c.yaml:7:25 Expected `network` to have `delay` or `speed`, like { delay: umts }, got no keys',
      'c.yaml:8:27 Unknown key `dealy`; did you mean `delay`?',
      'c.yaml:9:5 Missing required key `for` in chaos[3]',
      'c.yaml:10:25 Expected `network` to be `off`, or a map like { delay: umts } or { speed: gsm }, got "on"',
    ]);
  });

  it('takes mobile data only off and Doze only on, each with a window', () => {
    expect(
      issuesOf(
        withChaos([
          '{ at: 30%, gsm: { data: on }, for: 10s }',
          '{ at: 30%, gsm: off, for: 10s }',
          '{ at: 30%, doze: off, for: 10s }',
          '{ at: 30%, doze: on }',
        ]),
      ),
    ).toEqual([
      'c.yaml:6:29 Expected `data` to be `off`, got "on"',
      'c.yaml:7:21 Expected `gsm` to be a map of keys, got "off"',
      'c.yaml:8:22 Expected `doze` to be `on`, got "off"',
      'c.yaml:9:5 Missing required key `for` in chaos[3]',
    ]);
  });

  it('takes link, mobile data and Doze steps on an emulator, and refuses them on a remote phone', () => {
    const steps = [
      '{ at: 10%, network: { delay: edge }, for: 5s }',
      '{ at: 20%, network: { speed: umts }, for: 5s }',
      '{ at: 30%, gsm: { data: off }, for: 5s }',
      '{ at: 40%, doze: on, for: 30s }',
    ];
    expect(parseScenario(withChaos(steps, 'emulator-5556'), 'c.yaml').chaos).toHaveLength(4);
    expect(issuesOf(withChaos(steps, 'remote'))).toEqual([
      'c.yaml:6:25 `network: { delay }` is not supported on remote devices; a remote device takes no chaos steps',
      'c.yaml:7:25 `network: { speed }` is not supported on remote devices; a remote device takes no chaos steps',
      'c.yaml:8:21 `gsm: { data: off }` is not supported on remote devices; a remote device takes no chaos steps',
      'c.yaml:9:22 `doze: on` is not supported on remote devices; a remote device takes no chaos steps',
    ]);
  });
});
