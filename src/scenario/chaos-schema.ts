// chaos: things done to the device mid-run — cut its power or kill its app, force-stop the app, cut
// its network, fill its disk or lock its database for a while.
import { z } from 'zod';
import { defaultAppRestartMs } from './defaults';
import { duration, moment, oneOfWords, word } from './fields';
import { tagged } from './tagged-union';
import { chaosActionsOf, listChaosActions, type ChaosAction, type DeviceKind } from './device-kinds';

const at = moment('at').describe('When: a time after the load starts (30s) or a share of the load (50%).');

/** A device's power loss restarts it at once: a `restart` delay there is a mistake, not a no-op. */
function restartOnlyForApp(step: { kill: 'device' | 'app'; restart?: number }, context: z.RefinementCtx): void {
  if (step.kill === 'app' || step.restart === undefined) return;
  context.addIssue({
    code: 'custom',
    path: ['restart'],
    message: '`restart` goes only with `kill: app`; a killed device boots again at once',
    input: step.restart,
  });
}

const kill = z
  .strictObject({
    at,
    kill: oneOfWords('kill', ['device', 'app']).describe(
      '`device`: power loss (radio and app die, files survive), then boot again. `app`: SIGKILL the app alone; the radio keeps answering.',
    ),
    restart: duration('restart', { zero: true })
      .optional()
      .describe(
        `With \`kill: app\`: how long before the app is started again if no SMS started it first (default ${defaultAppRestartMs / 1000}s).`,
      ),
  })
  .superRefine(restartOnlyForApp)
  .transform((step) => ({
    at: step.at,
    action:
      step.kill === 'app'
        ? { kind: 'kill' as const, target: 'app' as const, restartAfterMs: step.restart ?? defaultAppRestartMs }
        : { kind: 'kill' as const, target: 'device' as const },
  }));

const forceStop = z
  .strictObject({
    at,
    'force-stop': word('force-stop', 'app').describe(
      'Force-stop the app: it is dead and no SMS starts it until it is opened again (virtual device only).',
    ),
    for: duration('for').describe('How long before the app is opened again.'),
  })
  .transform((step) => ({
    at: step.at,
    action: { kind: 'force-stop' as const, target: step['force-stop'], forMs: step.for },
  }));

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
 * One chaos step: `{ at: 50%, kill: device }`, `{ at: 50%, kill: app, restart: 2s }`,
 * `{ at: 70%, force-stop: app, for: 5s }`, `{ at: 30s, network: off, for: 20s }`,
 * `{ at: 40%, disk: full, for: 10s }` or `{ at: 30%, db: locked, for: 8s }`. The last transform
 * makes the type one object with a union `action`, rather than a union of objects.
 */
export const chaosStepSchema = tagged(z.union([kill, forceStop, network, disk, db]), {
  label: 'chaos step',
  tags: ['kill', 'force-stop', 'network', 'disk', 'db'],
  example: '{ at: 50%, kill: device }',
}).transform((step) => ({ at: step.at, action: step.action }));
export type ChaosStep = z.output<typeof chaosStepSchema>;

/** The step's tag as its author wrote it (`kill: app`), which is also what a device's `chaosActions` lists. */
export function chaosActionOf(step: ChaosStep): ChaosAction {
  const { action } = step;
  switch (action.kind) {
    case 'kill':
      return `kill: ${action.target}`;
    case 'force-stop':
      return `force-stop: ${action.target}`;
    case 'network':
      return `network: ${action.state}`;
    case 'disk':
      return `disk: ${action.state}`;
    case 'db':
      return `db: ${action.state}`;
  }
}

function deviceKindOf(device: string): DeviceKind {
  return device === 'virtual' || device === 'remote' ? device : 'emulator';
}

/** Why `kind` refuses a step, and what to write instead. */
function refusal(action: ChaosAction, kind: DeviceKind): string {
  if (kind === 'remote')
    return `\`${action}\` is not supported on remote devices; a remote device takes no chaos steps`;
  return `\`${action}\` is not supported on ${kind} devices, which take ${listChaosActions(chaosActionsOf[kind])}; run it on \`device: virtual\``;
}

/** The chaos steps a scenario's device cannot take, as issues on the step's tag, so the file is refused before anything starts. */
export function checkChaosForDevice(
  scenario: { device: string; chaos: readonly ChaosStep[] },
  context: z.RefinementCtx,
): void {
  const kind = deviceKindOf(scenario.device);
  scenario.chaos.forEach((step, index) => {
    const action = chaosActionOf(step);
    if (chaosActionsOf[kind].includes(action)) return;
    context.addIssue({
      code: 'custom',
      path: ['chaos', index, step.action.kind],
      message: refusal(action, kind),
      input: step,
    });
  });
}
