import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LoadStep } from '../scenario/load-schema';
import { textKinds } from '../scenario/scenario-schema';
import { SmsgwError } from '../errors';
import { loadPlan, type LoadPlanOptions, type PlannedMessage } from './load-plan';
import { maxShards, parseShard, shardMessageCount, type Shard } from './shard';
import { totalMessages } from '../scenario/step-size';

const load: LoadStep[] = [
  { kind: 'burst', count: 101, overMs: 5_000 },
  { kind: 'ramp', fromPerSec: 1, toPerSec: 20, overMs: 10_000 },
  { kind: 'constant', ratePerSec: 3, forMs: 7_000 },
];
const plan = (options: Partial<LoadPlanOptions> = {}, shard: Shard | null = null): PlannedMessage[] => [
  ...loadPlan({ load, senders: 20, text: 'mixed', seed: 9, repeats: 0.25, ...options }, shard),
];
const shardsOf = (count: number, options: Partial<LoadPlanOptions> = {}): PlannedMessage[][] =>
  Array.from({ length: count }, (_, k) => plan(options, { index: k + 1, count }));
const byIndex = (messages: readonly PlannedMessage[]): PlannedMessage[] =>
  [...messages].sort((a, b) => a.index - b.index);

describe('loadPlan with a shard', () => {
  it('numbers the unsharded plan 0, 1, 2, … on its arrival schedule', () => {
    const whole = plan();
    expect(whole).toHaveLength(totalMessages(load));
    expect(whole.map((message) => message.index)).toEqual(whole.map((_, position) => position));
  });

  it.each([1, 2, 3, 7, 50])('cuts the plan into %i disjoint shards whose union is exactly the unsharded plan', (n) => {
    const shards = shardsOf(n);
    const indexes = shards.flat().map((message) => message.index);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(byIndex(shards.flat())).toEqual(plan());
  });

  it('gives shard k of n the SMS at positions k−1 mod n, each at the moment it has in the unsharded run', () => {
    const whole = plan();
    const second = plan({}, { index: 2, count: 3 });
    expect(second).toEqual(whole.filter((message) => message.index % 3 === 1));
    expect(second[0]).toEqual(whole[1]);
    // Never out of order: the shard's schedule is a subsequence of the run's.
    expect(second.every((message, i) => i === 0 || message.atMs >= second[i - 1]!.atMs)).toBe(true);
  });

  it.each(textKinds)('draws the same %s shard from the same seed, and another from another seed', (text) => {
    const shard = { index: 3, count: 4 };
    expect(plan({ text }, shard)).toEqual(plan({ text }, shard));
    expect(plan({ text, seed: 10 }, shard)).not.toEqual(plan({ text }, shard));
  });

  it('keeps the exact repeats of the unsharded run, even when a repeat and its original fall in different shards', () => {
    const whole = plan({ repeats: 0.5 });
    const content = (message: PlannedMessage) => `${message.sender}\u0000${message.text}`;
    const shards = shardsOf(3, { repeats: 0.5 });
    const acrossShards = shards[0]!.filter((message) =>
      shards.slice(1).some((other) => other.some((theirs) => content(theirs) === content(message))),
    );
    expect(acrossShards.length).toBeGreaterThan(0);
    expect(byIndex(shards.flat())).toEqual(whole);
  });

  it('holds for any load, seed and shard count (property)', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('burst' as const),
        count: fc.integer({ min: 1, max: 200 }),
        overMs: fc.integer({ min: 0, max: 10_000 }),
      }),
      fc.record({
        kind: fc.constant('constant' as const),
        ratePerSec: fc.double({ min: 0.5, max: 20, noNaN: true }),
        forMs: fc.integer({ min: 1, max: 10_000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 12 }),
        (steps, seed, n) => {
          const options = { load: steps, seed };
          const shards = shardsOf(n, options);
          const whole = plan(options);
          return (
            shards.every((shard, k) => shard.length === shardMessageCount(whole.length, { index: k + 1, count: n })) &&
            JSON.stringify(byIndex(shards.flat())) === JSON.stringify(whole)
          );
        },
      ),
      { seed: 11, numRuns: 60 },
    );
  });
});

describe('shardMessageCount', () => {
  it('counts the positions k−1, k−1+n, … below the total', () => {
    expect(shardMessageCount(10, { index: 1, count: 3 })).toBe(4);
    expect(shardMessageCount(10, { index: 3, count: 3 })).toBe(3);
    expect(shardMessageCount(2, { index: 3, count: 3 })).toBe(0);
    expect(shardMessageCount(10, null)).toBe(10);
  });
});

describe('parseShard', () => {
  it('reads k/n', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard(`${maxShards}/${maxShards}`)).toEqual({ index: maxShards, count: maxShards });
  });

  it.each([
    ['0/3', 'shard from 1 to 3, got 0'],
    ['4/3', 'shard from 1 to 3, got 4'],
    ['1/0', 'shard count from 1 to 1000, got 0'],
    [`1/${maxShards + 1}`, `shard count from 1 to 1000, got ${maxShards + 1}`],
    ['1.5/3', 'as k/n, like 2/8'],
    ['-1/3', 'as k/n, like 2/8'],
    ['2', 'as k/n, like 2/8'],
    ['a/b', 'as k/n, like 2/8'],
    ['', 'as k/n, like 2/8'],
  ])('refuses %j as bad input (exit 2): %s', (value, message) => {
    let thrown: unknown = null;
    try {
      parseShard(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SmsgwError);
    expect((thrown as SmsgwError).exitCode).toBe(2);
    expect((thrown as SmsgwError).message).toContain(message);
  });
});
