// `devices:` — several phones posting to one server in one run (a fleet): `devices: 4` virtual devices
// that share what `device:` says of them, or `devices: [emulator-5554, emulator-5556]` by name. The
// single-device form stays `device:` alone; `devices: 1` is a fleet of one, the same run.
import { z } from 'zod';
import { expected } from '../units';
import { closest } from './did-you-mean';
import { maxFleetDevices } from './defaults';

const listedKinds = ['virtual', 'emulator-5554'];

const fleetError = (issue: { input?: unknown }) =>
  expected(
    'devices',
    `a number of virtual devices from 1 to ${maxFleetDevices} (like 4), or a list of devices (like [emulator-5554, emulator-5556])`,
    issue.input,
  );

const memberError = (issue: { input?: unknown }) => {
  const input = issue.input;
  const why =
    input === 'remote'
      ? '; a remote phone is reached through one Appium console and runs alone: `device: remote`'
      : input === 'emulator'
        ? '; a fleet names each emulator by its serial, so that no two entries are the same phone'
        : typeof input === 'string' && closest(input, listedKinds) !== undefined
          ? `; did you mean \`${closest(input, listedKinds)}\`?`
          : '';
  return `${expected('devices', 'a list of `virtual` or `emulator-<port>` (like emulator-5556)', input)}${why}`;
};

const member = z
  .string({ error: memberError })
  .regex(/^(virtual|emulator-\d+)$/, { error: memberError })
  .describe('virtual | emulator-<port>.');

/** The two forms `devices:` takes, as written. */
export const fleetSchema = z
  .union(
    [
      z
        .int({ error: fleetError })
        .min(1, { error: fleetError })
        .max(maxFleetDevices, { error: fleetError })
        .describe('How many virtual devices, each as `device:` says (default: one).'),
      z
        .array(member, { error: fleetError })
        .min(1, { error: fleetError })
        .max(maxFleetDevices, { error: fleetError })
        .describe('Each device of the fleet by name: `virtual` or a running emulator by its serial.'),
    ],
    { error: fleetError },
  )
  .describe(
    `A fleet: several devices posting to the one stub, the load spread over them (the n-th fresh SMS to device ((n - 1) mod N) + 1, each device with senders of its own). \`devices: 4\`: four virtual devices that share \`device:\` (e.g. { kind: virtual, clock: 100x }). \`devices: [emulator-5554, emulator-5556]\`: named devices, without \`device:\`. At most ${maxFleetDevices}.`,
  );
export type FleetInput = z.output<typeof fleetSchema>;

/** The parts of a scenario the fleet's checks read: `device` as written (undefined when absent). */
interface FleetParts {
  readonly device?: { readonly kind: string } | undefined;
  readonly devices?: FleetInput | undefined;
  readonly messages: { readonly senders: number };
  readonly chaos: readonly { readonly device?: number | undefined }[];
}

/** Each device of the run by its `device:`-style name: one for a single device, as many as the fleet has. */
export function fleetOf(parts: Pick<FleetParts, 'device' | 'devices'>): string[] {
  const { devices } = parts;
  const kind = parts.device?.kind ?? 'virtual';
  if (devices === undefined) return [kind];
  return typeof devices === 'number' ? Array.from({ length: devices }, () => kind) : [...devices];
}

type Issue = { readonly path: (string | number)[]; readonly message: string; readonly input: unknown };

/** `device` beside `devices`: allowed only as what every virtual device of `devices: N` shares. */
function deviceBesideFleet({ device, devices }: FleetParts): Issue[] {
  if (device === undefined || devices === undefined) return [];
  if (Array.isArray(devices))
    return [
      {
        path: ['device'],
        message:
          'Expected `device` or `devices: [...]`, got both: the list names every device of the fleet, so drop `device` (virtual devices that share options are `devices: 4` with `device: { kind: virtual, … }`)',
        input: device,
      },
    ];
  if (device.kind === 'virtual') return [];
  return [
    {
      path: ['device'],
      message: `Expected \`device\` to be virtual beside \`devices: ${devices}\`, got \`${device.kind}\`: \`devices: N\` makes N virtual devices that share \`device:\`; name the devices of a fleet in \`devices: [${device.kind}, …]\` and drop \`device\``,
      input: device,
    },
  ];
}

/** The same emulator twice is one phone counted as two. */
function namedTwice({ devices }: FleetParts): Issue[] {
  if (!Array.isArray(devices)) return [];
  return devices.flatMap((name, index) =>
    name !== 'virtual' && devices.indexOf(name) !== index
      ? [
          {
            path: ['devices', index],
            message: `Expected each device of the fleet once, got \`${name}\` again (device ${devices.indexOf(name) + 1} and ${index + 1})`,
            input: name,
          },
        ]
      : [],
  );
}

/** Each device has senders of its own, so a fleet needs at least one sender per device. */
function sendersPerDevice(parts: FleetParts): Issue[] {
  const size = fleetOf(parts).length;
  if (parts.messages.senders >= size) return [];
  return [
    {
      path: ['messages', 'senders'],
      message: `Expected \`messages.senders\` to be at least the fleet's ${size} devices (each device gets senders of its own), got ${parts.messages.senders}`,
      input: parts.messages.senders,
    },
  ];
}

/** A chaos step's `device` is a 1-based index into the fleet. */
function chaosDeviceInRange(parts: FleetParts): Issue[] {
  const size = fleetOf(parts).length;
  return parts.chaos.flatMap((step, index) =>
    step.device === undefined || step.device <= size
      ? []
      : [
          {
            path: ['chaos', index, 'device'],
            message: `Expected \`device\` to be a device of the fleet, ${size === 1 ? '1 (the run has 1 device)' : `1 to ${size} (the fleet has ${size} devices)`}, got ${step.device}`,
            input: step.device,
          },
        ],
  );
}

/** Every mistake of the fleet at once, as issues at the key that holds it. */
export function checkFleet(parts: FleetParts, context: z.RefinementCtx): void {
  const issues = [
    ...deviceBesideFleet(parts),
    ...namedTwice(parts),
    ...sendersPerDevice(parts),
    ...chaosDeviceInRange(parts),
  ];
  for (const issue of issues) context.addIssue({ code: 'custom', ...issue });
}
