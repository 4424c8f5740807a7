// One run's load cut into disjoint slices for several machines (`smsgw run --shard 2/8`): shard k of
// n sends the SMS whose position in the unsharded run's sequence is k−1 modulo n, at the moment that
// SMS would have had. Every shard generates the whole sequence from the same seed and keeps its own
// slice, so no two shards send the same SMS and all n of them together send exactly the SMS of the
// unsharded run, repeats included.
import { SmsgwError } from '../errors';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * More shards than this would be a fleet of machines no run needs, and a typo (`--shard 2/80000`)
 * more often than not.
 */
export const maxShards = 1000;

const shardShape = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** Reads `k/n` (`--shard 2/8`): whole numbers, 1 ≤ k ≤ n ≤ maxShards; anything else is bad input (exit 2). */
export function parseShard(value: string, name = '--shard'): Shard {
  const match = shardShape.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count))
    throw new SmsgwError('bad-option', `Expected \`${name}\` as k/n, like 2/8, got ${JSON.stringify(value)}`);
  if (count < 1 || count > maxShards)
    throw new SmsgwError(
      'bad-option',
      `Expected \`${name}\`'s shard count from 1 to ${maxShards}, got ${count} in ${JSON.stringify(value)}`,
    );
  if (index < 1 || index > count)
    throw new SmsgwError(
      'bad-option',
      `Expected \`${name}\`'s shard from 1 to ${count}, got ${index} in ${JSON.stringify(value)}`,
    );
  return { index, count };
}

/** `2/8`, as the command line writes it. */
export const shardLabel = (shard: Shard): string => `${shard.index}/${shard.count}`;

/** Whether the SMS at `position` (0-based, in the unsharded run's sequence) is the shard's. */
export const inShard = (position: number, shard: Shard): boolean => position % shard.count === shard.index - 1;

/** How many of `total` SMS the shard sends: those at positions k−1, k−1+n, k−1+2n, … below `total`. */
export function shardMessageCount(total: number, shard: Shard | null | undefined): number {
  if (!shard) return total;
  return total <= shard.index - 1 ? 0 : Math.floor((total - shard.index) / shard.count) + 1;
}
