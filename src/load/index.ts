// Load generation: when each SMS is sent (arrival schedules) and what it says (the message generator).
export { arrivalOffsets, rampOffsetMs } from './arrival-offsets';
export { loadPlan, type LoadPlanOptions, type PlannedMessage } from './load-plan';
export { inShard, maxShards, parseShard, shardLabel, shardMessageCount, type Shard } from './shard';
export { stepDurationMs, stepMessageCount, totalDurationMs, totalMessages } from '../scenario/step-size';
export {
  createMessageGenerator,
  type GeneratedMessage,
  type MessageGenerator,
  type MessageGeneratorOptions,
} from './message-generator';
export { createRandom, deriveSeed, type SeededRandom } from '../sms/random';
export { isGsm7, smsParts, splitIntoParts, type SmsEncoding, type SmsPartText } from '../sms/sms-parts';
