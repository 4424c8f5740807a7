// Doze on an emulator or phone, through adb, as Android's own Doze testing steps do it: on battery
// (`dumpsys battery unplug`, since a charging device never dozes), then `dumpsys deviceidle
// force-idle`; at the end `dumpsys deviceidle unforce` and `dumpsys battery reset`. Android then
// runs the app's jobs and network in its maintenance windows, and still delivers SMS_RECEIVED
// (a high-priority broadcast).
import { SmsgwError } from '../../errors';
import type { DeviceAdb } from './adb-kit';

/** What `force-idle` prints once the device is in deep idle; anything else means it is not. */
const forcedIdle = 'Now forced in to deep idle mode';

export async function setEmulatorDoze(device: DeviceAdb, dozing: boolean): Promise<void> {
  const { serial } = device;
  const shell = async (...args: string[]): Promise<string> => {
    const output = await device.shell(args);
    const text = `${output.stdout}${output.stderr}`.trim();
    if (output.code !== 0)
      throw new SmsgwError('device-unavailable', `\`${args.join(' ')}\` failed on ${serial}: ${text}`);
    return text;
  };
  if (!dozing) {
    await shell('dumpsys', 'deviceidle', 'unforce');
    await shell('dumpsys', 'battery', 'reset');
    return;
  }
  await shell('dumpsys', 'battery', 'unplug');
  const idle = await shell('dumpsys', 'deviceidle', 'force-idle');
  if (!idle.includes(forcedIdle)) {
    // Leave the battery as it was: a half-started Doze must not outlive the step.
    await shell('dumpsys', 'battery', 'reset');
    throw new SmsgwError('device-unavailable', `${serial} did not go into Doze: ${idle || 'no answer'}`, {
      hint: `\`adb -s ${serial} shell dumpsys deviceidle enable\` turns Doze on where it is off`,
    });
  }
}
