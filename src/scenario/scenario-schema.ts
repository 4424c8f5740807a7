// The scenario file: one zod schema, from which the Scenario type and the JSON Schema come.
import { z } from 'zod';
import { stepMessageCount, totalDurationMs, totalMessages } from './step-size';
import { expected, formatDuration, formatSpeed } from '../units';
import { chaosStepSchema, checkChaosForDevice } from './chaos-schema';
import {
  defaultRepeatShare,
  defaultSecret,
  defaultSeed,
  defaultSenders,
  maxDurationMs,
  maxMessages,
  maxNameLength,
  maxSeed,
  maxSenders,
  repeatWindowMessages,
} from './defaults';
import { describeScenario } from './describe-scenario';
import { closest } from './did-you-mean';
import { checkTlsVerdict, expectationsSchema } from './expect-schema';
import { faultSchema } from './fault-schema';
import { oneOfWords, percentage, speed } from './fields';
import { loadStepSchema, type LoadStep } from './load-schema';
import { describeLoadStep } from './describe-scenario';
import { checkFleet, fleetOf, fleetSchema } from './fleet-schema';

/** A step that sends nothing ("2/h for 10m") is a mistake, not a quiet no-op. */
function sendsSome(step: LoadStep, context: z.RefinementCtx): void {
  if (stepMessageCount(step) >= 1) return;
  context.addIssue({
    code: 'custom',
    path: [step.kind],
    message: `Expected the ${step.kind} step to send at least one SMS, but ${describeLoadStep(step)} sends none`,
    input: step,
  });
}

export const textKinds = ['ascii', 'unicode', 'multipart', 'mixed', 'hostile'] as const;
export type TextKind = (typeof textKinds)[number];

const deviceKinds = ['virtual', 'emulator', 'emulator-5556', 'remote'];
const deviceError = (issue: { input?: unknown }) => {
  const guess = typeof issue.input === 'string' ? closest(issue.input, deviceKinds) : undefined;
  const hint = guess === undefined ? '' : `; did you mean \`${guess}\`?`;
  return `${expected('device', 'virtual, emulator, emulator-<port> (like emulator-5556) or remote', issue.input)}${hint}`;
};

const deviceKind = z
  .string({ error: deviceError })
  .regex(/^(virtual|emulator|emulator-\d+|remote)$/, { error: deviceError });

/**
 * Only the virtual device's clock is ours to speed up: an emulator's or a phone's runs in real time.
 * Only the virtual device's app is ours to deny READ_SMS from the scenario.
 */
function virtualOnlyOptions(
  device: { kind: string; clock?: number | undefined; 'read-sms'?: string | undefined },
  context: z.RefinementCtx,
): void {
  if (device.kind === 'virtual') return;
  if (device.clock !== undefined)
    context.addIssue({
      code: 'custom',
      path: ['clock'],
      message: `Expected \`clock\` only with \`kind: virtual\`: the clock of device \`${device.kind}\` is not ours to speed up, it runs in real time`,
      input: device.clock,
    });
  if (device['read-sms'] !== undefined)
    context.addIssue({
      code: 'custom',
      path: ['read-sms'],
      message: `Expected \`read-sms\` only with \`kind: virtual\`: on device \`${device.kind}\` the app's permissions are the phone's, granted or revoked in its settings`,
      input: device['read-sms'],
    });
}

/** `device: virtual`, or `device: { kind: virtual, clock: 100x }`: the kind, and how fast the device's clock runs. */
const deviceSchema = z
  .union(
    [
      deviceKind,
      z
        .strictObject({
          kind: deviceKind.describe('virtual | emulator | emulator-<port> | remote.'),
          clock: speed('clock')
            .optional()
            .describe(
              "How fast the virtual device's clock runs against the wall clock, 1x to 10000x (default 1x): the app's backoff, leases, breaker, retention and max age elapse that much sooner. Latencies and drain times stay on the harness's wall clock.",
            ),
          'read-sms': oneOfWords('read-sms', ['granted', 'denied'])
            .optional()
            .describe(
              "Whether the virtual app may read the phone's SMS store (READ_SMS, default granted). `denied`: no recovery scan, so only the app's receiver stands between a kill and a loss, and what arrives during a force stop is lost.",
            ),
        })
        .superRefine(virtualOnlyOptions),
    ],
    { error: deviceError },
  )
  .transform((device) =>
    typeof device === 'string'
      ? { kind: device, clock: 1, readSms: true }
      : { kind: device.kind, clock: device.clock ?? 1, readSms: device['read-sms'] !== 'denied' },
  );

const handlersPathError = (issue: { input?: unknown }) =>
  expected('handlers', 'the path of a module, like ./my-handlers.ts', issue.input);

/** The load as a whole must stay within the hard limits, so a typo cannot start an endless run. */
function checkLoad(steps: LoadStep[], context: z.RefinementCtx): void {
  const messages = totalMessages(steps);
  if (messages > maxMessages) {
    context.addIssue({
      code: 'custom',
      message: `Expected \`load\` to send at most ${maxMessages.toLocaleString('en')} SMS in all, got ${messages.toLocaleString('en')}`,
    });
  }
  const durationMs = totalDurationMs(steps);
  if (durationMs > maxDurationMs) {
    context.addIssue({
      code: 'custom',
      message: `Expected \`load\` to last at most ${formatDuration(maxDurationMs)} in all, got ${formatDuration(durationMs)}`,
    });
  }
}

/** The generated description, with the fleet's size and the device's clock when it runs fast: "…; 4 devices; device clock 10000x". */
function describeWithClock(scenario: Parameters<typeof describeScenario>[0], clock: number, devices: number): string {
  const described = describeScenario(scenario);
  const fleet = devices === 1 ? described : `${described}; ${devices} devices`;
  return clock === 1 ? fleet : `${fleet}; device clock ${formatSpeed(clock)}`;
}

const singleVirtual = { kind: 'virtual', clock: 1, readSms: true };

export const scenarioSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9-]+$/, {
        error: (issue) => expected('name', 'lowercase letters, digits and dashes, like burst-100', issue.input),
      })
      .max(maxNameLength)
      .describe('Identifies the run in reports and JUnit: lowercase letters, digits and dashes.'),
    description: z
      .string()
      .optional()
      .describe('One line for humans (default: generated from the load, faults and chaos).'),
    // Optional rather than defaulted: beside `devices`, whether it was written at all matters.
    device: deviceSchema
      .optional()
      .describe(
        'virtual (default, needs only Node) | emulator | emulator-<port> | remote (Appium, with --appium URL); or { kind: virtual, clock: 100x } for a virtual device whose clock runs 100 times the wall clock. With `devices: N`, what every virtual device of the fleet shares.',
      ),
    devices: fleetSchema.optional(),
    seed: z
      .int()
      .min(0)
      .max(maxSeed)
      .default(defaultSeed)
      .describe('Seed of every random choice: texts, senders, fault dice (default 1).'),
    server: z
      .strictObject({
        secret: z
          .string()
          .min(1)
          .nullable()
          .default(defaultSecret)
          .describe('Webhook signing secret (default: a fixed test secret); null sends unsigned.'),
        faults: z
          .array(faultSchema)
          .prefault([])
          .describe('Applied per request, in order, by rate or time window (default: none).'),
        handlers: z
          .string({ error: handlersPathError })
          .min(1, { error: handlersPathError })
          .nullable()
          .default(null)
          .describe(
            'A module exporting `handlers`, an array of msw request handlers, placed before the built-in ones (faults, then the webhook); the path is relative to this scenario file (default: none).',
          ),
      })
      .prefault({})
      .describe('The stub webhook server.'),
    load: z
      .array(loadStepSchema.superRefine(sendsSome))
      .min(1)
      .check(z.superRefine(checkLoad))
      .describe('Arrival schedule: steps run one after another.'),
    messages: z
      .strictObject({
        senders: z
          .int()
          .min(1)
          .max(maxSenders)
          .default(defaultSenders)
          .describe('Distinct sender numbers (default 100).'),
        text: z.enum(textKinds).default('ascii').describe('ascii (default) | unicode | multipart | mixed | hostile.'),
        repeats: percentage('messages.repeats')
          .prefault(defaultRepeatShare)
          .describe(
            `Share of SMS that repeat the sender and text of a recent SMS (one of the last ${repeatWindowMessages}) exactly, as a GPS tracker sending the same text twice a minute does, e.g. 20% (default 0%: none).`,
          ),
      })
      .prefault({})
      .describe('What the SMS look like.'),
    chaos: z.array(chaosStepSchema).prefault([]).describe('Things done to the device mid-run (default: none).'),
    expect: expectationsSchema
      .prefault({})
      .describe('Verdicts; lost, duplicates, refused, unanswered and gave_up default to 0.'),
  })
  .check(z.superRefine(checkFleet))
  .check(z.superRefine((scenario, context) => checkChaosForDevice({ ...scenario, fleet: fleetOf(scenario) }, context)))
  .check(z.superRefine(checkTlsVerdict))
  .transform(({ device = singleVirtual, devices, ...scenario }) => ({
    ...scenario,
    description: scenario.description ?? describeWithClock(scenario, device.clock, fleetOf({ device, devices }).length),
    /** The first device's kind (`virtual`, `emulator-5556`, `remote`); `fleet` names every device of the run. */
    device: fleetOf({ device, devices })[0]!,
    /**
     * Each device of the run, in order (chaos steps and reports number them from 1): one entry for a
     * single device, N for a fleet (`devices: 4`, `devices: [emulator-5554, emulator-5556]`).
     */
    fleet: fleetOf({ device, devices }),
    /** How many times the wall clock the device's clock runs (1: real time). */
    deviceClock: device.clock,
    /** Whether the virtual app may read the SMS store (READ_SMS); false only when the scenario denies it. */
    deviceReadSms: device.readSms,
  }))
  .meta({ title: 'smsgw scenario', description: 'A gateway load scenario for `smsgw run`.' });

export type Scenario = z.output<typeof scenarioSchema> & {
  /** SHA-256 of the scenario file's bytes as read, hex, for the report; absent when not read from a file. */
  readonly sourceSha256?: string;
  /** `--set` overrides applied over the file, as given (a secret's value hidden); [] for none. */
  readonly overrides: readonly string[];
};
export type ScenarioInput = z.input<typeof scenarioSchema>;
