// POST_NOTIFICATIONS (Android 13, API 33, and later) only lets Android show the "Forwarding N SMS"
// notification of the foreground service that runs while a backlog drains; the service, and the
// forwarding, run without it (Android then hides the notification). So nothing asks for it at
// onboarding: the user asks for it with the Settings switch "Show a notification while forwarding", and a
// refusal is remembered (the setting `notificationDeclined`), so a caller that is not the user's own tap
// never asks again by itself.
import type { AppService, DeviceSetup } from './app-service';

const ANDROID_13 = 33;

export type NotificationPermissionState =
  /** Below Android 13: no runtime permission, the notification shows without asking. */
  | 'not-needed'
  | 'granted'
  | 'not-asked'
  /** Refused; Android may still show the dialog when asked again. */
  | 'declined'
  /** Refused, and Android shows no dialog any more: only App info → Notifications can allow it. */
  | 'blocked';

/** Where the user's refusal is kept between starts. */
export interface DeclinedMemory {
  declined(): Promise<boolean>;
  remember(declined: boolean): Promise<void>;
}

export interface NotificationPermissionDeps {
  readonly device: Pick<DeviceSetup, 'apiLevel' | 'missingPermissions' | 'requestPermission'>;
  readonly memory: DeclinedMemory;
}

/** The refusal kept in the app's settings. */
export function settingsMemory(appService: Pick<AppService, 'settings' | 'saveSettings'>): DeclinedMemory {
  return {
    declined: async () => (await appService.settings()).notificationDeclined === true,
    remember: async (declined) => {
      await appService.saveSettings({ notificationDeclined: declined });
    },
  };
}

/** Where the permission stands, without asking. */
export async function notificationPermissionState(
  deps: NotificationPermissionDeps,
): Promise<NotificationPermissionState> {
  if (deps.device.apiLevel < ANDROID_13) return 'not-needed';
  if (!(await deps.device.missingPermissions()).includes('notifications')) return 'granted';
  return (await deps.memory.declined()) ? 'declined' : 'not-asked';
}

/**
 * Asks for POST_NOTIFICATIONS if the forwarding notification needs it and it is missing: never below
 * Android 13, never when granted, and after a refusal only when `askAgain` (the user's own tap).
 * Resolves with where it stands afterwards; a refusal is remembered.
 */
export async function ensureNotificationPermission(
  deps: NotificationPermissionDeps,
  options: { readonly askAgain?: boolean } = {},
): Promise<NotificationPermissionState> {
  const before = await notificationPermissionState(deps);
  if (before === 'not-needed' || before === 'granted') return before;
  if (before === 'declined' && options.askAgain !== true) return before;
  const answer = await deps.device.requestPermission('notifications');
  if (answer === 'granted') {
    if (before === 'declined') await deps.memory.remember(false);
    return 'granted';
  }
  await deps.memory.remember(true);
  return answer === 'never_ask_again' ? 'blocked' : 'declined';
}
