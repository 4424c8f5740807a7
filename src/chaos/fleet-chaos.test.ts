import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { chaosActionsOf, type Device } from '../device/core/device';
import { SmsgwError } from '../errors';
import { startFleetChaos, targetsOf, type ChaosMember } from './chaos';

/** A device that writes what was done to it into one list the whole fleet shares, under its name. */
function recordingDevice(name: string, calls: string[], kind: Device['kind'] = 'virtual'): Device {
  const act = (call: string) => async (): Promise<void> => void calls.push(`${name}: ${call}`);
  return {
    kind,
    label: `${kind}:${name}`,
    consolePort: 1,
    healthUrl: null,
    chaosActions: chaosActionsOf[kind],
    databasePath: null,
    health: () => Promise.reject(new Error('not asked')),
    peakRssBytes: async () => null,
    setNetwork: async (online) => void calls.push(`${name}: network ${online ? 'on' : 'off'}`),
    setDiskFull: act('disk'),
    kill: act('kill'),
    restart: act('restart'),
    killApp: act('kill app'),
    forceStopApp: act('force-stop app'),
    openApp: act('open app'),
    setDoze: act('doze'),
    stop: act('stop'),
  };
}

const consoleOf = (name: string, calls: string[]): ChaosMember['injectorConsole'] => ({
  suspend: () => void calls.push(`${name}: console suspended`),
  resume: async () => void calls.push(`${name}: console resumed`),
  abandon: () => undefined,
  command: async (line: string) => {
    calls.push(`${name}: console ${line}`);
    return [];
  },
});

function fleetOf(size: number, calls: string[], kinds: readonly Device['kind'][] = []): ChaosMember[] {
  return Array.from({ length: size }, (_, position) => {
    const name = `d${position + 1}`;
    return { device: recordingDevice(name, calls, kinds[position]), injectorConsole: consoleOf(name, calls) };
  });
}

const scenarioWith = (steps: readonly string[], devices = 3) =>
  parseScenario(
    [
      'name: c',
      `devices: ${devices}`,
      'load:',
      '  - burst: { count: 30, over: 1s }',
      'chaos:',
      ...steps.map((step) => `  - ${step}`),
      '',
    ].join('\n'),
    'c.yaml',
  );

describe('chaos in a fleet', () => {
  it('acts on the device a step names, and on every device when it names none', async () => {
    const calls: string[] = [];
    const { chaos, load } = scenarioWith(['{ at: 0s, kill: app, device: 2 }', '{ at: 10ms, network: off, for: 5ms }']);
    const run = startFleetChaos(chaos, load, fleetOf(3, calls));
    await run.done;
    expect(calls.slice(0, 1)).toEqual(['d2: kill app']);
    expect(calls.slice(1).sort()).toEqual([
      'd1: network off',
      'd1: network on',
      'd2: network off',
      'd2: network on',
      'd3: network off',
      'd3: network on',
    ]);
    expect(run.timeline.map((entry) => entry.event)).toEqual(
      expect.arrayContaining([
        'device 2: app killed (SIGKILL)',
        'device 1: network off for 5 ms',
        'device 3: network on',
      ]),
    );
    expect(run.timeline.some((entry) => entry.event.startsWith('device 1: app killed'))).toBe(false);
  });

  it("cuts and reopens only the named device's console line on a power loss", async () => {
    const calls: string[] = [];
    const { chaos, load } = scenarioWith(['{ at: 0s, kill: device, device: 3 }']);
    await startFleetChaos(chaos, load, fleetOf(3, calls)).done;
    expect(calls).toEqual(['d3: console suspended', 'd3: kill', 'd3: restart', 'd3: console resumed']);
  });

  it('numbers devices from 1 when it picks the targets of a step', () => {
    const { chaos } = scenarioWith(['{ at: 0s, kill: app, device: 3 }', '{ at: 0s, kill: app }']);
    expect(targetsOf(chaos[0]!, ['a', 'b', 'c'])).toEqual([{ index: 3, member: 'c' }]);
    expect(targetsOf(chaos[1]!, ['a', 'b']).map((target) => target.index)).toEqual([1, 2]);
  });

  it('refuses before the load a step that the device it names cannot take, naming that device', () => {
    const calls: string[] = [];
    const { chaos, load } = parseScenario(
      'name: c\ndevices: [virtual, emulator-5556]\nload: [ { burst: { count: 10, over: 1s } } ]\nchaos:\n  - { at: 0s, kill: app, device: 2 }\n',
      'c.yaml',
    );
    const fleet = fleetOf(2, calls, ['virtual', 'remote']);
    const thrown = (() => {
      try {
        startFleetChaos(chaos, load, fleet);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(SmsgwError);
    expect((thrown as SmsgwError).message).toBe(
      'Chaos not supported on remote devices (device 2, remote:d2): kill app at 0ms (restart after 1s) on device 2',
    );
    expect(calls).toEqual([]);
  });

  it('refuses a scenario whose step names a device past the fleet, naming the fleet size (exit 2)', () => {
    expect(() => scenarioWith(['{ at: 0s, kill: app, device: 4 }'])).toThrow(SmsgwError);
    try {
      scenarioWith(['{ at: 0s, kill: app, device: 4 }']);
    } catch (error) {
      expect((error as SmsgwError).exitCode).toBe(2);
      expect((error as SmsgwError).issues).toEqual([
        'c.yaml:6:34 Expected `device` to be a device of the fleet, 1 to 3 (the fleet has 3 devices), got 4',
      ]);
    }
  });
});
