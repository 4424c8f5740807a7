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
    stop: act('stop'),
  };
}

const quietConsole = { suspend: () => {}, resume: async () => {} };

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
    const { chaos, load } = chaosOf(['{ at: 10ms, kill: device }', '{ at: 20ms, disk: full, for: 1s }']);
    const device = recordingDevice('emulator');
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(SmsgwError);
    expect(() => startChaos(chaos, load, device, quietConsole)).toThrow(
      'Chaos not supported on emulator devices (emulator:1): disk full at 20ms for 1s',
    );
    expect(device.calls).toEqual([]);
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
});
