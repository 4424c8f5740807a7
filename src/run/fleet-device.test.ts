import { describe, expect, it } from 'vitest';
import { chaosActionsOf, type Device, type DeviceHealth } from '../device/core/device';
import type { ReconnectingConsole } from '../injection/reconnecting-console';
import { healthOf } from '../../test/support/metrics-kit';
import { FleetDevice } from './fleet-device';

/** A device whose health and memory peak a test sets. */
function fakeDevice(index: number, kind: Device['kind'] = 'virtual') {
  const state: { health: DeviceHealth | Error; peak: number | null } = { health: healthOf(), peak: null };
  const device: Device & { readonly deviceId: string } = {
    kind,
    label: `${kind}:${5000 + index}`,
    deviceId: `virtual-${index}`,
    consolePort: 5000 + index,
    healthUrl: `http://127.0.0.1:${6000 + index}`,
    chaosActions: chaosActionsOf[kind],
    databasePath: `/tmp/device-${index}.sqlite`,
    health: async () => {
      if (state.health instanceof Error) throw state.health;
      return state.health;
    },
    peakRssBytes: async () => state.peak,
    setNetwork: async () => undefined,
    setDiskFull: async () => undefined,
    kill: async () => undefined,
    restart: async () => undefined,
    stop: async () => undefined,
  };
  return { device, state };
}

function fleetOf(size: number, kinds: readonly Device['kind'][] = []) {
  const fakes = Array.from({ length: size }, (_, position) => fakeDevice(position + 1, kinds[position]));
  const members = fakes.map((fake, position) => ({
    index: position + 1,
    device: fake.device,
    line: {} as ReconnectingConsole,
  }));
  return { fleet: new FleetDevice(members), states: fakes.map((fake) => fake.state) };
}

describe('a fleet as one device', () => {
  it('sums the queues and counts of its devices, and takes the worst status, naming the device behind each reason', async () => {
    const { fleet, states } = fleetOf(3);
    states[0]!.health = healthOf({ queueSize: 2, delivered: 10, gaveUp: 1 });
    states[1]!.health = {
      ...healthOf({ queueSize: 0, delivered: 7, status: 'degraded', reasons: ['breaker open'] }),
      backlog: 3,
    };
    states[2]!.health = healthOf({ queueSize: 5, delivered: 1, network: 'offline' });
    const health = await fleet.health();
    expect(health.engine).toMatchObject({
      queueSize: 7,
      delivered: 18,
      gaveUp: 1,
      status: 'degraded',
      network: 'offline',
    });
    expect(health.engine.reasons).toEqual(['device 2: breaker open']);
    expect(health.backlog).toBe(3);
  });

  it('does not answer for the fleet while one of its devices does not answer, so a drain never ends on the others', async () => {
    const { fleet, states } = fleetOf(2);
    states[0]!.health = healthOf({ queueSize: 0 });
    states[1]!.health = new Error('connect ECONNREFUSED');
    await expect(fleet.health()).rejects.toThrow('device 2: connect ECONNREFUSED');
    expect(fleet.rows(new Map()).map((row) => row.status)).toEqual(['healthy', null]);
    states[1]!.health = healthOf({ queueSize: 4 });
    await fleet.health();
    states[1]!.health = new Error('restarting');
    await expect(fleet.health()).rejects.toThrow('device 2: restarting');
    expect(fleet.rows(new Map()).map((row) => [row.status, row.queueSize])).toEqual([
      ['healthy', 0],
      ['unreachable', 4],
    ]);
  });

  it("keeps each device's own memory peak, and gives the fleet's as the highest of them", async () => {
    const { fleet, states } = fleetOf(3);
    states[0]!.peak = 110e6;
    states[1]!.peak = 150e6;
    expect(await fleet.peakRssBytes()).toBe(150e6);
    states[1]!.peak = null; // a device being restarted tells nothing: its earlier peak stays
    states[2]!.peak = 120e6;
    expect(await fleet.peakRssBytes()).toBe(150e6);
    expect(fleet.records().map((record) => [record.index, record.deviceId, record.peakRssBytes])).toEqual([
      [1, 'virtual-1', 110e6],
      [2, 'virtual-2', 150e6],
      [3, 'virtual-3', 120e6],
    ]);
  });

  it('takes only the chaos steps every device of it can, and has no one health URL', () => {
    const { fleet } = fleetOf(2, ['virtual', 'emulator']);
    expect(fleet.chaosActions).toEqual(chaosActionsOf.emulator);
    expect(fleet.healthUrl).toBeNull();
    expect(fleet.label).toBe('fleet of 2 (virtual:5001, emulator:5002)');
  });
});
