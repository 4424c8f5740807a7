import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { describeChaosStep } from './describe-scenario';
import { parseScenario } from './parse-scenario';

const base = 'name: f\nload:\n  - burst: { count: 20, over: 2s }\n';

function issuesOf(text: string): readonly string[] {
  try {
    parseScenario(text, 'f.yaml');
  } catch (error) {
    if (error instanceof SmsgwError) {
      expect(error.exitCode).toBe(2);
      return error.issues ?? [];
    }
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('devices: a fleet in one run', () => {
  it('keeps a scenario without `devices` a run of one device', () => {
    const scenario = parseScenario(`${base}device: emulator-5556\n`, 'f.yaml');
    expect(scenario.device).toBe('emulator-5556');
    expect(scenario.fleet).toEqual(['emulator-5556']);
  });

  it('makes `devices: 4` four virtual devices, said in the description', () => {
    const scenario = parseScenario(`${base}devices: 4\n`, 'f.yaml');
    expect(scenario.fleet).toEqual(['virtual', 'virtual', 'virtual', 'virtual']);
    expect(scenario.device).toBe('virtual');
    expect(scenario.description).toBe('20 SMS over 2s; 4 devices');
  });

  it('lets every virtual device of `devices: N` share the options `device:` gives', () => {
    const scenario = parseScenario(
      `${base}devices: 3\ndevice: { kind: virtual, clock: 100x, read-sms: denied }\n`,
      'f.yaml',
    );
    expect(scenario.fleet).toEqual(['virtual', 'virtual', 'virtual']);
    expect(scenario.deviceClock).toBe(100);
    expect(scenario.deviceReadSms).toBe(false);
  });

  it('names each device of a listed fleet, and allows a fleet of one', () => {
    expect(parseScenario(`${base}devices: [emulator-5554, emulator-5556]\n`, 'f.yaml').fleet).toEqual([
      'emulator-5554',
      'emulator-5556',
    ]);
    const one = parseScenario(`${base}devices: 1\n`, 'f.yaml');
    expect(one.fleet).toEqual(['virtual']);
    expect(one.description).toBe('20 SMS over 2s');
  });

  it('refuses a device kind beside `devices: N`, since N devices of one name are one phone', () => {
    expect(issuesOf(`${base}devices: 2\ndevice: emulator-5554\n`)).toEqual([
      'f.yaml:5:9 Expected `device` to be virtual beside `devices: 2`, got `emulator-5554`: `devices: N` makes N virtual devices that share `device:`; name the devices of a fleet in `devices: [emulator-5554, …]` and drop `device`',
    ]);
  });

  it('refuses `device` beside a list of devices', () => {
    expect(issuesOf(`${base}devices: [virtual, virtual]\ndevice: virtual\n`)).toEqual([
      'f.yaml:5:9 Expected `device` or `devices: [...]`, got both: the list names every device of the fleet, so drop `device` (virtual devices that share options are `devices: 4` with `device: { kind: virtual, … }`)',
    ]);
  });

  it('refuses a fleet of none, of too many, and of something else', () => {
    const shape =
      'Expected `devices` to be a number of virtual devices from 1 to 32 (like 4), or a list of devices (like [emulator-5554, emulator-5556])';
    expect(issuesOf(`${base}devices: 0\n`)).toEqual([`f.yaml:4:10 ${shape}, got 0`]);
    expect(issuesOf(`${base}devices: 33\n`)).toEqual([`f.yaml:4:10 ${shape}, got 33`]);
    expect(issuesOf(`${base}devices: 2.5\n`)).toEqual([`f.yaml:4:10 ${shape}, got 2.5`]);
    expect(issuesOf(`${base}devices: []\n`)).toEqual([`f.yaml:4:10 ${shape}, got a list`]);
  });

  it('refuses a listed device that is no phone of its own, with what to write', () => {
    expect(issuesOf(`${base}devices: [remote, emulator, emulatr-5556]\n`)).toEqual([
      'f.yaml:4:11 Expected `devices` to be a list of `virtual` or `emulator-<port>` (like emulator-5556), got "remote"; a remote phone is reached through one Appium console and runs alone: `device: remote`',
      'f.yaml:4:19 Expected `devices` to be a list of `virtual` or `emulator-<port>` (like emulator-5556), got "emulator"; a fleet names each emulator by its serial, so that no two entries are the same phone',
      'f.yaml:4:29 Expected `devices` to be a list of `virtual` or `emulator-<port>` (like emulator-5556), got "emulatr-5556"; did you mean `emulator-5554`?',
    ]);
  });

  it('refuses the same emulator named twice', () => {
    expect(issuesOf(`${base}devices: [emulator-5554, virtual, emulator-5554]\n`)).toEqual([
      'f.yaml:4:35 Expected each device of the fleet once, got `emulator-5554` again (device 1 and 3)',
    ]);
  });

  it('refuses fewer senders than devices, since each device has senders of its own', () => {
    expect(issuesOf(`${base}devices: 3\nmessages: { senders: 2 }\n`)).toEqual([
      "f.yaml:5:22 Expected `messages.senders` to be at least the fleet's 3 devices (each device gets senders of its own), got 2",
    ]);
  });
});

describe('a chaos step that names a device', () => {
  it('reads `device` as a 1-based index into the fleet and describes it', () => {
    const { chaos } = parseScenario(
      `${base}devices: 3\nchaos:\n  - { at: 30%, kill: app, device: 2 }\n  - { at: 60%, network: off, for: 1s }\n`,
      'f.yaml',
    );
    expect(chaos).toEqual([
      {
        at: { kind: 'percent', fraction: 0.3 },
        action: { kind: 'kill', target: 'app', restartAfterMs: 1000 },
        device: 2,
      },
      { at: { kind: 'percent', fraction: 0.6 }, action: { kind: 'network', state: 'off', forMs: 1000 } },
    ]);
    expect(chaos.map(describeChaosStep)).toEqual([
      'kill app at 30% (restart after 1s) on device 2',
      'network off at 60% for 1s',
    ]);
  });

  it('refuses a device past the fleet, naming the fleet size', () => {
    expect(issuesOf(`${base}devices: 4\nchaos:\n  - { at: 30%, kill: app, device: 5 }\n`)).toEqual([
      'f.yaml:6:35 Expected `device` to be a device of the fleet, 1 to 4 (the fleet has 4 devices), got 5',
    ]);
    expect(issuesOf(`${base}chaos:\n  - { at: 30%, kill: app, device: 2 }\n`)).toEqual([
      'f.yaml:5:35 Expected `device` to be a device of the fleet, 1 (the run has 1 device), got 2',
    ]);
    expect(issuesOf(`${base}chaos:\n  - { at: 30%, kill: app, device: 0 }\n`)).toEqual([
      "f.yaml:5:35 Expected `device` to be a device's number in the fleet, from 1 (the first), got 0",
    ]);
  });

  it('checks a step against the kind of the device it names, or of every device without one', () => {
    const fleet = `${base}devices: [virtual, emulator-5556]\nchaos:\n`;
    expect(parseScenario(`${fleet}  - { at: 10%, disk: full, for: 1s, device: 1 }\n`, 'f.yaml').chaos).toHaveLength(1);
    const refusal =
      '`disk: full` is not supported on emulator devices, which take `kill: device`, `kill: app`, `force-stop: app`, `network: off`, `network: { delay }`, `network: { speed }`, `gsm: { data: off }` and `doze: on`; run it on `device: virtual`';
    expect(issuesOf(`${fleet}  - { at: 10%, disk: full, for: 1s, device: 2 }\n`)).toEqual([`f.yaml:6:22 ${refusal}`]);
    expect(issuesOf(`${fleet}  - { at: 10%, disk: full, for: 1s }\n`)).toEqual([`f.yaml:6:22 ${refusal}`]);
  });
});
