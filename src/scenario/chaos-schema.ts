// chaos: things done to the device mid-run — cut its power or kill its app, force-stop the app, cut
// its network, slow its link or cut its mobile data, put it in Doze, fill its disk or lock its
// database for a while.
import { z } from 'zod';
import { expected } from '../units';
import { defaultAppRestartMs } from './defaults';
import { didYouMean } from './did-you-mean';
import { duration, moment, oneOfWords, word } from './fields';
import { delayProfileNames, parseLinkDelay, parseLinkSpeed, speedProfileNames } from './link-profiles';
import { tagged } from './tagged-union';
import { chaosActionsOf, listChaosActions, type ChaosAction, type DeviceKind } from './device-kinds';

const at = moment('at').describe('When: a time after the load starts (30s) or a share of the load (50%).');

const deviceIndexError = (issue: { input?: unknown }) =>
  expected('device', "a device's number in the fleet, from 1 (the first)", issue.input);

/** Which device of a fleet the step acts on; absent, every device (the only one of a single-device run). */
const device = z
  .int({ error: deviceIndexError })
  .min(1, { error: deviceIndexError })
  .optional()
  .describe(
    'Which device of a fleet (`devices:`) the step acts on, from 1 (the first); default every device of the fleet, the only one of a single-device run.',
  );

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
    device,
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
    device: step.device,
    action:
      step.kill === 'app'
        ? { kind: 'kill' as const, target: 'app' as const, restartAfterMs: step.restart ?? defaultAppRestartMs }
        : { kind: 'kill' as const, target: 'device' as const },
  }));

const forceStop = z
  .strictObject({
    at,
    device,
    'force-stop': word('force-stop', 'app').describe(
      'Force-stop the app: it is dead and no SMS starts it until it is opened again (virtual device only).',
    ),
    for: duration('for').describe('How long before the app is opened again.'),
  })
  .transform((step) => ({
    at: step.at,
    device: step.device,
    action: { kind: 'force-stop' as const, target: step['force-stop'], forMs: step.for },
  }));

/**
 * A link setting as the emulator console takes it (`network delay umts`, `network speed 14.4:57.6`),
 * checked by the same parser the virtual device's console uses; kept as written, for the console line.
 */
function linkSetting(name: 'delay' | 'speed') {
  const [parse, names, shape] =
    name === 'delay'
      ? ([parseLinkDelay, delayProfileNames, 'a latency in ms like 200, or a range like 100:300'] as const)
      : ([parseLinkSpeed, speedProfileNames, 'a rate in kbit/s like 64, or up:down like 14.4:57.6'] as const);
  const what = `a profile (${names.join(', ')}), ${shape}`;
  const message = (input: unknown): string =>
    `${expected(name, what, input)}${typeof input === 'string' ? didYouMean(input, names) : ''}`;
  return z.union([z.string(), z.number()], { error: (issue) => message(issue.input) }).transform((input, context) => {
    const text = String(input).trim();
    if (parse(text) !== null) return text;
    context.addIssue({ code: 'custom', message: message(input), input });
    return z.NEVER;
  });
}

/** One setting a step: `{ delay: umts }` or `{ speed: gsm }`. */
function oneLinkSetting(
  link: { delay?: string | undefined; speed?: string | undefined },
  context: z.RefinementCtx,
): void {
  const given = (['delay', 'speed'] as const).filter((key) => link[key] !== undefined);
  if (given.length === 1) return;
  context.addIssue({
    code: 'custom',
    message:
      given.length === 0
        ? 'Expected `network` to have `delay` or `speed`, like { delay: umts }, got no keys'
        : 'Expected `network` to have one of `delay` or `speed`, got both; split it into 2 steps',
    input: link,
  });
}

const linkShape = z
  .strictObject({
    delay: linkSetting('delay')
      .optional()
      .describe(
        "Latency, as the emulator console's `network delay` takes it: gsm 150–550 ms, hscsd and edge 80–400, gprs and umts 35–200, hsdpa, lte, evdo, 5g and none 0; or `200`, or `100:300`.",
      ),
    speed: linkSetting('speed')
      .optional()
      .describe(
        "Bandwidth up/down in kbit/s, as the emulator console's `network speed` takes it: gsm 14.4/14.4, hscsd 14.4/57.6, gprs 28.8/57.6, umts 384/384, edge 473.6/473.6, hsdpa 5760/13980, lte 58000/173000, evdo 75000/280000, 5g and full no limit; or `64`, or `14.4:57.6`.",
      ),
  })
  // Only for a map with nothing else wrong: `{ dealy: umts }` is an unknown key, not a map without keys.
  .superRefine(oneLinkSetting, { when: (payload) => payload.issues.length === 0 });

const networkError = (issue: { input?: unknown }) =>
  expected('network', '`off`, or a map like { delay: umts } or { speed: gsm }', issue.input);

const network = z
  .strictObject({
    at,
    device,
    network: z
      .union([z.literal('off'), linkShape], { error: networkError })
      .describe(
        '`off`: take the device offline. `{ delay: <latency> }` or `{ speed: <rate> }`: slow its link through the console, as the emulator does.',
      ),
    for: duration('for').describe('How long before the network comes back to normal (no delay, full speed).'),
  })
  .transform((step) => {
    const { network: setting } = step;
    if (setting === 'off')
      return {
        at: step.at,
        device: step.device,
        action: { kind: 'network' as const, state: setting, forMs: step.for },
      };
    const which = setting.delay === undefined ? ('speed' as const) : ('delay' as const);
    const value = setting.delay ?? setting.speed!;
    return {
      at: step.at,
      device: step.device,
      action: { kind: 'link' as const, setting: which, value, forMs: step.for },
    };
  });

const gsm = z
  .strictObject({
    at,
    device,
    gsm: z
      .strictObject({ data: word('data', 'off').describe('Mobile data unregistered (`gsm data off` on the console).') })
      .describe('The modem: `{ data: off }` cuts mobile data as the emulator console does.'),
    for: duration('for').describe('How long before mobile data is on again (`gsm data on`).'),
  })
  .transform((step) => ({
    at: step.at,
    device: step.device,
    action: { kind: 'gsm' as const, data: step.gsm.data, forMs: step.for },
  }));

const doze = z
  .strictObject({
    at,
    device,
    doze: word('doze', 'on').describe(
      "Force Doze: the app's sends and retries run only in maintenance windows and it has no network outside them; SMS broadcasts still reach it and are stored.",
    ),
    for: duration('for').describe('How long before the device wakes up.'),
  })
  .transform((step) => ({
    at: step.at,
    device: step.device,
    action: { kind: 'doze' as const, state: step.doze, forMs: step.for },
  }));

const disk = z
  .strictObject({
    at,
    device,
    disk: word('disk', 'full').describe("Fill the device's storage: SQLite answers SQLITE_FULL (virtual device only)."),
    for: duration('for').describe('How long before the space is freed.'),
  })
  .transform((step) => ({
    at: step.at,
    device: step.device,
    action: { kind: 'disk' as const, state: step.disk, forMs: step.for },
  }));

const db = z
  .strictObject({
    at,
    device,
    db: word('db', 'locked').describe("Another process holds the app's database write lock (virtual device only)."),
    for: duration('for').describe('How long before the lock is released.'),
  })
  .transform((step) => ({
    at: step.at,
    device: step.device,
    action: { kind: 'db' as const, state: step.db, forMs: step.for },
  }));

/**
 * One chaos step: `{ at: 50%, kill: device }`, `{ at: 50%, kill: app, restart: 2s }`,
 * `{ at: 70%, force-stop: app, for: 5s }`, `{ at: 30s, network: off, for: 20s }`,
 * `{ at: 30%, network: { delay: umts }, for: 20s }`, `{ at: 30%, network: { speed: gsm }, for: 20s }`,
 * `{ at: 30%, gsm: { data: off }, for: 10s }`, `{ at: 30%, doze: on, for: 60s }`,
 * `{ at: 40%, disk: full, for: 10s }` or `{ at: 30%, db: locked, for: 8s }`. The last transform
 * makes the type one object with a union `action`, rather than a union of objects.
 */
export const chaosStepSchema = tagged(z.union([kill, forceStop, network, gsm, doze, disk, db]), {
  label: 'chaos step',
  tags: ['kill', 'force-stop', 'network', 'gsm', 'doze', 'disk', 'db'],
  example: '{ at: 50%, kill: device }',
}).transform((step) => ({
  at: step.at,
  action: step.action,
  ...(step.device === undefined ? {} : { device: step.device }),
}));
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
    case 'link':
      return `network: { ${action.setting} }`;
    case 'gsm':
      return 'gsm: { data: off }';
    case 'doze':
      return `doze: ${action.state}`;
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

/**
 * The chaos steps a scenario's devices cannot take, as issues on the step's tag, so the file is
 * refused before anything starts. A step acts on the device it names, else on every device of the run.
 */
export function checkChaosForDevice(
  scenario: { fleet: readonly string[]; chaos: readonly ChaosStep[] },
  context: z.RefinementCtx,
): void {
  scenario.chaos.forEach((step, index) => {
    const action = chaosActionOf(step);
    const targets = step.device === undefined ? scenario.fleet : scenario.fleet.slice(step.device - 1, step.device);
    const kind = targets.map(deviceKindOf).find((each) => !chaosActionsOf[each].includes(action));
    if (kind === undefined) return;
    context.addIssue({
      code: 'custom',
      // At the step's tag as written: a link step's is `network`.
      path: ['chaos', index, step.action.kind === 'link' ? 'network' : step.action.kind],
      message: refusal(action, kind),
      input: step,
    });
  });
}
