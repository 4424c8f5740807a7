import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/index';
import { chaosActionsOf, type Device } from '../device/core/device';
import { SmsgwError } from '../errors';
import { chaosOffsetMs, startChaos } from './chaos';

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

/** A device that records what was done to it, in order. */
function recordingDevice(
  kind: Device['kind'] = 'virtual',
  databasePath: string | null = null,
): Device & { calls: string[] } {
  const calls: string[] = [];
  const act = (call: string) => async (): Promise<void> => void calls.push(call);
  return {
    calls,
    kind,
    label: `${kind}:1`,
    consolePort: 1,
    healthUrl: null,
    chaosActions: chaosActionsOf[kind],
    databasePath,
    health: () => Promise.reject(new Error('not asked')),
    peakRssBytes: async () => null,
    setNetwork: async (online) => void calls.push(`network ${online ? 'on' : 'off'}`),
    setDiskFull: async (full) => void calls.push(`disk ${full ? 'full' : 'freed'}`),
    kill: act('kill'),
    restart: act('restart'),
    killApp: async ({ restartAfterMs }) => void calls.push(`kill app, restart after ${restartAfterMs} ms`),
    forceStopApp: act('force-stop app'),
    openApp: act('open app'),
    setDoze: async (dozing) => void calls.push(`doze ${dozing ? 'on' : 'off'}`),
    stop: act('stop'),
  };
}

const quietConsole = { suspend: () => {}, resume: async () => {}, abandon: () => {}, command: async () => [] };

/** An injector console that notes its suspends, resumes and commands in the device's call list, so their order shows. */
const recordingConsole = (calls: string[]) => ({
  suspend: () => void calls.push('console suspended'),
  resume: async (port: number) => void calls.push(`console resumed on ${port}`),
  abandon: (reason: unknown) => void calls.push(`console abandoned: ${(reason as Error).message}`),
  command: async (line: string) => {
    calls.push(`console: ${line}`);
    return [];
  },
});

/** Steps at ms offsets over a 1 s load. */
const chaosOf = (steps: readonly string[], device = 'virtual') =>
  parseScenario(
    [
      'name: c',
      `device: ${device}`,
      'load:',
      '  - burst: { count: 10, over: 1s }',
      'chaos:',
      ...steps.map((s) => `  - ${s}`),
      '',
    ].join('\n'),
    'c.yaml',
  );

describe('startChaos', () => {
  it('runs steps one at a time in time order, each window closed before the next step starts', async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf([
      '{ at: 10ms, disk: full, for: 80ms }',
      '{ at: 20ms, network: off, for: 10ms }',
      '{ at: 30ms, kill: device }',
    ]);
    const run = startChaos(chaos, load, device, quietConsole);
    await run.done;
    expect(device.calls).toEqual(['disk full', 'disk freed', 'network off', 'network on', 'kill', 'restart']);
    expect(run.timeline.map((event) => event.event)).toEqual([
      'disk full for 80 ms',
      'disk space freed',
      'network off for 10 ms',
      'network on',
      'device killed (SIGKILL)',
      'device restarted on the same database',
    ]);
    // The disk stays full for its whole window.
    expect(run.timeline[1]!.atMs - run.timeline[0]!.atMs).toBeGreaterThanOrEqual(75);
  });

  it("holds the device's database locked from this process for the window, then lets go", async () => {
    const path = join(mkdtempSync(join(os.tmpdir(), 'smsgw-chaos-')), 'device.sqlite');
    const setup = new Database(path);
    setup.pragma('journal_mode = WAL');
    setup.exec('CREATE TABLE t (x)');
    setup.close();
    const probe = new Database(path, { timeout: 0 });
    const write = (): string => {
      try {
        probe.exec('INSERT INTO t VALUES (1)');
        return 'written';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    const { chaos, load } = chaosOf(['{ at: 0s, db: locked, for: 300ms }']);
    const run = startChaos(chaos, load, recordingDevice('virtual', path), quietConsole);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const during = write();
    await run.done;
    const after = write();
    probe.close();
    expect({ during, after }).toEqual({ during: 'SQLITE_BUSY', after: 'written' });
    expect(run.timeline.map((event) => event.event)).toEqual([
      'database locked by another process for 300 ms',
      'database unlocked',
    ]);
  });

  it('refuses, before any step runs, a step the device cannot take', () => {
    const { chaos, load } = chaosOf(['{ at: 10ms, kill: app }', '{ at: 20ms, disk: full, for: 1s }']);
    const device = recordingDevice('emulator');
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(SmsgwError);
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(
      'Chaos not supported on emulator devices (emulator:1): disk full at 20ms for 1s',
    );
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(
      expect.objectContaining({
        hint: 'this device takes `kill: device`, `kill: app`, `force-stop: app`, `network: off`, `network: { delay }`, `network: { speed }`, `gsm: { data: off }` and `doze: on`; the rest need `device: virtual`',
      }),
    );
    expect(device.calls).toEqual([]);
  });

  it('cuts the power with the console line dropped, and boots the device again before reopening it', async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf(['{ at: 0s, kill: device }']);
    const run = startChaos(chaos, load, device, recordingConsole(device.calls));
    await run.done;
    expect(device.calls).toEqual(['console suspended', 'kill', 'restart', 'console resumed on 1']);
    expect(run.timeline.map((event) => event.event)).toEqual([
      'device killed (SIGKILL)',
      'device restarted on the same database',
    ]);
  });

  it('gives up the held console line, and tells the run, when the device does not come back after a power loss', async () => {
    const device = { ...recordingDevice(), restart: () => Promise.reject(new Error('no ready line within 30s')) };
    const { chaos, load } = chaosOf(['{ at: 0s, kill: device }']);
    const failures: string[] = [];
    const run = startChaos(chaos, load, device, recordingConsole(device.calls), (step, error) =>
      failures.push(`${step}: ${(error as Error).message}`),
    );
    await expect(run.done).rejects.toThrow('no ready line within 30s');
    expect(device.calls).toEqual(['console suspended', 'kill', 'console abandoned: no ready line within 30s']);
    expect(failures).toEqual(['kill device at 0ms: no ready line within 30s']);
  });

  it("kills the app alone with the step's restart delay, and leaves the console line to the radio", async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf(['{ at: 0s, kill: app, restart: 2s }', '{ at: 10ms, kill: app }']);
    const run = startChaos(chaos, load, device, recordingConsole(device.calls));
    await run.done;
    expect(device.calls).toEqual(['kill app, restart after 2000 ms', 'kill app, restart after 1000 ms']);
    expect(run.timeline.map((event) => event.event)).toEqual(['app killed (SIGKILL)', 'app killed (SIGKILL)']);
  });

  it('refuses a power loss before any step runs on an emulator that does not know its AVD', () => {
    const { chaos, load } = chaosOf(['{ at: 10ms, kill: app }', '{ at: 20ms, kill: device }'], 'emulator');
    const device = {
      ...recordingDevice('emulator'),
      chaosActions: chaosActionsOf.emulator.filter((action) => action !== 'kill: device'),
    };
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(
      expect.objectContaining({
        code: 'bad-scenario',
        message: expect.stringContaining('emulator devices (emulator:1)'),
      }),
    );
    expect(device.calls).toEqual([]);
  });

  it('kills the app on an emulator, which takes `kill: app`', async () => {
    const device = recordingDevice('emulator');
    const { chaos, load } = chaosOf(['{ at: 0s, kill: app, restart: 5s }'], 'emulator');
    await startChaos(chaos, load, device, recordingConsole(device.calls)).done;
    expect(device.calls).toEqual(['kill app, restart after 5000 ms']);
  });

  it('force-stops the app for its window, then opens it again, without touching the console line', async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf(['{ at: 0s, force-stop: app, for: 80ms }']);
    const run = startChaos(chaos, load, device, recordingConsole(device.calls));
    await run.done;
    expect(device.calls).toEqual(['force-stop app', 'open app']);
    expect(run.timeline.map((event) => event.event)).toEqual(['app force-stopped for 80 ms', 'app opened again']);
    // The app stays stopped for its whole window.
    expect(run.timeline[1]!.atMs - run.timeline[0]!.atMs).toBeGreaterThanOrEqual(75);
  });

  it('opens a force-stopped app again at once when the run is cancelled mid-window', async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf(['{ at: 0s, force-stop: app, for: 1m }']);
    const run = startChaos(chaos, load, device, quietConsole);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelledAt = Date.now();
    run.cancel();
    await run.done;
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    expect(device.calls).toEqual(['force-stop app', 'open app']);
    expect(run.timeline.at(-1)?.event).toBe('app opened again');
  });

  it('fails the step with a clear error on a device that cannot kill or force-stop its app alone', async () => {
    const { killApp: _kill, forceStopApp: _stop, openApp: _open, ...bare } = recordingDevice();
    const device: Device = bare;
    const killed = startChaos(chaosOf(['{ at: 0s, kill: app }']).chaos, [], device, quietConsole);
    await expect(killed.done).rejects.toThrow('virtual:1 cannot kill its app alone');
    const stopped = startChaos(chaosOf(['{ at: 0s, force-stop: app, for: 1s }']).chaos, [], device, quietConsole);
    await expect(stopped.done).rejects.toThrow('virtual:1 cannot force-stop its app and open it again');
    expect(stopped.timeline.at(-1)?.event).toBe(
      'force-stop app at 0ms for 1s failed: virtual:1 cannot force-stop its app and open it again',
    );
  });

  it('ends a running window early on cancel, so the network comes back and the disk is freed', async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf(['{ at: 0s, disk: full, for: 1m }', '{ at: 500ms, network: off, for: 1m }']);
    const run = startChaos(chaos, load, device, quietConsole);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const cancelledAt = Date.now();
    run.cancel();
    await run.done;
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    // The network step had not started: it never runs.
    expect(device.calls).toEqual(['disk full', 'disk freed']);
  });

  it('notes a failing step in the timeline and fails the run', async () => {
    const device = { ...recordingDevice(), setDiskFull: () => Promise.reject(new Error('no route')) };
    const { chaos, load } = chaosOf(['{ at: 0s, disk: full, for: 10ms }']);
    const run = startChaos(chaos, load, device, quietConsole);
    await expect(run.done).rejects.toThrow('no route');
    expect(run.timeline.at(-1)?.event).toBe('disk full at 0ms for 10ms failed: no route');
  });
  it("slows the link and cuts mobile data through the device's console, and sets each back after its window", async () => {
    const device = recordingDevice();
    const { chaos, load } = chaosOf([
      '{ at: 0s, network: { delay: umts }, for: 20ms }',
      '{ at: 5ms, network: { speed: 14.4:57.6 }, for: 20ms }',
      '{ at: 10ms, gsm: { data: off }, for: 20ms }',
    ]);
    const run = startChaos(chaos, load, device, recordingConsole(device.calls));
    await run.done;
    expect(device.calls).toEqual([
      'console: network delay umts',
      'console: network delay none',
      'console: network speed 14.4:57.6',
      'console: network speed full',
      'console: gsm data off',
      'console: gsm data on',
    ]);
    expect(run.timeline.map((event) => event.event)).toEqual([
      'network delay umts for 20 ms',
      'network delay none',
      'network speed 14.4:57.6 for 20 ms',
      'network speed full',
      'gsm data off for 20 ms',
      'gsm data on',
    ]);
  });

  it('puts the device in Doze for its window and wakes it, also at once when the run is cancelled', async () => {
    const device = recordingDevice('emulator');
    const whole = startChaos(chaosOf(['{ at: 0s, doze: on, for: 20ms }'], 'emulator').chaos, [], device, quietConsole);
    await whole.done;
    expect(whole.timeline.map((event) => event.event)).toEqual(['doze on for 20 ms', 'doze off']);
    const cancelled = startChaos(chaosOf(['{ at: 0s, doze: on, for: 1m }']).chaos, [], device, quietConsole);
    await new Promise((resolve) => setTimeout(resolve, 50));
    cancelled.cancel();
    await cancelled.done;
    expect(device.calls).toEqual(['doze on', 'doze off', 'doze on', 'doze off']);
  });

  it('sets the link back even when the run is cancelled mid-window, and fails a step the console refuses', async () => {
    const device = recordingDevice();
    const run = startChaos(
      chaosOf(['{ at: 0s, network: { delay: gprs }, for: 1m }']).chaos,
      [],
      device,
      recordingConsole(device.calls),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    run.cancel();
    await run.done;
    expect(device.calls).toEqual(['console: network delay gprs', 'console: network delay none']);
    const refusing = { ...quietConsole, command: () => Promise.reject(new Error("KO: unknown command, try 'help'")) };
    const refused = startChaos(chaosOf(['{ at: 0s, gsm: { data: off }, for: 1s }']).chaos, [], device, refusing);
    await expect(refused.done).rejects.toThrow('unknown command');
    expect(refused.timeline.at(-1)?.event).toBe("gsm data off at 0ms for 1s failed: KO: unknown command, try 'help'");
  });
});
