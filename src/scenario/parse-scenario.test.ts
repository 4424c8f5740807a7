import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { parseScenario } from './parse-scenario';

/** Runs parseScenario expecting failure; returns the thrown SmsgwError. */
function problemsOf(text: string, file = 'bad.yaml'): SmsgwError {
  try {
    parseScenario(text, file);
  } catch (error) {
    if (error instanceof SmsgwError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

const minimal = 'name: tiny\nload:\n  - burst: { count: 10, over: 1s }\n';

describe('parseScenario', () => {
  it('fills every default of a minimal scenario', () => {
    expect(parseScenario(minimal, 'tiny.yaml')).toEqual({
      name: 'tiny',
      description: '10 SMS over 1s',
      device: 'virtual',
      fleet: ['virtual'],
      deviceClock: 1,
      deviceReadSms: true,
      seed: 1,
      server: { secret: 'smsgw-test-secret', faults: [], handlers: null },
      load: [{ kind: 'burst', count: 10, overMs: 1000 }],
      messages: { senders: 100, text: 'ascii', repeats: 0 },
      chaos: [],
      expect: {
        lost: { op: '<=', value: 0, unit: 'count', text: '0' },
        duplicates: { op: '<=', value: 0, unit: 'count', text: '0' },
        refused: { op: '<=', value: 0, unit: 'count', text: '0' },
        unanswered: { op: '<=', value: 0, unit: 'count', text: '0' },
        gave_up: { op: '<=', value: 0, unit: 'count', text: '0' },
        content_intact: true,
      },
      overrides: [],
    });
  });

  it('parses the example of docs/architecture.md into numbers', () => {
    const text = `
name: burst-100
description: 100 SMS in 10 s, server healthy (acceptance test)
device: emulator-5556
seed: 7
server:
  secret: null
  faults:
    - { status: 503, rate: 0.2, retryAfter: 1s }
    - { delay: 300ms, rate: 0.1 }
    - { reset: true, rate: 0.05 }
    - { hang: true, rate: 1%, during: { at: 5s, for: 10s } }
    - { outage: { at: 5s, for: 10s } }
load:
  - burst: { count: 100, over: 10s }
  - constant: { rate: 5/s, for: 10m }
  - ramp: { from: 1/s, to: 50/s, over: 5m }
  - soak: { rate: 2/s, for: 8h }
messages: { senders: 100, text: mixed }
chaos:
  - { at: 50%, kill: app }
  - { at: 30s, network: off, for: 20s }
expect:
  lost: 0
  duplicates: 0
  success_rate: ">= 95%"
  p95_latency: "< 2s"
  device_rss: "< 200MB"
  dashboard_matches_server: true
  drained_within: 2m
`;
    const scenario = parseScenario(text, 'design.yaml');
    expect(scenario.device).toBe('emulator-5556');
    expect(scenario.seed).toBe(7);
    expect(scenario.server).toEqual({
      secret: null,
      faults: [
        { kind: 'status', status: 503, rate: 0.2, retryAfterMs: 1000, window: null },
        { kind: 'delay', delayMs: 300, rate: 0.1, window: null },
        { kind: 'reset', rate: 0.05, window: null },
        { kind: 'hang', rate: 0.01, window: { atMs: 5000, forMs: 10_000 } },
        { kind: 'outage', window: { atMs: 5000, forMs: 10_000 } },
      ],
      handlers: null,
    });
    expect(scenario.load).toEqual([
      { kind: 'burst', count: 100, overMs: 10_000 },
      { kind: 'constant', ratePerSec: 5, forMs: 600_000 },
      { kind: 'ramp', fromPerSec: 1, toPerSec: 50, overMs: 300_000 },
      { kind: 'soak', ratePerSec: 2, forMs: 28_800_000 },
    ]);
    expect(scenario.chaos).toEqual([
      { at: { kind: 'percent', fraction: 0.5 }, action: { kind: 'kill', target: 'app', restartAfterMs: 1000 } },
      { at: { kind: 'time', ms: 30_000 }, action: { kind: 'network', state: 'off', forMs: 20_000 } },
    ]);
    expect(scenario.expect).toEqual({
      lost: { op: '<=', value: 0, unit: 'count', text: '0' },
      duplicates: { op: '<=', value: 0, unit: 'count', text: '0' },
      refused: { op: '<=', value: 0, unit: 'count', text: '0' },
      unanswered: { op: '<=', value: 0, unit: 'count', text: '0' },
      gave_up: { op: '<=', value: 0, unit: 'count', text: '0' },
      content_intact: true,
      success_rate: { op: '>=', value: 0.95, unit: 'ratio', text: '>= 95%' },
      p95_latency: { op: '<', value: 2000, unit: 'ms', text: '< 2s' },
      device_rss: { op: '<', value: 200_000_000, unit: 'bytes', text: '< 200MB' },
      dashboard_matches_server: true,
      drained_within: { op: '<=', value: 120_000, unit: 'ms', text: '2m' },
    });
    expect(scenario.description).toBe('100 SMS in 10 s, server healthy (acceptance test)');
  });

  it('reports all three mistakes of a scenario at once, each at its line and column', () => {
    const error = problemsOf(
      [
        'name: Burst 100', //                          line 1: bad name, value at col 7
        'load:',
        '  - burst: { count: -5, over: 10s }', //       line 3: count at col 21
        'messages: { senders: 100, txt: mixed }', //    line 4: unknown key at col 27
      ].join('\n'),
      'three.yaml',
    );
    expect(error.code).toBe('bad-scenario');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('three.yaml: 3 problems');
    expect(error.issues).toEqual([
      'three.yaml:1:7 Expected `name` to be lowercase letters, digits and dashes, like burst-100, got "Burst 100"',
      'three.yaml:3:21 Expected `count` to be at least 1, got -5',
      'three.yaml:4:27 Unknown key `txt`; did you mean `text`?',
    ]);
    expect(error.hint).toContain('scenario.schema.json');
  });

  it('points at an unknown key itself and lists the known keys when nothing is close', () => {
    const error = problemsOf(`${minimal}server:\n  faults:\n    - { status: 503, retryafter: 1s }\nwhatever: 1\n`);
    expect(error.issues).toEqual([
      'bad.yaml:6:22 Unknown key `retryafter`; did you mean `retryAfter`?',
      'bad.yaml:7:1 Unknown key `whatever`; expected one of `name`, `description`, `device`, `devices`, `seed`, `server`, `load`, `messages`, `chaos`, `expect`',
    ]);
  });

  it('reports YAML syntax errors together with schema problems', () => {
    const error = problemsOf('name: a\nname: b\nload:\n  - burst: { count: 0, over: 1s }\n');
    expect(error.issues).toEqual([
      'bad.yaml:2:1 YAML: Map keys must be unique',
      'bad.yaml:4:21 Expected `count` to be at least 1, got 0',
    ]);
  });

  it('reports a missing key at the map that lacks it', () => {
    const error = problemsOf('load:\n  - burst: { over: 10s }\n');
    expect(error.issues).toEqual([
      'bad.yaml:1:1 Missing required key `name` in the scenario',
      'bad.yaml:2:12 Missing required key `count` in burst',
    ]);
  });

  it('reports an empty value at its key', () => {
    expect(problemsOf('name: x\nload:\n  - ramp:\n').issues).toEqual([
      'bad.yaml:3:5 Expected `ramp` to be a map of keys, got null (an empty value)',
    ]);
  });

  it.each([
    ['', 'bad.yaml:1:1 Expected the scenario to be a map of keys, got null (an empty value)'],
    ['- a\n', 'bad.yaml:1:1 Expected the scenario to be a map of keys, got a list'],
    ['just text', 'bad.yaml:1:1 Expected the scenario to be a map of keys, got "just text"'],
  ])('rejects a file that is not a map: %j', (text, issue) => {
    expect(problemsOf(text).issues).toEqual([issue]);
  });

  it('names the load step, fault or chaos step the author meant by its key', () => {
    const error = problemsOf(
      [
        'name: x',
        'load:',
        '  - brust: { count: 1, over: 1s }',
        '  - 5',
        '  - { burst: { count: 1, over: 1s }, soak: { rate: 1/s, for: 1s } }',
        'server:',
        '  faults: [{ delay: fast }, { reset: false }]',
        'chaos: [{ at: 150%, kill: device }, { at: 1s, network: on, for: 1s }]',
      ].join('\n'),
    );
    expect(error.issues).toEqual([
      'bad.yaml:3:5 Expected each load step to be a map with one of `burst`, `constant`, `ramp`, `soak`, like { burst: { count: 100, over: 10s } }, got `brust`; did you mean `burst`?',
      'bad.yaml:4:5 Expected each load step to be a map with one of `burst`, `constant`, `ramp`, `soak`, like { burst: { count: 100, over: 10s } }, got 5',
      'bad.yaml:5:38 Expected each load step to have only one of `burst`, `constant`, `ramp`, `soak`, got `burst`, `soak`; split it into 2 items',
      'bad.yaml:7:21 Expected `delay` to be a duration like 1s or 300ms, got "fast"',
      'bad.yaml:7:38 Expected `reset` to be true',
      'bad.yaml:8:15 Expected `at` to be a share of the load from 0% to 100%, got "150%"',
      'bad.yaml:8:56 Expected `network` to be `off`, or a map like { delay: umts } or { speed: gsm }, got "on"',
    ]);
  });

  it('words bad values the way execa words bad options', () => {
    const error = problemsOf(
      [
        'name: x',
        'device: virtul',
        'seed: 1.5',
        'load: [{ constant: { rate: 5, for: 10 } }]',
        'messages: { text: asci }',
        'expect: { success_rate: 95, p95_latency: "< 2", device_rss: 200, dashboard_matches_server: yes }',
      ].join('\n'),
    );
    expect(error.issues).toEqual([
      'bad.yaml:2:9 Expected `device` to be virtual, emulator, emulator-<port> (like emulator-5556) or remote, got "virtul"; did you mean `virtual`?',
      'bad.yaml:3:7 Expected `seed` to be a whole number, got 1.5',
      'bad.yaml:4:28 Expected `rate` to be a rate like 5/s or 300/m, got 5 (add a unit: 5/s or 5/m)',
      'bad.yaml:4:36 Expected `for` to be a duration like 1s or 300ms, got 10 (add a unit: 10s or 10ms)',
      'bad.yaml:5:19 Expected `text` to be one of ascii, unicode, multipart, mixed, hostile, got "asci"; did you mean `ascii`?',
      'bad.yaml:6:25 Expected `success_rate` to be a threshold with a ratio like ">= 95%", got 95',
      'bad.yaml:6:42 Expected `p95_latency` to be a threshold with a time like "< 2s", got "< 2"',
      'bad.yaml:6:61 Expected `device_rss` to be a threshold with a size like "< 200MB", got 200',
      'bad.yaml:6:92 Expected `dashboard_matches_server` to be true or false, got "yes"',
    ]);
  });

  it('holds hard limits so a typo cannot start an endless run', () => {
    const error = problemsOf(
      [
        'name: x',
        'load:',
        '  - burst: { count: 20000000, over: 8d }',
        '  - soak: { rate: 2/h, for: 10m }',
        '  - constant: { rate: 100/s, for: 7d }',
        '  - constant: { rate: 10/s, for: 0s }',
      ].join('\n'),
    );
    expect(error.issues).toEqual([
      'bad.yaml:3:21 Expected `count` to be at most 10,000,000, got 20000000',
      'bad.yaml:3:37 Expected `over` to be at most 7d, got "8d"',
      'bad.yaml:4:11 Expected the soak step to send at least one SMS, but soak 2/h for 10m sends none',
      'bad.yaml:6:34 Expected `for` to be more than 0ms, got "0s"',
    ]);
    expect(
      problemsOf('name: x\nload:\n  - constant: { rate: 100/s, for: 7d }\n  - burst: { count: 1, over: 1s }\n').issues,
    ).toEqual([
      'bad.yaml:3:3 Expected `load` to send at most 10,000,000 SMS in all, got 60,480,001',
      'bad.yaml:3:3 Expected `load` to last at most 7d in all, got 7d1s',
    ]);
  });

  it('reads `messages.repeats` as a share, written as a percent or a fraction', () => {
    expect(parseScenario(`${minimal}messages: { repeats: 20% }\n`, 'x.yaml').messages).toEqual({
      senders: 100,
      text: 'ascii',
      repeats: 0.2,
    });
    expect(parseScenario(`${minimal}messages: { repeats: 0.05 }\n`, 'x.yaml').messages.repeats).toBe(0.05);
    expect(parseScenario(`${minimal}messages: { repeats: 100% }\n`, 'x.yaml').messages.repeats).toBe(1);
    expect(parseScenario(`${minimal}messages: { repeats: 0% }\n`, 'x.yaml').messages.repeats).toBe(0);
  });

  it('says what `messages.repeats` takes when it gets something else', () => {
    const issueOf = (value: string) => problemsOf(`${minimal}messages: { repeats: ${value} }\n`).issues;
    expect(issueOf('120%')).toEqual([
      'bad.yaml:4:22 Expected `messages.repeats` to be a percentage from 0% to 100%, got "120%"',
    ]);
    expect(issueOf('1.5')).toEqual([
      'bad.yaml:4:22 Expected `messages.repeats` to be a percentage from 0% to 100%, got 1.5',
    ]);
    expect(issueOf('-0.1')).toEqual([
      'bad.yaml:4:22 Expected `messages.repeats` to be a percentage from 0% to 100%, got -0.1',
    ]);
    expect(issueOf('often')).toEqual([
      'bad.yaml:4:22 Expected `messages.repeats` to be a percentage from 0% to 100%, got "often"',
    ]);
    expect(issueOf('true')).toEqual([
      'bad.yaml:4:22 Expected `messages.repeats` to be a percentage from 0% to 100%, got true',
    ]);
  });

  it('reads `refused` and `unanswered` as at-most counts, 0 when omitted', () => {
    const scenario = parseScenario(`${minimal}expect: { refused: 3, unanswered: "< 2" }\n`, 'x.yaml');
    expect(scenario.expect.refused).toEqual({ op: '<=', value: 3, unit: 'count', text: '3' });
    expect(scenario.expect.unanswered).toEqual({ op: '<', value: 2, unit: 'count', text: '< 2' });
  });

  it('reads `gave_up` as an at-most count, 0 when omitted', () => {
    expect(parseScenario(`${minimal}expect: { gave_up: 20 }\n`, 'x.yaml').expect.gave_up).toEqual({
      op: '<=',
      value: 20,
      unit: 'count',
      text: '20',
    });
    expect(problemsOf(`${minimal}expect: { gave_up: lots }\n`).issues).toEqual([
      expect.stringMatching(/^bad\.yaml:4:20 Expected `gave_up` to be a threshold with a count/),
    ]);
  });

  it('reads `device` as a word or as a map with a clock for the virtual device, and says how fast it runs', () => {
    const device = (text: string) => {
      const scenario = parseScenario(`${minimal}device: ${text}\n`, 'x.yaml');
      return [scenario.device, scenario.deviceClock];
    };
    expect(device('virtual')).toEqual(['virtual', 1]);
    expect(device('emulator-5556')).toEqual(['emulator-5556', 1]);
    expect(device('{ kind: virtual }')).toEqual(['virtual', 1]);
    expect(device('{ kind: virtual, clock: 100x }')).toEqual(['virtual', 100]);
    expect(device('{ kind: remote }')).toEqual(['remote', 1]);
    expect(parseScenario(`${minimal}device: { kind: virtual, clock: 10000x }\n`, 'x.yaml').description).toBe(
      '10 SMS over 1s; device clock 10000x',
    );
  });

  it('refuses a clock on any device but the virtual one, and a clock out of range, before the run (exit 2)', () => {
    const error = problemsOf(`${minimal}device: { kind: emulator, clock: 100x }\n`);
    expect(error.exitCode).toBe(2);
    expect(error.issues).toEqual([
      'bad.yaml:4:34 Expected `clock` only with `kind: virtual`: the clock of device `emulator` is not ours to speed up, it runs in real time',
    ]);
    expect(problemsOf(`${minimal}device: { kind: emulator-5556, clock: 1x }\n`).issues).toEqual([
      expect.stringMatching(/^bad\.yaml:4:39 Expected `clock` only with `kind: virtual`/),
    ]);
    for (const [clock, column] of [
      ['0x', 33],
      ['10001x', 33],
      ['100', 33],
      ['1.5x', 33],
      ['fast', 33],
    ] as const)
      expect(problemsOf(`${minimal}device: { kind: virtual, clock: ${clock} }\n`).issues, clock).toEqual([
        expect.stringMatching(
          new RegExp(
            `^bad\\.yaml:4:${column} Expected \`clock\` to be a speed like 100x \\(a whole number from 1x to 10,000x\\), got `,
          ),
        ),
      ]);
  });

  it('reads whether the virtual app may read the SMS store, granted unless the scenario denies it', () => {
    const readSms = (text: string) => parseScenario(`${minimal}device: ${text}\n`, 'x.yaml').deviceReadSms;
    expect(readSms('virtual')).toBe(true);
    expect(readSms('{ kind: virtual, read-sms: granted }')).toBe(true);
    expect(readSms('{ kind: virtual, read-sms: denied }')).toBe(false);
  });

  it('refuses read-sms on any device but the virtual one, and a word it does not know, before the run (exit 2)', () => {
    const error = problemsOf(`${minimal}device: { kind: emulator, read-sms: denied }\n`);
    expect(error.exitCode).toBe(2);
    expect(error.issues).toEqual([
      expect.stringMatching(
        /^bad\.yaml:4:\d+ Expected `read-sms` only with `kind: virtual`: on device `emulator` the app's permissions are the phone's/,
      ),
    ]);
    expect(problemsOf(`${minimal}device: { kind: virtual, read-sms: deny }\n`).issues).toEqual([
      expect.stringMatching(/^bad\.yaml:4:\d+ Expected `read-sms` to be `granted` or `denied`, got "deny"$/),
    ]);
  });

  it('points at what is wrong inside a device map: a typo of a key, a missing kind, an unknown kind', () => {
    expect(problemsOf(`${minimal}device: { kind: virtual, clok: 100x }\n`).issues).toEqual([
      'bad.yaml:4:26 Unknown key `clok`; did you mean `clock`?',
    ]);
    expect(problemsOf(`${minimal}device: { clock: 100x }\n`).issues).toEqual([
      'bad.yaml:4:9 Missing required key `kind` in device',
    ]);
    expect(problemsOf(`${minimal}device: { kind: virtul }\n`).issues).toEqual([
      'bad.yaml:4:17 Expected `device` to be virtual, emulator, emulator-<port> (like emulator-5556) or remote, got "virtul"; did you mean `virtual`?',
    ]);
    expect(problemsOf(`${minimal}device: 5\n`).issues).toEqual([
      'bad.yaml:4:9 Expected `device` to be virtual, emulator, emulator-<port> (like emulator-5556) or remote, got 5',
    ]);
  });

  it('says "1 problem" for one', () => {
    expect(problemsOf('name: x\nload: []\n').message).toBe('bad.yaml: 1 problem');
  });

  it('stops a billion-laughs file instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level += 1)
      lines.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + level)}`)
          .join(', ')}]`,
      );
    expect(problemsOf(lines.join('\n')).issues[0]).toMatch(/^bad\.yaml:1:1 YAML: .*alias/i);
  });

  it('reads the redirect and TLS faults, in order among the others', () => {
    const text = `${minimal}server:\n  faults:\n    - { redirect: 301, to: /elsewhere, rate: 10%, during: { at: 1s, for: 5s } }\n    - { tls: self-signed }\n    - { redirect: 308, to: /moved }\n`;
    expect(parseScenario(text, 'redirect.yaml').server.faults).toEqual([
      { kind: 'redirect', status: 301, to: '/elsewhere', rate: 0.1, window: { atMs: 1000, forMs: 5000 } },
      { kind: 'tls', certificate: 'self-signed' },
      { kind: 'redirect', status: 308, to: '/moved', rate: 1, window: null },
    ]);
  });

  it('refuses a redirect that is no 3xx it knows, one to no path, and a TLS mode it does not have', () => {
    const error = problemsOf(
      `${minimal}server:\n  faults:\n    - { redirect: 303, to: /x }\n    - { redirect: 302, to: elsewhere }\n    - { redirect: 302, to: /_smsgw/stats }\n    - { tls: trusted }\n`,
    );
    expect(error.issues).toEqual([
      expect.stringMatching(/^bad\.yaml:6:\d+ .*`redirect`.*301, 302, 307 or 308/),
      expect.stringMatching(/^bad\.yaml:7:\d+ .*`to`.*a path like \/elsewhere/),
      expect.stringMatching(/^bad\.yaml:8:\d+ .*`to`.*outside \/_smsgw/),
      expect.stringMatching(/^bad\.yaml:9:\d+ .*`tls`.*`self-signed`/),
    ]);
  });

  it('takes server.handlers relative to the scenario file', () => {
    const text = `${minimal}server:\n  handlers: ./my-handlers.ts\n`;
    expect(parseScenario(text, '/work/scenarios/mine.yaml').server.handlers).toBe('/work/scenarios/my-handlers.ts');
    expect(problemsOf(`${minimal}server:\n  handlers: ''\n`).issues).toEqual([
      expect.stringMatching(/^bad\.yaml:5:\d+ .*`handlers`.*the path of a module/),
    ]);
  });
});
