// chaos: things done to the device mid-run — kill it, or cut its network for a while.
import { z } from 'zod';
import { duration, moment, word } from './fields';
import { tagged } from './tagged-union';

const at = moment('at').describe('When: a time after the load starts (30s) or a share of the load (50%).');

const kill = z
  .strictObject({ at, kill: word('kill', 'device').describe('kill -9 the gateway, then restart it.') })
  .transform((step) => ({ at: step.at, action: { kind: 'kill' as const, target: step.kill } }));

const network = z
  .strictObject({
    at,
    network: word('network', 'off').describe('Take the device offline.'),
    for: duration('for').describe('How long before the network comes back.'),
  })
  .transform((step) => ({ at: step.at, action: { kind: 'network' as const, state: step.network, forMs: step.for } }));

/**
 * One chaos step: `{ at: 50%, kill: device }` or `{ at: 30s, network: off, for: 20s }`. The last
 * transform makes the type one object with a union `action`, rather than a union of two objects.
 */
export const chaosStepSchema = tagged(z.union([kill, network]), {
  label: 'chaos step',
  tags: ['kill', 'network'],
  example: '{ at: 50%, kill: device }',
}).transform((step) => ({ at: step.at, action: step.action }));
export type ChaosStep = z.output<typeof chaosStepSchema>;
