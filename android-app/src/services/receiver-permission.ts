// Without RECEIVE_SMS the phone delivers no SMS to us: health must say so (category `permissions`)
// instead of looking healthy and idle. Checked at start and whenever the app comes back to the front,
// since the permission is granted or revoked in the system settings, outside the app. Onboarding asks
// for it here, and says the way by hand once Android shows no dialog any more.
import type { Engine } from '../engine';
import type { DeviceSetup } from './app-service';

export const RECEIVER_PAUSED_REASON = 'RECEIVE_SMS permission not granted: open the app and grant it';

/** Pauses or resumes the engine's receiver to match the permission; resolves with whether it is granted. */
export async function syncReceiverPermission(
  device: Pick<DeviceSetup, 'missingPermissions'>,
  engine: Pick<Engine, 'pauseReceiver' | 'resumeReceiver'>,
): Promise<boolean> {
  const granted = !(await device.missingPermissions()).includes('receive-sms');
  if (granted) engine.resumeReceiver();
  else engine.pauseReceiver(RECEIVER_PAUSED_REASON);
  return granted;
}

/** RECEIVE_SMS as onboarding sees it: granted, missing (Android still asks), or blocked (only App info can grant it). */
export type ReceiverPermissionState = 'granted' | 'missing' | 'blocked';

export const RECEIVE_SMS_WHY =
  'Without the SMS permission Android hands no SMS to the gateway: nothing arrives, so nothing is forwarded.';

/**
 * Asks for RECEIVE_SMS alone: POST_NOTIFICATIONS waits until the forwarding notification needs it
 * (notification-permission.ts), and READ_SMS until recovery is switched on in Settings.
 */
export async function requestReceiverPermission(
  device: Pick<DeviceSetup, 'requestPermission'>,
): Promise<ReceiverPermissionState> {
  const answer = await device.requestPermission('receive-sms');
  if (answer === 'granted') return 'granted';
  return answer === 'never_ask_again' ? 'blocked' : 'missing';
}

const ANDROID_13 = 33;
const ANDROID_15 = 35;

export interface BlockedHelp {
  /** The way to the permission by hand, on every Android version. */
  readonly steps: string;
  /** Restricted settings, from Android 13 on; null below. */
  readonly restricted: string | null;
}

/**
 * What to do once Android no longer shows the dialog. From Android 15 on, an app installed from an APK
 * file (not from a store) is refused the SMS permissions with a "Restricted setting" dialog, and after
 * that first time with no dialog at all, until the user allows restricted settings on the app's App info
 * page; the ⋮ menu item appears only once Android has shown that dialog. Android 13 and 14 restrict
 * accessibility and notification access that way, not SMS, but a manufacturer's build may go further.
 */
export function receiverBlockedHelp(apiLevel: number): BlockedHelp {
  const steps =
    'Android no longer shows the dialog (refused before, or "Don\'t ask again"). Allow it by hand: ' +
    'Open app settings → Permissions → SMS → Allow.';
  if (apiLevel < ANDROID_13) return { steps, restricted: null };
  const why =
    apiLevel >= ANDROID_15
      ? 'Android 15 and later refuse SMS permissions to an app installed from an APK file until you allow it'
      : 'Android 13 and 14 do this for accessibility and notification access, not SMS, but a phone maker may go further';
  return {
    steps,
    restricted:
      `If Android says "Restricted setting" (${why}): on the same App info page tap ⋮ (top right) → ` +
      'Allow restricted settings, confirm, then allow SMS.',
  };
}
