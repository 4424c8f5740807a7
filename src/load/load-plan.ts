// The SMS a run sends and when: the message generator's sequence on the arrival schedule, each SMS
// numbered by its position in the unsharded run, a shard's slice of it when the run is one shard.
import type { LoadStep } from '../scenario/load-schema';
import type { TextKind } from '../scenario/scenario-schema';
import { arrivalOffsets } from './arrival-offsets';
import { createMessageGenerator } from './message-generator';
import { inShard, type Shard } from './shard';

export interface LoadPlanOptions {
  readonly load: readonly LoadStep[];
  readonly senders: number;
  readonly text: TextKind;
  readonly seed: number;
  readonly repeats?: number;
  /** The fleet the SMS are spread over (`devices:`); default 1. */
  readonly devices?: number;
}

/** One SMS of the plan. */
export interface PlannedMessage {
  /** Its position in the unsharded run's sequence, 0-based: the same SMS has the same index in every shard. */
  readonly index: number;
  readonly sender: string;
  readonly text: string;
  /** The device of the fleet it goes to, from 1 (message-generator.ts spreads them). */
  readonly device: number;
  /** Offset from the start of the load, ms: the moment it has in the unsharded run. */
  readonly atMs: number;
}

/**
 * The plan, one SMS at a time (a soak's millions are never held). A shard draws every SMS of the
 * sequence, its own and the others', since each one's text and sender come from the random stream
 * the SMS before it left; it yields only its own.
 */
export function* loadPlan(options: LoadPlanOptions, shard: Shard | null = null): Generator<PlannedMessage> {
  const generator = createMessageGenerator({
    senders: options.senders,
    text: options.text,
    seed: options.seed,
    ...(options.repeats === undefined ? {} : { repeats: options.repeats }),
    ...(options.devices === undefined ? {} : { devices: options.devices }),
  });
  let index = 0;
  for (const atMs of arrivalOffsets(options.load)) {
    const message = generator.next();
    if (shard === null || inShard(index, shard)) yield { index, ...message, atMs };
    index += 1;
  }
}
