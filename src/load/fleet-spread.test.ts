import { describe, expect, it } from 'vitest';
import type { TextKind } from '../scenario/scenario-schema';
import { loadPlan } from './load-plan';
import { createMessageGenerator, type GeneratedMessage } from './message-generator';

function generate(
  options: { text?: TextKind; seed?: number; senders?: number; repeats?: number; devices?: number },
  count: number,
): GeneratedMessage[] {
  const { text = 'ascii', seed = 1, senders = 100, repeats = 0, devices } = options;
  const generator = createMessageGenerator({
    text,
    seed,
    senders,
    repeats,
    ...(devices === undefined ? {} : { devices }),
  });
  return Array.from({ length: count }, () => generator.next());
}

const sendersByDevice = (messages: readonly GeneratedMessage[]): Map<number, Set<string>> => {
  const byDevice = new Map<number, Set<string>>();
  for (const { device, sender } of messages) byDevice.set(device, (byDevice.get(device) ?? new Set()).add(sender));
  return byDevice;
};

describe('the load spread over a fleet', () => {
  it('sends every SMS to exactly one device, round-robin over the fresh SMS', () => {
    const messages = generate({ devices: 4 }, 2000);
    expect(messages.map((message) => message.device)).toEqual(messages.map((_, index) => (index % 4) + 1));
    const perDevice = [1, 2, 3, 4].map((device) => messages.filter((message) => message.device === device).length);
    expect(perDevice).toEqual([500, 500, 500, 500]);
  });

  it('replays the same spread from the same seed, and another from another seed', () => {
    const one = generate({ devices: 3, repeats: 0.2 }, 600);
    expect(generate({ devices: 3, repeats: 0.2 }, 600)).toEqual(one);
    expect(generate({ devices: 3, repeats: 0.2, seed: 2 }, 600)).not.toEqual(one);
  });

  it.each(['ascii', 'mixed', 'hostile'] as const)('gives each device senders of its own (%s texts)', (text) => {
    const byDevice = sendersByDevice(generate({ text, devices: 4, repeats: 0.1 }, 4000));
    expect([...byDevice.keys()].sort()).toEqual([1, 2, 3, 4]);
    const all = [...byDevice.values()].flatMap((senders) => [...senders]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('splits the scenario’s senders between the devices, none left out', () => {
    const byDevice = sendersByDevice(generate({ senders: 10, devices: 4 }, 4000));
    expect([...byDevice.values()].map((senders) => senders.size)).toEqual([3, 3, 2, 2]);
    expect(sendersByDevice(generate({ senders: 3, devices: 3 }, 30)).get(2)?.size).toBe(1);
  });

  it('sends a repeat to the device its original went to', () => {
    const messages = generate({ devices: 3, repeats: 0.3 }, 3000);
    const deviceOf = new Map<string, number>();
    let repeats = 0;
    for (const { sender, text, device } of messages) {
      const key = `${sender}\u0000${text}`;
      if (deviceOf.has(key)) repeats += 1;
      expect(deviceOf.get(key) ?? device).toBe(device);
      deviceOf.set(key, device);
    }
    expect(repeats).toBeGreaterThan(500);
  });

  it('keeps the sequence of a single device the same with `devices: 1`', () => {
    const alone = generate({ text: 'hostile', repeats: 0.1 }, 500);
    expect(generate({ text: 'hostile', repeats: 0.1, devices: 1 }, 500)).toEqual(alone);
    expect(new Set(alone.map((message) => message.device))).toEqual(new Set([1]));
  });

  it('refuses more devices than senders', () => {
    expect(() => generate({ senders: 3, devices: 4 }, 1)).toThrow(RangeError);
    expect(() => generate({ devices: 0 }, 1)).toThrow(RangeError);
  });

  it('numbers each planned SMS with the device it goes to, shards included', () => {
    const load = [{ kind: 'burst' as const, count: 12, overMs: 1200 }];
    const plan = [...loadPlan({ load, senders: 20, text: 'ascii', seed: 1, devices: 3 })];
    expect(plan.map((sms) => sms.device)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const shard = [...loadPlan({ load, senders: 20, text: 'ascii', seed: 1, devices: 3 }, { index: 2, count: 4 })];
    expect(shard.map((sms) => [sms.index, sms.device])).toEqual([
      [1, 2],
      [5, 3],
      [9, 1],
    ]);
  });
});
