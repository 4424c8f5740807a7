// A power loss on an emulator, for a scenario's `kill: device`: the console's `kill` ends the
// emulator process at once, as pulling a phone's battery would (no shutdown broadcast, no drain),
// then the same AVD boots cold on the same console port, so the injector's console line comes back
// where it was. The AVD's data partition survives: the app's database, inbox and queue.
import { SmsgwError } from '../../errors';
import { getLogger } from '../../logger';
import type { CommandRunner } from './adb';
import { parseAdbEmuOutput } from './adb-emu';
import type { AdbKit } from './adb-kit';
import { emulatorDefaults as defaults } from './defaults';
import { coldBoot, requireSdk, type EmulatorEnvironment } from './emulator-control';

/** What a power loss needs beyond the serial: the AVD to boot again, the SDK's binary, where it logs. */
export interface EmulatorPower {
  readonly avd: string;
  /** The SDK's `emulator` binary. */
  readonly emulator: string;
  readonly logPath: string;
  /** The stub's port on this machine: a boot drops adb's reverse tunnels, so it is reversed again. */
  readonly reversePort?: number;
}

/** One emulator's power, through adb; `runner` boots it again. */
export interface PowerTarget {
  readonly runner: CommandRunner;
  readonly kit: AdbKit;
  readonly serial: string;
  readonly consolePort: number;
  readonly power: EmulatorPower;
  readonly sleep: (ms: number) => Promise<void>;
}

/** `adb emu avd name` prints the AVD's name, then OK; null when it printed none, or KO. */
export function parseAvdName(output: string): string | null {
  if (!parseAdbEmuOutput(output).ok) return null;
  const name = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && line !== 'OK');
  return name ?? null;
}

/** The AVD a running emulator was booted from, which is what a power loss boots again; null when it cannot tell. */
export async function readAvdName(kit: AdbKit, serial: string): Promise<string | null> {
  const output = await kit.device(serial).emu(['avd', 'name']);
  return output.code === 0 ? parseAvdName(output.stdout) : null;
}

/**
 * What `kill: device` needs to boot a running emulator again, read when the run takes it; undefined
 * (said once in the log) when its console does not name its AVD, and then the run refuses a power loss
 * before its load starts.
 */
export async function findEmulatorPower(
  environment: EmulatorEnvironment,
  kit: AdbKit,
  serial: string,
  options: { readonly logPath: string; readonly reversePort?: number },
): Promise<EmulatorPower | undefined> {
  const tools = requireSdk(environment);
  const avd = await readAvdName(kit, serial);
  if (avd !== null) return { avd, emulator: tools.emulator, ...options };
  getLogger('emulator').warn(
    `${serial} does not name its AVD (\`adb -s ${serial} emu avd name\`): \`kill: device\` is refused on it`,
  );
  return undefined;
}

/** Kills the emulator through its console, then waits until adb no longer lists it: its process is gone. */
export async function cutPower(target: PowerTarget): Promise<void> {
  const { kit, serial } = target;
  const killed = await kit.device(serial).emu(['kill']);
  const answer = parseAdbEmuOutput(killed.stdout);
  if (!answer.ok)
    throw new SmsgwError('device-unavailable', `The console of ${serial} refused \`kill\`: ${answer.reason}`);
  for (let waited = 0; waited <= defaults.powerOffTimeoutMs; waited += defaults.powerOffPollMs) {
    if (!(await kit.devices()).some((device) => device.serial === serial)) return;
    await target.sleep(defaults.powerOffPollMs);
  }
  throw new SmsgwError(
    'device-unavailable',
    `${serial} was still running ${defaults.powerOffTimeoutMs / 1000}s after its console's \`kill\``,
    { hint: `see \`adb devices\`; stop it with \`adb -s ${serial} emu kill\`` },
  );
}

/** Boots the same AVD cold on the same console port, then reverses the stub's port again. */
export async function bootAgain(target: PowerTarget): Promise<void> {
  const { kit, serial, power } = target;
  await coldBoot(target.runner, kit, {
    avd: power.avd,
    emulator: power.emulator,
    port: target.consolePort,
    timeoutMs: defaults.bootTimeoutMs,
    logPath: power.logPath,
  });
  const port = power.reversePort;
  if (port === undefined) return;
  await kit
    .device(serial)
    .reverse(port)
    .catch((error: unknown) => {
      if (error instanceof SmsgwError) throw error;
      throw new SmsgwError(
        'device-unavailable',
        `adb reverse failed on ${serial} after its boot: ${String((error as Error).message)}`,
        {
          hint: `run: adb -s ${serial} reverse tcp:${port} tcp:${port}`,
        },
      );
    });
}
