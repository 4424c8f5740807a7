// chaos: things done to the device mid-run — kill it, cut its network, fill its disk or lock its
// database for a while.
import { z } from 'zod';
import { duration, moment, word } from './fields';
import { tagged } from './tagged-union';
import { chaosActionsOf } from './device-kinds';

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

const disk = z
  .strictObject({
    at,
    disk: word('disk', 'full').describe("Fill the device's storage: SQLite answers SQLITE_FULL (virtual device only)."),
    for: duration('for').describe('How long before the space is freed.'),
  })
  .transform((step) => ({ at: step.at, action: { kind: 'disk' as const, state: step.disk, forMs: step.for } }));

const db = z
  .strictObject({
    at,
    db: word('db', 'locked').describe("Another process holds the app's database write lock (virtual device only)."),
    for: duration('for').describe('How long before the lock is released.'),
  })
  .transform((step) => ({ at: step.at, action: { kind: 'db' as const, state: step.db, forMs: step.for } }));

/**
 * One chaos step: `{ at: 50%, kill: device }`, `{ at: 30s, network: off, for: 20s }`,
 * `{ at: 40%, disk: full, for: 10s }` or `{ at: 30%, db: locked, for: 8s }`. The last transform
 * makes the type one object with a union `action`, rather than a union of objects.
 */
export const chaosStepSchema = tagged(z.union([kill, network, disk, db]), {
  label: 'chaos step',
  tags: ['kill', 'network', 'disk', 'db'],
  example: '{ at: 50%, kill: device }',
}).transform((step) => ({ at: step.at, action: step.action }));
export type ChaosStep = z.output<typeof chaosStepSchema>;

/** The chaos steps a scenario's device cannot take, as issues on the step's tag, so the file is refused before anything starts. */
export function checkChaosForDevice(
  scenario: { device: string; chaos: readonly ChaosStep[] },
  context: z.RefinementCtx,
): void {
  const kind = scenario.device === 'virtual' || scenario.device === 'remote' ? scenario.device : 'emulator';
  scenario.chaos.forEach((step, index) => {
    if (chaosActionsOf[kind].includes(step.action.kind)) return;
    const { action } = step;
    const tag = `${action.kind}: ${action.kind === 'kill' ? action.target : action.state}`;
    context.addIssue({
      code: 'custom',
      path: ['chaos', index, action.kind],
      message: `\`${tag}\` is not supported on ${kind} devices; ${kind === 'remote' ? 'a remote device takes no chaos steps' : 'run it on `device: virtual`'}`,
      input: step,
    });
  });
}
